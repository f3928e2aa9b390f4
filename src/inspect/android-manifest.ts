// What an APK's AndroidManifest.xml declares. The binary XML (AXML) is decoded by
// @devicefarmer/adbkit-apkreader's parser (README: dependencies); we walk its tree ourselves
// because the library's own manifest summary leaves out the application's <meta-data>, which is
// where AdMob's application id and the SDKs' data-collection switches are declared.
import BinaryXmlParser, { type BinaryXmlElement } from '@devicefarmer/adbkit-apkreader/lib/apkreader/parser/binaryxml.js';
import type { DeclaredPermission, ManifestFacts, ManifestMetaData } from './package-inspection-schema.ts';
import { describePermission } from './android-permissions.ts';

function attributes(element: BinaryXmlElement): Map<string, unknown> {
  return new Map(element.attributes.map((attribute) => [attribute.name, attribute.typedValue.value ?? attribute.value]));
}

function text(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

function whole(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

const componentTags = new Set(['activity', 'activity-alias', 'service', 'receiver', 'provider']);

/** Reads a manifest's AXML bytes; throws when they are not Android binary XML. */
export function readManifest(axml: Buffer): ManifestFacts {
  const root = new BinaryXmlParser(axml).parse();
  if (root.nodeName !== 'manifest') throw new Error(`the root element is <${root.nodeName}>, not <manifest>`);
  const top = attributes(root);
  const permissions: DeclaredPermission[] = [];
  const metaData: ManifestMetaData[] = [];
  const activities: string[] = [];
  const components: string[] = [];
  let minSdk: number | undefined;
  let targetSdk: number | undefined;
  const packageName = text(top.get('package')) ?? '';
  // Component names may be written relative to the package (".MainActivity").
  const qualify = (name: string): string => (name.startsWith('.') ? `${packageName}${name}` : name);

  const visit = (element: BinaryXmlElement, owner: string): void => {
    const attrs = attributes(element);
    if (element.nodeName === 'uses-permission' || element.nodeName === 'uses-permission-sdk-23') {
      const name = text(attrs.get('name'));
      if (name) {
        const maxSdkVersion = whole(attrs.get('maxSdkVersion'));
        permissions.push({ name, ...describePermission(name), ...(maxSdkVersion !== undefined ? { maxSdkVersion } : {}) });
      }
    } else if (element.nodeName === 'uses-sdk') {
      minSdk = whole(attrs.get('minSdkVersion'));
      targetSdk = whole(attrs.get('targetSdkVersion'));
    } else if (element.nodeName === 'meta-data') {
      const name = text(attrs.get('name'));
      const value = attrs.get('value') ?? attrs.get('resource');
      if (name) metaData.push({ name, value: value === undefined || value === null ? null : typeof value === 'boolean' || typeof value === 'number' ? value : String(value), in: owner });
    }
    let childOwner = owner;
    if (componentTags.has(element.nodeName)) {
      const name = text(attrs.get('name'));
      if (name) {
        childOwner = qualify(name);
        if (element.nodeName === 'activity' || element.nodeName === 'activity-alias') activities.push(childOwner);
        else components.push(childOwner);
      }
    }
    for (const child of element.childNodes) visit(child, childOwner);
  };
  for (const child of root.childNodes) visit(child, child.nodeName === 'application' ? 'application' : 'manifest');

  const versionCode = whole(top.get('versionCode'));
  return {
    package: packageName,
    ...(text(top.get('versionName')) !== undefined ? { versionName: text(top.get('versionName'))! } : {}),
    ...(versionCode !== undefined ? { versionCode } : {}),
    ...(minSdk !== undefined ? { minSdk } : {}),
    ...(targetSdk !== undefined ? { targetSdk } : {}),
    ...(text(top.get('split')) !== undefined ? { split: text(top.get('split'))! } : {}),
    permissions,
    metaData,
    activities,
    components,
  };
}
