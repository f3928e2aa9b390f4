// Standard 12: the device's advertising id — the key ad networks use to build a profile of the
// player across apps — is not sent to third parties by default.
import { carriedRequest, contentsNotRecorded, declaredAdvertisingIdPermissions, defaultPhaseEntries, defineCheck, describeHit, describeTransmission, entryRefs, type CheckOutput, type EvidenceRef, type Finding, groupByRecipient, inconclusiveUnreadable, isAdvertisingIdKind, missingNetworkEvidence, nothingKnownToLookFor, plural, unreadableTraffic } from '../src/check-kit/index.ts';
import type { PackageInspection } from '../src/inspect/package-inspection-schema.ts';
import type { AnalysedEntry, DecodedTransmission } from '../src/analysis/types.ts';

const zeroId = /^0{8}-0{4}-0{4}-0{4}-0{12}$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What the package says about the advertising id: on Android 13+ only an app declaring AD_ID can
 * read it (field-notes.md; GMA 20.1.1+ merges the permission in), and Google Play's Families
 * policy asks apps for children not to send it, so a children's game declaring it is noted.
 */
function packageNote(inspection: PackageInspection | undefined): Finding | undefined {
  if (!inspection?.android || inspection.android.manifests.length === 0) return undefined;
  const declared = declaredAdvertisingIdPermissions(inspection);
  const refs = inspection.files.filter((file) => file.role !== 'split-set').map((file): EvidenceRef => ({ kind: 'file', path: file.path }));
  if (declared.length > 0) {
    return {
      message: `The app package declares ${declared.join(' and ')}, which lets its SDKs read the advertising id; Google Play's Families policy asks apps for children not to send it, so a game for children has no need of this permission.`,
      evidence: refs,
      severity: 'warn',
      data: { declaredAdIdPermission: declared.join(', ') },
    };
  }
  return {
    message: 'The app package does not declare com.google.android.gms.permission.AD_ID: on Android 13 and later its SDKs are given zeros instead of the advertising id.',
    evidence: refs,
    severity: 'info',
    data: { declaredAdIdPermission: null },
  };
}

/** The traffic's verdict stands; a declared AD_ID turns a pass into a warning, since the id is one SDK call away. */
function withPackageNote(output: CheckOutput, note: Finding | undefined): CheckOutput {
  if (!note) return output;
  if (note.severity === 'warn' && output.outcome === 'pass') return { outcome: 'warn', summary: `${output.summary} But the package declares the advertising-id permission.`, findings: [...output.findings, note] };
  return { ...output, findings: [...output.findings, note] };
}

/** An ad request that names an advertising id the capture did not know (still a real, non-zero id). */
function unknownAdvertisingId(entry: AnalysedEntry): string | undefined {
  const params = entry.adSignals?.params ?? {};
  const value = params['device.ifa'] ?? params.rdid ?? params.dc_rdid;
  return value && uuidPattern.test(value) && !zeroId.test(value) ? value : undefined;
}

/** Advertising ids a TrackHAR adapter decoded whose value is not in the identifiers file, so our search could not find them. */
function decodedUnknownIds(entry: AnalysedEntry, form: 'id' | 'zeroed' | 'other'): DecodedTransmission[] {
  return (entry.trackHar?.transmissions ?? []).filter((transmission) => transmission.property === 'advertisingId' && !transmission.knownAs && transmission.advertisingIdForm === form);
}

/** "advertisingId decoded by TrackHAR adapter singular-net/api-v1 from `aifa` (query; …)", once per place. */
function whereDecoded(entries: readonly AnalysedEntry[], form: 'id' | 'zeroed' | 'other'): string {
  const places = entries.flatMap((entry) => decodedUnknownIds(entry, form).map((transmission) => describeTransmission(transmission, entry.trackHar!.adapter)));
  return [...new Set(places)].slice(0, 4).join('; ');
}

/**
 * What TrackHAR decoded as an advertising id but is not one in form (the zeroed id an SDK sends
 * when tracking is limited, Vungle's 15-hex value): said, so the reader sees it was looked at, never a failure.
 */
function notAnIdNotes(entries: readonly AnalysedEntry[]): Finding[] {
  const notes: Finding[] = [];
  for (const [form, words] of [
    ['zeroed', 'the all-zero advertising id (sent when tracking is limited), which identifies no one'],
    ['other', 'a value under an advertising-id field that does not have the form of an advertising id (a UUID), so it is not counted as one'],
  ] as const) {
    for (const group of groupByRecipient(entries.filter((entry) => decodedUnknownIds(entry, form).length > 0))) {
      notes.push({ message: `${group.recipient} received ${words} at launch (${group.hosts.join(', ')}): ${whereDecoded(group.entries, form)}.`, evidence: entryRefs(group.entries), severity: 'info' });
    }
  }
  return notes;
}

