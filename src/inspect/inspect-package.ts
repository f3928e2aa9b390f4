// `gameaudit inspect` and the device capture's inspection step: what an app package contains.
// Takes an .apk, a split set (.apks, .xapk, or a folder of base + config splits) or an .ipa;
// every file is hashed, every archive streamed entry by entry (zip-archive.ts).
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { InputFileError } from '../errors.ts';
import { readManifest } from './android-manifest.ts';
import { dexClassDescriptors, dexStringsPresent } from './dex-classes.ts';
import { enginesInDescriptors, enginesInNames, orderEngines } from './engine-detection.ts';
import { hashFile } from './file-hash.ts';
import { readEntitlements, readInfoPlist, readPrivacyManifest, type InfoPlistFacts } from './ios-declarations.ts';
import type { ManifestFacts, PackageInspection, PrivacyManifest } from './package-inspection-schema.ts';
import { readPropertyList, isDictionary } from './property-list.ts';
import { loadSignatures, SignatureTally, type SdkSignature } from './sdk-signatures.ts';
import { loadSkAdNetworkIds } from './skadnetwork-catalogue.ts';
import { walkZip } from './zip-archive.ts';

type Unreadable = PackageInspection['unreadable'];
type PackageFile = PackageInspection['files'][number];

export interface InspectOptions {
  signatures?: readonly SdkSignature[];
  skAdNetworkIds?: ReadonlyMap<string, string | null>;
  /** How each file is named in the result (a bundle names pulled files by their bundle path). */
  displayPath?: (file: string) => string;
}

const dexEntry = /^classes\d*\.dex$/;

interface ApkContents {
  manifest?: ManifestFacts;
  dexFiles: { file: string; classes: number }[];
}

/** Reads one APK; each DEX file's classes are tallied and dropped before the next is read. */
async function readApk(file: string, label: string, unreadable: Unreadable, tally: SignatureTally, engines: Set<string>): Promise<ApkContents> {
  const contents: ApkContents = { dexFiles: [] };
  try {
    await walkZip(file, (entry) => {
      if (entry.name === 'AndroidManifest.xml') {
        return {
          kind: 'buffer',
          use: (content) => {
            try {
              contents.manifest = readManifest(content);
            } catch (error) {
              unreadable.push({ part: `${label}!AndroidManifest.xml`, reason: `not readable Android binary XML: ${(error as Error).message}` });
            }
          },
        };
      }
      if (dexEntry.test(entry.name)) {
        return {
          kind: 'buffer',
          use: (content) => {
            try {
              const descriptors = dexClassDescriptors(content).sort();
              contents.dexFiles.push({ file: `${label}!${entry.name}`, classes: descriptors.length });
              tally.addSortedDescriptors(descriptors);
              tally.addDexStrings(dexStringsPresent(content, tally.wantedDexStrings));
              for (const engine of enginesInDescriptors(descriptors)) engines.add(engine);
            } catch (error) {
              unreadable.push({ part: `${label}!${entry.name}`, reason: `not a readable DEX file: ${(error as Error).message}` });
            }
          },
        };
      }
      return { kind: 'skip' };
    });
  } catch (error) {
    unreadable.push({ part: label, reason: `not a readable zip archive: ${(error as Error).message}` });
  }
  if (!contents.manifest && !unreadable.some((entry) => entry.part.startsWith(label))) unreadable.push({ part: `${label}!AndroidManifest.xml`, reason: 'the archive has no AndroidManifest.xml' });
  return contents;
}

