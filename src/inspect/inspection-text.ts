// The plain-text inventory `gameaudit inspect` prints: one line a fact, in the order a reader
// checks them (which build, what it may do, what it carries, what could not be read).
import type { PackageInspection } from './package-inspection-schema.ts';

function permissionMarks(permission: { dangerous: boolean; location?: string; advertisingId?: true; maxSdkVersion?: number }): string {
  const marks = [
    ...(permission.dangerous ? ['dangerous'] : []),
    ...(permission.location ? [`location: ${permission.location}`] : []),
    ...(permission.advertisingId ? ['advertising id'] : []),
    ...(permission.maxSdkVersion !== undefined ? [`up to SDK ${permission.maxSdkVersion}`] : []),
  ];
  return marks.length > 0 ? `  (${marks.join(', ')})` : '';
}

export function describeInspection(inspection: PackageInspection): string {
  const lines: string[] = [];
  for (const file of inspection.files) lines.push(`file        ${file.path}  ${file.role}${file.split ? ` split ${file.split}` : ''}  ${file.bytes} bytes  sha256 ${file.sha256}`);
  if (inspection.android) {
    for (const manifest of inspection.android.manifests) {
      lines.push(`package     ${manifest.package}${manifest.split ? ` (split ${manifest.split})` : ''}  version ${manifest.versionName ?? '?'} (${manifest.versionCode ?? '?'})  minSdk ${manifest.minSdk ?? '?'}  targetSdk ${manifest.targetSdk ?? '?'}`);
      for (const permission of manifest.permissions) lines.push(`permission  ${permission.name}${permissionMarks(permission)}`);
      for (const entry of manifest.metaData) lines.push(`meta-data   ${entry.name} = ${entry.value === null ? '(no value)' : String(entry.value)}${entry.in === 'application' ? '' : `  [in ${entry.in}]`}`);
      for (const activity of manifest.activities) lines.push(`activity    ${activity}`);
    }
    lines.push(`classes     ${inspection.android.classCount} in ${inspection.android.dexFiles.length} DEX file(s)`);
  }
  if (inspection.ios) {
    const ios = inspection.ios;
    lines.push(`bundle      ${ios.bundleId}  version ${ios.shortVersion ?? '?'} (${ios.buildVersion ?? '?'})  minimum iOS ${ios.minimumOsVersion ?? '?'}`);
    for (const [key, text] of Object.entries(ios.usageDescriptions)) lines.push(`usage       ${key}: ${JSON.stringify(text)}`);
    for (const network of ios.skAdNetworks) lines.push(`skadnetwork ${network.id}  ${network.network ?? '(network not known)'}`);
    for (const framework of ios.frameworks) lines.push(`framework   ${framework}`);
    for (const manifest of ios.privacyManifests) {
      lines.push(`privacy     ${manifest.file}: tracking ${manifest.tracking === null ? 'not declared' : manifest.tracking}; tracking domains ${manifest.trackingDomains.join(', ') || 'none'}; data ${manifest.collectedDataTypes.map((entry) => entry.type).join(', ') || 'none'}`);
    }
    lines.push(`entitlement ${ios.entitlements === null ? '(not readable)' : ios.entitlements.join(', ') || 'none'}`);
  }
  for (const engine of inspection.engines) lines.push(`engine      ${engine}`);
  for (const sdk of inspection.sdks) lines.push(`sdk         ${sdk.company} ${sdk.product} [${sdk.purpose}]: ${sdk.matchedBy.join(', ')}${sdk.classCount > 0 ? ` (${sdk.classCount} classes)` : ''}`);
  if (inspection.sdks.length === 0) lines.push(`sdk         none of the catalogued SDKs${inspection.unreadable.length > 0 ? ' in the parts that could be read' : ''}`);
  for (const part of inspection.unreadable) lines.push(`UNREADABLE  ${part.part}: ${part.reason} (what it holds is unknown)`);
  return `${lines.join('\n')}\n`;
}
