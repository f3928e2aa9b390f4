// What the package says against what the capture saw. Pure: the package inventory and the
// analysed traffic in, statuses and mismatches out; checks and the report read the result.
// Exodus Privacy lists what a package embeds and says it is "not a proof of activity"; this is
// the other half, per SDK, with the three answers kept apart:
//   embedded and seen active · embedded, not seen in the capture · seen but not embedded.
import type { AnalysedEntry } from '../analysis/types.ts';
import type { EmbeddedSdk, PackageInspection } from './package-inspection-schema.ts';

/** Categories of SDK traffic an embedded tracking SDK is recognised by (consent tools send their own). */
const sdkTrafficCategories = new Set(['advertising', 'attribution', 'analytics', 'crash-reporting', 'consent']);
const trackingCategories = new Set(['advertising', 'attribution', 'analytics']);

export type SdkStatus = 'embedded-and-seen' | 'embedded-not-seen' | 'seen-not-embedded';

export interface SdkCorrelation {
  company: string;
  product: string;
  status: SdkStatus;
  /** HAR entries of the SDK's company and product (empty for embedded-not-seen). */
  entries: number[];
  matchedBy: string[];
}

/** The words the report and the checks use for each status (Exodus's caveat said plainly). */
export const sdkStatusWords: Record<SdkStatus, string> = {
  'embedded-and-seen': 'embedded and seen active in the capture',
  'embedded-not-seen': 'embedded, not seen in the capture — carrying an SDK is not proof it was active',
  'seen-not-embedded': 'seen but not embedded — served from a server or through another SDK (mediation), or its code is renamed',
};

function sameSdk(sdk: Pick<EmbeddedSdk, 'company' | 'product'>, entry: AnalysedEntry): boolean {
  const tracker = entry.tracker;
  if (!tracker || tracker.organization.toLowerCase() !== sdk.company.toLowerCase()) return false;
  // Catalogue attributions name the product; Ghostery's name only the company.
  return tracker.product === undefined || tracker.product === sdk.product;
}

function sdkTraffic(entries: readonly AnalysedEntry[]): AnalysedEntry[] {
  return entries.filter((entry) => entry.party === 'third' && !entry.deviceTraffic && entry.tracker !== undefined && sdkTrafficCategories.has(entry.tracker.category));
}

/** Whether the package's code inventory could be read in full: otherwise "not embedded" is unknown. */
export function codeInventoryComplete(inspection: PackageInspection): boolean {
  return !inspection.unreadable.some((part) => /\.dex$|!entitlements$|^[^!]+$/.test(part.part));
}

export function correlateSdks(inspection: PackageInspection, entries: readonly AnalysedEntry[]): SdkCorrelation[] {
  const traffic = sdkTraffic(entries);
  const correlations: SdkCorrelation[] = [];
  for (const sdk of inspection.sdks.filter((candidate) => candidate.purpose === 'tracking')) {
    const seen = traffic.filter((entry) => sameSdk(sdk, entry)).map((entry) => entry.index);
    correlations.push({ company: sdk.company, product: sdk.product, status: seen.length > 0 ? 'embedded-and-seen' : 'embedded-not-seen', entries: seen, matchedBy: sdk.matchedBy });
  }
  // Traffic of a company and product no embedded SDK accounts for.
  const unexplained = new Map<string, SdkCorrelation>();
  for (const entry of traffic) {
    if (inspection.sdks.some((sdk) => sdk.purpose === 'tracking' && sameSdk(sdk, entry))) continue;
    const tracker = entry.tracker!;
    const product = tracker.product ?? tracker.organization;
    const key = `${tracker.organization}\u0000${product}`;
    const known = unexplained.get(key) ?? { company: tracker.organization, product, status: 'seen-not-embedded' as const, entries: [], matchedBy: [] };
    known.entries.push(entry.index);
    unexplained.set(key, known);
  }
  return [...correlations, ...[...unexplained.values()].sort((a, b) => a.company.localeCompare(b.company) || a.product.localeCompare(b.product))];
}

/** A host is declared when it is, or is under, one of the privacy manifests' tracking domains. */
export function declaredTrackingDomain(host: string, declared: readonly string[]): string | undefined {
  return declared.find((domain) => host === domain || host.endsWith(`.${domain}`));
}

export interface UndeclaredTrackingHost {
  host: string;
  organization: string;
  entries: number[];
}

/** Tracking hosts contacted that no privacy manifest in the package lists in NSPrivacyTrackingDomains. */
export function undeclaredTrackingHosts(inspection: PackageInspection, entries: readonly AnalysedEntry[]): UndeclaredTrackingHost[] {
  const declared = (inspection.ios?.privacyManifests ?? []).flatMap((manifest) => manifest.trackingDomains);
  const byHost = new Map<string, UndeclaredTrackingHost>();
  for (const entry of entries) {
    if (entry.party !== 'third' || entry.deviceTraffic || !entry.tracker || !trackingCategories.has(entry.tracker.category)) continue;
    if (declaredTrackingDomain(entry.host, declared)) continue;
    const found = byHost.get(entry.host) ?? { host: entry.host, organization: entry.tracker.organization, entries: [] };
    found.entries.push(entry.index);
    byHost.set(entry.host, found);
  }
  return [...byHost.values()].sort((a, b) => a.host.localeCompare(b.host));
}