export default defineCheck({
  id: 'profiling.advertising-id-shared',
  standard: 12,
  title: 'The advertising id is not shared with third parties by default',
  failureTitle: 'The advertising id is shared with third parties by default',
  requires: ['network', 'identifiers'],
  optional: ['package'],
  rationale:
    "Standard 12 of the Children's code (Profiling) asks for profiling to be off by default. The advertising id " +
    '(AAID on Android, IDFA on iOS) exists so that ad and measurement companies can recognise the same device across ' +
    'apps and build a profile of it. We search every request the game makes at launch, before the child does ' +
    'anything, for the test device’s advertising id in every common encoding (as is, upper or lower case, URL-encoded, ' +
    'base64, hex, and md5/sha1/sha256 hashes). TrackHAR\'s adapters also name an advertising id an SDK sends under its own field name: one whose value is not in the identifiers file is evidence too (the all-zero id, and values without the form of an id, are noted, not counted). Finding it in a request to a third party means profiling is on by default. When nothing is found but some request could not be read (a refused certificate, an encrypted SDK payload, a body cut short), the check is inconclusive, never a pass. Where the app package was inspected, a declared AD_ID permission turns a pass into a warning: the id is one call away.',
  evaluate(input) {
    const fromTraffic = ((): CheckOutput => {
      const { evidence, network, analysisContext: context } = input;
      const missing = missingNetworkEvidence(evidence, network) ?? contentsNotRecorded(network);
      if (missing) return missing;
      const knownKinds = Object.keys(context.identifiers).filter(isAdvertisingIdKind);
      const thirdParty = defaultPhaseEntries(network).filter((entry) => entry.party === 'third');
      const sharing = thirdParty.filter((entry) => carriedRequest(entry) && entry.identifiers.some((hit) => isAdvertisingIdKind(hit.kind)));
      const decodedRequests = thirdParty.filter((entry) => carriedRequest(entry) && !sharing.includes(entry) && decodedUnknownIds(entry, 'id').length > 0);
      const unknownIdRequests = thirdParty.filter((entry) => carriedRequest(entry) && !sharing.includes(entry) && !decodedRequests.includes(entry) && unknownAdvertisingId(entry) !== undefined);

      const findings: Finding[] = [];
      for (const group of groupByRecipient(sharing)) {
        const hits = group.entries.flatMap((entry) => entry.identifiers.filter((hit) => isAdvertisingIdKind(hit.kind)));
        const encodings = [...new Set(hits.map((hit) => hit.encoding))].sort();
        const described = [...new Set(hits.map(describeHit))].slice(0, 4).join('; ');
        findings.push({
          message: `${group.recipient} received the advertising id at launch in ${plural(group.entries.length, 'request')} to ${group.hosts.join(', ')}: ${described}.`,
          evidence: entryRefs(group.entries),
          severity: 'fail',
          data: { organization: group.recipient, hosts: group.hosts.join(', '), identifierKind: hits[0]!.kind, encodings: encodings.join(', '), requests: group.entries.length },
        });
      }
      for (const group of groupByRecipient(decodedRequests)) {
        findings.push({
          message: `${group.recipient} received an advertising id at launch in ${plural(group.entries.length, 'request')} to ${group.hosts.join(', ')}: ${whereDecoded(group.entries, 'id')}; the value is not in the identifiers file.`,
          evidence: entryRefs(group.entries),
          severity: 'fail',
          data: { organization: group.recipient, hosts: group.hosts.join(', '), identifierKind: 'advertisingId (decoded by TrackHAR)', encodings: 'decoded by TrackHAR', requests: group.entries.length },
        });
      }
      for (const group of groupByRecipient(unknownIdRequests)) {
        findings.push({
          message: `${group.recipient} received an advertising id (${unknownAdvertisingId(group.entries[0]!)}) in an ad request at launch (${group.hosts.join(', ')}); it is not the one in the identifiers file, but it is a real, non-zero id.`,
          evidence: entryRefs(group.entries),
          severity: 'fail',
          data: { organization: group.recipient, hosts: group.hosts.join(', '), identifierKind: 'advertisingId (from the ad request)', encodings: 'plain', requests: group.entries.length },
        });
      }
      if (findings.length > 0) {
        const recipients = new Set([...sharing, ...decodedRequests, ...unknownIdRequests].map((entry) => entry.tracker?.organization ?? entry.registrableDomain));
        return { outcome: 'fail', summary: `The advertising id went to ${plural(recipients.size, 'third party', 'third parties')} before the child did anything.`, findings };
      }
      if (knownKinds.length === 0) {
        if (evidence.platform === 'web') {
          return { outcome: 'not-applicable', summary: 'Browsers have no advertising id and none was given in the identifiers file, so there was nothing to look for.', findings: [] };
        }
        return nothingKnownToLookFor({ what: "the test device's advertising id", fields: ['advertisingId'] });
      }
      // Not found is only "not sent" if every third-party request could be read.
      const unreadable = unreadableTraffic(thirdParty);
      if (unreadable) return inconclusiveUnreadable('The advertising id was not found in any readable third-party request made at launch', unreadable);
      return {
        outcome: 'pass',
        summary: thirdParty.length === 0 ? 'No third-party request was made at launch, so the advertising id reached no third party then.' : `The advertising id was not found in ${thirdParty.length === 1 ? 'the one third-party request' : `any of the ${plural(thirdParty.length, 'third-party request')}`} made at launch.`,
        findings: [],
      };
    })();
    const notes = notAnIdNotes(defaultPhaseEntries(input.network).filter((entry) => entry.party === 'third' && carriedRequest(entry)));
    return withPackageNote({ ...fromTraffic, findings: [...fromTraffic.findings, ...notes] }, packageNote(input.evidence.packageInspection));
  },
});
