// What an iOS app declares about itself: Info.plist (bundle id, versions, the texts shown with
// each permission prompt, the SKAdNetwork ids of the ad networks it works with), its privacy
// manifests (PrivacyInfo.xcprivacy, Apple's required-reason and tracking declarations) and the
// entitlements file an exported IPA carries.
import { isDictionary, type PlistValue, readPropertyList } from './property-list.ts';
import type { PrivacyManifest } from './package-inspection-schema.ts';

function text(value: PlistValue | undefined): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function flag(value: PlistValue | undefined): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

export interface InfoPlistFacts {
  bundleId: string;
  shortVersion?: string;
  buildVersion?: string;
  minimumOsVersion?: string;
  usageDescriptions: Record<string, string>;
  skAdNetworkIds: string[];
}

export function readInfoPlist(content: Buffer): InfoPlistFacts {
  const info = readPropertyList(content);
  if (!isDictionary(info)) throw new Error('Info.plist is not a dictionary');
  const bundleId = text(info.CFBundleIdentifier);
  if (!bundleId) throw new Error('Info.plist has no CFBundleIdentifier');
  const usageDescriptions: Record<string, string> = {};
  for (const key of Object.keys(info).sort()) {
    const value = text(info[key]);
    if (/^NS\w+UsageDescription$/.test(key) && value !== undefined) usageDescriptions[key] = value;
  }
  const items = Array.isArray(info.SKAdNetworkItems) ? info.SKAdNetworkItems : [];
  const skAdNetworkIds = items.flatMap((item) => {
    const id = isDictionary(item) ? text(item.SKAdNetworkIdentifier) : undefined;
    return id ? [id.toLowerCase()] : [];
  });
  const shortVersion = text(info.CFBundleShortVersionString);
  const buildVersion = text(info.CFBundleVersion);
  const minimumOsVersion = text(info.MinimumOSVersion);
  return {
    bundleId,
    ...(shortVersion ? { shortVersion } : {}),
    ...(buildVersion ? { buildVersion } : {}),
    ...(minimumOsVersion ? { minimumOsVersion } : {}),
    usageDescriptions,
    skAdNetworkIds: [...new Set(skAdNetworkIds)],
  };
}

export function readPrivacyManifest(file: string, content: Buffer): PrivacyManifest {
  const manifest = readPropertyList(content);
  if (!isDictionary(manifest)) throw new Error('the privacy manifest is not a dictionary');
  const domains = Array.isArray(manifest.NSPrivacyTrackingDomains) ? manifest.NSPrivacyTrackingDomains.flatMap((domain) => (typeof domain === 'string' ? [domain.toLowerCase()] : [])) : [];
  const collected = Array.isArray(manifest.NSPrivacyCollectedDataTypes) ? manifest.NSPrivacyCollectedDataTypes : [];
  return {
    file,
    tracking: flag(manifest.NSPrivacyTracking),
    trackingDomains: domains,
    collectedDataTypes: collected.filter(isDictionary).map((entry) => ({
      type: text(entry.NSPrivacyCollectedDataType) ?? '(unnamed)',
      linked: flag(entry.NSPrivacyCollectedDataTypeLinked),
      tracking: flag(entry.NSPrivacyCollectedDataTypeTracking),
      purposes: Array.isArray(entry.NSPrivacyCollectedDataTypePurposes) ? entry.NSPrivacyCollectedDataTypePurposes.flatMap((purpose) => (typeof purpose === 'string' ? [purpose] : [])) : [],
    })),
  };
}

/** The keys of an entitlements plist (archived-expanded-entitlements.xcent). */
export function readEntitlements(content: Buffer): string[] {
  const entitlements = readPropertyList(content);
  if (!isDictionary(entitlements)) throw new Error('the entitlements file is not a dictionary');
  return Object.keys(entitlements).sort();
}