async function inspectApks(apks: { file: string; label: string; setFile?: PackageFile }[], options: Required<Pick<InspectOptions, 'signatures'>>): Promise<PackageInspection> {
  const unreadable: Unreadable = [];
  const files: PackageFile[] = [];
  const manifests: ManifestFacts[] = [];
  const dexFiles: { file: string; classes: number }[] = [];
  const tally = new SignatureTally(options.signatures);
  const engines = new Set<string>();
  for (const apk of apks) {
    const contents = await readApk(apk.file, apk.label, unreadable, tally, engines);
    const hash = await hashFile(apk.file);
    files.push({ path: apk.label, role: 'apk', sha256: hash.sha256, bytes: hash.bytes, ...(contents.manifest?.split ? { split: contents.manifest.split } : {}) });
    if (contents.manifest) manifests.push(contents.manifest);
    dexFiles.push(...contents.dexFiles);
  }
  // The base APK (no split name) first, then the splits by name.
  manifests.sort((a, b) => (a.split ?? '').localeCompare(b.split ?? ''));
  for (const engine of enginesInNames(manifests.flatMap((manifest) => manifest.activities), [])) engines.add(engine);
  return {
    platform: 'android',
    files: apks[0]?.setFile ? [apks[0].setFile, ...files] : files,
    android: { manifests, dexFiles, classCount: dexFiles.reduce((sum, dex) => sum + dex.classes, 0) },
    engines: orderEngines(engines),
    sdks: tally.result(),
    unreadable,
  };
}

/** The entitlements plist inside embedded.mobileprovision (a CMS envelope around an XML plist). */
function provisionedEntitlements(content: Buffer): string[] {
  const start = content.indexOf('<?xml');
  const end = content.indexOf('</plist>');
  if (start < 0 || end < 0) throw new Error('no property list inside the provisioning profile');
  const profile = readPropertyList(content.subarray(start, end + '</plist>'.length));
  const entitlements = isDictionary(profile) ? profile.Entitlements : undefined;
  if (!isDictionary(entitlements)) throw new Error('the provisioning profile has no Entitlements');
  return Object.keys(entitlements).sort();
}

async function inspectIpa(file: string, label: string, options: Required<Pick<InspectOptions, 'signatures' | 'skAdNetworkIds'>>): Promise<PackageInspection> {
  const unreadable: Unreadable = [];
  let info: InfoPlistFacts | undefined;
  const frameworks = new Set<string>();
  const privacyManifests: PrivacyManifest[] = [];
  let entitlements: string[] | undefined;
  const appInfo = /^Payload\/[^/]+\.app\/Info\.plist$/;
  const frameworkPath = /^Payload\/[^/]+\.app\/Frameworks\/([^/]+)\.framework\//;
  const guard = (part: string, read: () => void): void => {
    try {
      read();
    } catch (error) {
      unreadable.push({ part: `${label}!${part}`, reason: (error as Error).message });
    }
  };
  try {
    await walkZip(file, (entry) => {
      const framework = frameworkPath.exec(entry.name);
      if (framework) frameworks.add(framework[1]!);
      if (appInfo.test(entry.name)) return { kind: 'buffer', use: (content) => guard(entry.name, () => (info = readInfoPlist(content))) };
      if (entry.name.endsWith('/PrivacyInfo.xcprivacy')) return { kind: 'buffer', use: (content) => guard(entry.name, () => privacyManifests.push(readPrivacyManifest(entry.name, content))) };
      if (/^Payload\/[^/]+\.app\/archived-expanded-entitlements\.xcent$/.test(entry.name)) {
        return { kind: 'buffer', use: (content) => guard(entry.name, () => (entitlements = readEntitlements(content))) };
      }
      if (/^Payload\/[^/]+\.app\/embedded\.mobileprovision$/.test(entry.name)) {
        return { kind: 'buffer', use: (content) => guard(entry.name, () => (entitlements ??= provisionedEntitlements(content))) };
      }
      return { kind: 'skip' };
    });
  } catch (error) {
    unreadable.push({ part: label, reason: `not a readable zip archive: ${(error as Error).message}` });
  }
  if (!info && !unreadable.some((entry) => entry.part.endsWith('Info.plist') || entry.part === label)) unreadable.push({ part: `${label}!Payload/*.app/Info.plist`, reason: 'the archive has no app Info.plist' });
  if (!entitlements) unreadable.push({ part: `${label}!entitlements`, reason: 'no archived-expanded-entitlements.xcent or embedded.mobileprovision: the entitlements (e.g. Declared Age Range) are unknown' });
  const hash = await hashFile(file);
  const frameworkList = [...frameworks].sort();
  const tally = new SignatureTally(options.signatures);
  tally.addFrameworksAndEntitlements(frameworkList, entitlements ?? []);
  privacyManifests.sort((a, b) => a.file.localeCompare(b.file));
  return {
    platform: 'ios',
    files: [{ path: label, role: 'ipa', sha256: hash.sha256, bytes: hash.bytes }],
    ios: {
      bundleId: info?.bundleId ?? '',
      ...(info?.shortVersion ? { shortVersion: info.shortVersion } : {}),
      ...(info?.buildVersion ? { buildVersion: info.buildVersion } : {}),
      ...(info?.minimumOsVersion ? { minimumOsVersion: info.minimumOsVersion } : {}),
      usageDescriptions: info?.usageDescriptions ?? {},
      skAdNetworks: (info?.skAdNetworkIds ?? []).map((id) => ({ id, network: options.skAdNetworkIds.get(id) ?? null })),
      frameworks: frameworkList,
      privacyManifests,
      entitlements: entitlements ?? null,
    },
    engines: enginesInNames([], frameworkList),
    sdks: tally.result(),
    unreadable,
  };
}

