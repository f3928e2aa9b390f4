// Standard 10: the device's precise location is not sent out by default. Coordinates with two or
// more decimals (about a kilometre or better) are precise; one decimal or a country is coarse.
import { carriedRequest, contentsNotRecorded, defaultPhaseEntries, defineCheck, entryRefs, type Finding, groupByRecipient, inconclusiveUnreadable, missingNetworkEvidence, plural, precisionMetres, unreadableTraffic } from '../src/check-kit/index.ts';
import type { AnalysedEntry } from '../src/analysis/types.ts';

function decimalsOf(value: string | undefined): number {
  if (!value || !/^-?\d+(\.\d+)?$/.test(value)) return 0;
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 1;
}

/** Precision of what the entry sent: the mock-location match, or an OpenRTB device.geo we can read without it. */
function sentPrecision(entry: AnalysedEntry): { decimals: number; how: string } | undefined {
  // "Matching the test location", never "the mock location": the game may not have read it from the device.
  if (entry.location) return { decimals: entry.location.precisionDecimals, how: `coordinates matching the test location, in the ${entry.location.where}${entry.location.field ? ` field "${entry.location.field}"` : ''}` };
  const params = entry.adSignals?.params ?? {};
  const decimals = Math.min(decimalsOf(params['device.geo.lat']), decimalsOf(params['device.geo.lon']));
  if (decimals >= 2) return { decimals, how: `OpenRTB device.geo (${params['device.geo.lat']}, ${params['device.geo.lon']})` };
  return undefined;
}

export default defineCheck({
  id: 'geolocation.precise-location-shared',
  standard: 10,
  title: 'Precise location is not sent out by default',
  failureTitle: 'Precise location is sent to third parties by default',
  requires: ['network', 'identifiers', 'geolocation', 'permissions'],
  rationale:
    "Standard 10 of the Children's code (Geolocation) asks for geolocation options to be off by default. We give the " +
    'device or browser a known mock location and search every request made at launch for it — within 0.01° and written ' +
    'with two or more decimals, in the usual shapes (lat= / lon=, "latitude":, ll=, OpenRTB device.geo) — and record the ' +
    'precision sent in metres. Two decimals is about a kilometre, four about ten metres; one decimal or a country code ' +
    'is coarse and not counted. Precise location reaching a third party at launch fails; reaching the game’s own ' +
    'server is flagged. When the location permission was never granted during the capture, coordinates that still ' +
    'reach a third party did not come from the permission (they came from the IP address, a cached or built-in value, ' +
    'or a server), and the report says so as a finding of its own. When nothing is found but some request could not be read (a refused certificate, an encrypted SDK payload, a body cut short), the check is inconclusive, never a pass.',
  evaluate({ evidence, network, analysisContext: context }) {
    const missing = missingNetworkEvidence(evidence, network) ?? contentsNotRecorded(network);
    if (missing) return missing;
    const sending = defaultPhaseEntries(network).filter((entry) => carriedRequest(entry) && sentPrecision(entry) !== undefined);
    const findings: Finding[] = [];
    for (const [entries, severity] of [
      [sending.filter((entry) => entry.party === 'third'), 'fail'],
      [sending.filter((entry) => entry.party === 'first'), 'warn'],
    ] as const) {
      for (const group of groupByRecipient(entries)) {
        const precision = sentPrecision(group.entries[0]!)!;
        const best = Math.max(...group.entries.map((entry) => sentPrecision(entry)!.decimals));
        findings.push({
          message: `${severity === 'fail' ? group.recipient : `The game's own server (${group.recipient})`} received the precise location at launch (${group.hosts.join(', ')}): ${precision.how}, ${best} decimals, about ${precisionMetres(best)} m.`,
          evidence: entryRefs(group.entries),
          severity,
          data: { organization: group.recipient, hosts: group.hosts.join(', '), identifierKind: 'location', precisionDecimals: best, metres: precisionMetres(best), requests: group.entries.length },
        });
      }
    }
    const thirdParty = findings.filter((finding) => finding.severity === 'fail');
    // The capture never grants location; a refused or unanswered permission plus coordinates sent is a finding of its own.
    const locationGranted = evidence.geolocation.permissionState === 'granted' || evidence.permissions.some((permission) => permission.group === 'location' && permission.granted === true);
    const permissionKnown = evidence.geolocation.permissionState !== 'unknown' || evidence.permissions.some((permission) => permission.group === 'location' && permission.granted !== undefined && permission.granted !== null);
    const sentWithoutPermission = thirdParty.length > 0 && permissionKnown && !locationGranted;
    if (sentWithoutPermission) {
      const recipients = thirdParty.map((finding) => String(finding.data?.organization));
      const state = { denied: 'refused', prompt: 'left unanswered', granted: 'granted', unknown: 'not granted' }[evidence.geolocation.permissionState];
      findings.push({
        message: `Coordinates matching the test location reached ${recipients.join(' and ')} although the location permission was ${state} throughout the capture, so they did not come from the location permission: they came from somewhere else, such as the IP address, a cached or built-in value, or a server.`,
        evidence: thirdParty.flatMap((finding) => finding.evidence),
        severity: 'fail',
        data: { permissionState: evidence.geolocation.permissionState, recipients: recipients.join(', ') },
      });
    }
    if (thirdParty.length > 0) {
      return {
        outcome: 'fail',
        summary: `The precise location went to ${plural(thirdParty.length, 'third party', 'third parties')} before the child did anything${sentWithoutPermission ? ', although the location permission was not granted' : ''}.`,
        findings,
      };
    }
    if (findings.length > 0) return { outcome: 'warn', summary: "The game's own servers receive the precise location at launch.", findings };
    if (!context.mockLocation) {
      return {
        outcome: 'inconclusive',
        summary: 'No mock location was set for the capture, so the location could not be looked for; add location to the plan.',
        findings: [{ message: 'The evidence has no mockLocation.', evidence: [], severity: 'info' }],
      };
    }
    const unreadable = unreadableTraffic(defaultPhaseEntries(network));
    if (unreadable) return inconclusiveUnreadable('The test location was not found, at two decimals or better, in any readable request made at launch', unreadable);
    return { outcome: 'pass', summary: 'The test location was not found, at two decimals or better, in any request made at launch.', findings: [] };
  },
});
