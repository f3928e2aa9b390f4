// The report's "What the package contains": the inventory stored with the result (observations.
// packageInspection) and what transparency.declared-vs-observed made of it. Reads result.json only.
import type { Result } from '../scoring/result-schema.ts';
import { sdkStatusWords, type SdkStatus } from '../inspect/declared-vs-observed.ts';
import { bytesWords } from './format.ts';
import { anchorId } from './safe-href.ts';

const declaredVsObservedId = 'transparency.declared-vs-observed';

function permissionMarks(permission: { dangerous: boolean; location?: string; advertisingId?: true; maxSdkVersion?: number }): string {
  return [
    permission.dangerous ? 'needs the player’s answer (dangerous)' : 'granted at install',
    ...(permission.location ? [`location: ${permission.location}`] : []),
    ...(permission.advertisingId ? ['reads the advertising id'] : []),
    ...(permission.maxSdkVersion !== undefined ? [`only up to Android SDK ${permission.maxSdkVersion}`] : []),
  ].join('; ');
}

export function buildPackageView(result: Result) {
  const inspection = result.observations?.packageInspection;
  if (!inspection) return undefined;
  const check = result.checks.find((candidate) => candidate.id === declaredVsObservedId);
  const sdkFindings = check?.findings.filter((finding) => finding.data?.kind === 'sdk') ?? [];
  const manifests = inspection.android?.manifests ?? [];
  const base = manifests.find((manifest) => !manifest.split) ?? manifests[0];
  const ios = inspection.ios;
  return {
    identity: base
      ? `${base.package}, version ${base.versionName ?? 'not declared'} (code ${base.versionCode ?? 'not declared'}), minimum Android SDK ${base.minSdk ?? 'not declared'}, target SDK ${base.targetSdk ?? 'not declared'}`
      : ios
        ? `${ios.bundleId}, version ${ios.shortVersion ?? 'not declared'} (build ${ios.buildVersion ?? 'not declared'}), minimum iOS ${ios.minimumOsVersion ?? 'not declared'}`
        : 'No manifest or Info.plist could be read',
    files: inspection.files.map((file) => ({ path: file.path, role: file.role, split: file.split ?? '', size: bytesWords(file.bytes), sha256: file.sha256 })),
    permissions: manifests.flatMap((manifest) => manifest.permissions.map((permission) => ({ name: permission.name, group: permission.group, marks: permissionMarks(permission) }))),
    usageDescriptions: Object.entries(ios?.usageDescriptions ?? {}).map(([key, text]) => ({ key, text })),
    metaData: manifests.flatMap((manifest) => manifest.metaData.map((entry) => ({ name: entry.name, value: entry.value === null ? '(no value)' : String(entry.value), in: entry.in }))),
    engines: inspection.engines.join(', '),
    classCount: inspection.android ? `${inspection.android.classCount.toLocaleString('en-GB')} classes in ${inspection.android.dexFiles.length} DEX files` : '',
    // The statuses are the check's; without its result the SDKs are listed as embedded, uncompared.
    sdks: check
      ? sdkFindings.map((finding) => ({
          name: `${String(finding.data!.company)} ${String(finding.data!.product)}`,
          status: sdkStatusWords[finding.data!.status as SdkStatus],
          requests: Number(finding.data!.requests ?? 0),
          matchedBy: String(finding.data!.matchedBy ?? '—'),
        }))
      : inspection.sdks.filter((sdk) => sdk.purpose === 'tracking').map((sdk) => ({ name: `${sdk.company} ${sdk.product}`, status: 'embedded; not compared with the traffic (the check did not run)', requests: 0, matchedBy: sdk.matchedBy.join(', ') })),
    ageSignals: inspection.sdks.filter((sdk) => sdk.purpose === 'age-assurance').map((sdk) => `${sdk.company} ${sdk.product} (${sdk.matchedBy.join(', ')})`),
    privacyManifests: (ios?.privacyManifests ?? []).map((manifest) => ({
      file: manifest.file,
      tracking: manifest.tracking === null ? 'not declared' : manifest.tracking ? 'yes' : 'no',
      domains: manifest.trackingDomains.join(', ') || 'none',
      dataTypes: manifest.collectedDataTypes.map((entry) => entry.type.replace('NSPrivacyCollectedDataType', '')).join(', ') || 'none',
    })),
    skAdNetworks: (ios?.skAdNetworks ?? []).map((network) => ({ id: network.id, network: network.network ?? 'not known (not in the catalogue, or its sources disagree)' })),
    entitlements: ios ? (ios.entitlements === null ? 'could not be read (no entitlements file in the package)' : ios.entitlements.join(', ') || 'none') : '',
    mismatches: (check?.findings ?? []).filter((finding) => finding.severity !== 'info').map((finding) => ({ message: finding.message, severity: finding.severity })),
    checkAnchor: check ? anchorId('check', declaredVsObservedId) : undefined,
    unreadable: inspection.unreadable,
  };
}

export type PackageView = ReturnType<typeof buildPackageView>;