/**
 * Identifier kinds seen in traffic and the privacy-manifest data type that declares them
 * (developer.apple.com "Describing data use in privacy manifests"): the advertising id and
 * device ids are NSPrivacyCollectedDataTypeDeviceID; locations are precise or coarse location.
 */
export const dataTypeForIdentifier: Record<string, readonly string[]> = {
  advertisingId: ['NSPrivacyCollectedDataTypeDeviceID'],
  idfa: ['NSPrivacyCollectedDataTypeDeviceID'],
  idfv: ['NSPrivacyCollectedDataTypeDeviceID'],
  email: ['NSPrivacyCollectedDataTypeEmailAddress'],
  phone: ['NSPrivacyCollectedDataTypePhoneNumber'],
  location: ['NSPrivacyCollectedDataTypePreciseLocation', 'NSPrivacyCollectedDataTypeCoarseLocation'],
};

export interface UndeclaredData {
  identifierKind: string;
  dataTypes: readonly string[];
  entries: number[];
}

/** Data sent to third parties whose privacy-manifest data type no manifest in the package declares. */
export function undeclaredData(inspection: PackageInspection, entries: readonly AnalysedEntry[]): UndeclaredData[] {
  const declaredTypes = new Set((inspection.ios?.privacyManifests ?? []).flatMap((manifest) => manifest.collectedDataTypes.map((entry) => entry.type)));
  const found = new Map<string, UndeclaredData>();
  for (const entry of entries) {
    if (entry.party !== 'third' || entry.deviceTraffic) continue;
    const kinds = [...new Set([...entry.identifiers.map((hit) => hit.kind), ...(entry.location ? ['location'] : [])])];
    for (const kind of kinds) {
      const dataTypes = dataTypeForIdentifier[kind];
      if (!dataTypes || dataTypes.some((type) => declaredTypes.has(type))) continue;
      const record = found.get(kind) ?? { identifierKind: kind, dataTypes, entries: [] };
      record.entries.push(entry.index);
      found.set(kind, record);
    }
  }
  return [...found.values()];
}

/**
 * Android manifest switches an SDK documents for turning collection off, and the traffic that
 * contradicts them. Firebase: firebase_analytics_collection_enabled (firebase.google.com/docs/analytics/configure-data-collection);
 * Meta: com.facebook.sdk.AdvertiserIDCollectionEnabled (developers.facebook.com/docs/app-events/gdpr-compliance).
 */
const offSwitches: readonly { metaData: string; company: string; product: string; contradictedBy: (entry: AnalysedEntry) => boolean; what: string }[] = [
  { metaData: 'firebase_analytics_collection_enabled', company: 'Google', product: 'Firebase / Google Analytics for apps', contradictedBy: () => true, what: 'Firebase Analytics requests were sent' },
  {
    metaData: 'com.facebook.sdk.AdvertiserIDCollectionEnabled',
    company: 'Meta',
    product: 'Meta Audience Network / Facebook SDK',
    contradictedBy: (entry) => entry.identifiers.some((hit) => hit.kind === 'advertisingId'),
    what: 'the advertising id was sent to Meta',
  },
];

export interface ContradictedSwitch {
  metaData: string;
  what: string;
  entries: number[];
}

function isOff(value: string | number | boolean | null): boolean {
  return value === false || value === 0 || value === 'false';
}

export function contradictedSwitches(inspection: PackageInspection, entries: readonly AnalysedEntry[]): ContradictedSwitch[] {
  const metaData = (inspection.android?.manifests ?? []).flatMap((manifest) => manifest.metaData.filter((entry) => entry.in === 'application'));
  const found: ContradictedSwitch[] = [];
  for (const rule of offSwitches) {
    const declared = metaData.find((entry) => entry.name === rule.metaData);
    if (!declared || !isOff(declared.value)) continue;
    const contradicting = sdkTraffic(entries).filter((entry) => sameSdk(rule, entry) && rule.contradictedBy(entry)).map((entry) => entry.index);
    if (contradicting.length > 0) found.push({ metaData: rule.metaData, what: rule.what, entries: contradicting });
  }
  return found;
}

/** The age-assurance APIs the package carries (Play Age Signals, Declared Age Range). */
export function embeddedAgeSignalApis(inspection: PackageInspection): EmbeddedSdk[] {
  return inspection.sdks.filter((sdk) => sdk.purpose === 'age-assurance');
}

/** Declared permissions that give the advertising id (com.google.android.gms.permission.AD_ID). */
export function declaredAdvertisingIdPermissions(inspection: PackageInspection): string[] {
  return [...new Set((inspection.android?.manifests ?? []).flatMap((manifest) => manifest.permissions.filter((permission) => permission.advertisingId).map((permission) => permission.name)))];
}