/** The APK entries of a split set (.apks from bundletool, .xapk from APKPure), each written to a temporary file. */
async function extractSplitSet(file: string, workDir: string): Promise<{ file: string; entry: string }[]> {
  const extracted: { file: string; entry: string }[] = [];
  await walkZip(file, (entry) => {
    if (!entry.name.toLowerCase().endsWith('.apk')) return { kind: 'skip' };
    const target = join(workDir, `${extracted.length}-${basename(entry.name)}`);
    return { kind: 'file', path: target, use: () => void extracted.push({ file: target, entry: entry.name }) };
  });
  return extracted;
}

/** Inspects one package file or a folder of split APKs; a path that is none of these is the user's mistake (exit 2). */
export async function inspectPackage(input: string, options: InspectOptions = {}): Promise<PackageInspection> {
  const signatures = options.signatures ?? loadSignatures();
  const skAdNetworkIds = options.skAdNetworkIds ?? loadSkAdNetworkIds();
  const display = options.displayPath ?? ((file: string) => file);
  const info = await stat(input).catch(() => undefined);
  if (!info) throw new InputFileError(input, 'no such file or folder: give an .apk, .apks, .xapk, .ipa or a folder of split APKs');
  if (info.isDirectory()) {
    const apks = (await readdir(input)).filter((name) => name.toLowerCase().endsWith('.apk')).sort();
    if (apks.length === 0) throw new InputFileError(input, 'the folder holds no .apk files: give a folder with the base APK and its splits');
    return inspectApks(apks.map((name) => ({ file: join(input, name), label: display(join(input, name)) })), { signatures });
  }
  const extension = extname(input).toLowerCase();
  if (extension === '.apk') return inspectApks([{ file: input, label: display(input) }], { signatures });
  if (extension === '.ipa') return inspectIpa(input, display(input), { signatures, skAdNetworkIds });
  if (extension === '.apks' || extension === '.xapk') {
    const workDir = await mkdtemp(join(tmpdir(), 'gameaudit-splits-'));
    try {
      const splits = await extractSplitSet(input, workDir).catch((error: Error) => {
        throw new InputFileError(input, `not a readable split set (zip) archive: ${error.message}`);
      });
      if (splits.length === 0) throw new InputFileError(input, 'the split set holds no .apk entries');
      const setHash = await hashFile(input);
      const setFile: PackageFile = { path: display(input), role: 'split-set', sha256: setHash.sha256, bytes: setHash.bytes };
      return await inspectApks(splits.map((split) => ({ file: split.file, label: `${display(input)}!${split.entry}`, setFile })), { signatures });
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }
  throw new InputFileError(input, `"${extension || basename(input)}" is not a package gameaudit reads: give an .apk, .apks, .xapk, .ipa or a folder of split APKs`);
}
