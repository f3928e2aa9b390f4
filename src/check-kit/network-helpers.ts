// Shared reading of the network analysis for the network checks: which traffic is "default",
// when the evidence is too thin to conclude anything (no traffic, or traffic that could not be
// read), and how to group findings per recipient.
import { isDefaultPhase } from '../analysis/analysis-context.ts';
import type { ReadabilityState } from '../analysis/readability.ts';
import type { AnalysedEntry, DecodedTransmission, IdentifierHit, NetworkAnalysis } from '../analysis/types.ts';
import type { Evidence } from '../evidence/schema.ts';
import type { CheckOutput, EvidenceRef, Finding } from './contract.ts';
import { plural } from './evidence-refs.ts';

/** Inconclusive when there is no network evidence to judge; undefined when there is. */
export function missingNetworkEvidence(evidence: Pick<Evidence, 'incompleteReasons'>, network: NetworkAnalysis): CheckOutput | undefined {
  const networkFault = evidence.incompleteReasons.find((reason) => reason.affects.includes('network'));
  if (network.entries.length === 0) {
    return {
      outcome: 'inconclusive',
      summary: networkFault
        ? `No network traffic was captured (${networkFault.message}), so this cannot be judged.`
        : 'No network traffic was captured at all, so this cannot be judged; a game that sends nothing is unlikely, so the capture probably failed.',
      findings: [{ message: 'The capture holds no network requests.', evidence: [{ kind: 'file', path: 'network.har' }], severity: 'info' }],
    };
  }
  if (!network.entries.some((entry) => isDefaultPhase(entry.phase))) {
    return {
      outcome: 'inconclusive',
      summary: 'No traffic was recorded in the launch phase, so the default behaviour is unknown.',
      findings: [{ message: 'Every captured request belongs to a later phase; the game was not observed untouched.', evidence: [{ kind: 'file', path: 'network.har' }], severity: 'info' }],
    };
  }
  return undefined;
}

/**
 * Inconclusive when the traffic is known only at domain level (an imported App Privacy Report or
 * TrackerControl export: hosts and times, never contents); undefined when any request was seen
 * whole. A check about what was sent calls this first, so it says why it cannot judge rather
 * than asking for identifiers that could not be searched for anyway.
 */
export function contentsNotRecorded(network: NetworkAnalysis): CheckOutput | undefined {
  if (network.entries.length === 0 || network.entries.some((entry) => entry.readability.state !== 'domain-only')) return undefined;
  const hosts = new Set(network.entries.map((entry) => entry.host)).size;
  return {
    outcome: 'inconclusive',
    summary: `The traffic was imported from a domain-level export, which records only which ${plural(hosts, 'host')} the game contacted and when, never what was sent, so this cannot be judged from it.`,
    findings: [
      {
        message: `${network.entries[0]!.readability.reason} To see what each request carried, capture the game with gameaudit (gameaudit run) or import a HAR of the same session.`,
        evidence: entryRefs(network.entries.slice(0, 50)),
        severity: 'info',
      },
    ],
  };
}

/**
 * Whether the request reached its recipient at all. A refused handshake carried nothing: what its
 * HAR entry shows (a browser's HAR still lists the URL it meant to fetch) was never received, so
 * it is no evidence of a disclosure; it counts among the unreadable traffic instead.
 */
export function carriedRequest(entry: AnalysedEntry): boolean {
  return entry.readability.state !== 'tls-failed';
}

export function defaultPhaseEntries(network: NetworkAnalysis): AnalysedEntry[] {
  // Device traffic (another app or the OS, device-traffic.ts) is shown, not charged to the game.
  return network.entries.filter((entry) => isDefaultPhase(entry.phase) && !entry.deviceTraffic);
}

/** Who received a request: the organisation when known, otherwise its registrable domain. */
export function recipientOf(entry: AnalysedEntry): string {
  return entry.tracker?.organization ?? entry.registrableDomain ?? entry.host;
}

export function entryRefs(entries: readonly AnalysedEntry[]): EvidenceRef[] {
  return entries.map((entry) => ({ kind: 'har-entry', index: entry.index }));
}

export function describeHit(hit: IdentifierHit): string {
  const encoding = hit.encoding === 'plain' ? 'as is' : hit.encoding;
  const place = (field: string | undefined): string => `in the ${hit.where}${field ? ` field "${field}"` : ''}`;
  if (!hit.inside) return `${hit.kind} (${encoding}, ${place(hit.field)})`;
  // Found once an encoded payload was opened: say what was undone to see it, and where that payload sat.
  return `${hit.kind} (${encoding}${hit.field ? ` under "${hit.field}"` : ''}, inside ${hit.inside.layers.join(' → ')} ${place(hit.inside.field)})`;
}

/** TrackHAR's English name for one of its properties ("Battery level"). */
export { trackHarPropertyName } from '../analysis/trackhar-runner.ts';

/**
 * A TrackHAR transmission in words, where it sat and why TrackHAR says it is that:
 * "advertisingId decoded by TrackHAR adapter unity/unityads-games from `advertisingTrackingId` (query; obvious observed values)".
 */
export function describeTransmission(transmission: DecodedTransmission, adapter: string): string {
  const reasoning = transmission.reasoning.startsWith('http') || transmission.reasoning.endsWith('.md') ? `reasoning: ${transmission.reasoning}` : transmission.reasoning;
  return `${transmission.property} decoded by TrackHAR adapter ${adapter} from \`${transmission.path}\` (${transmission.context}; ${reasoning})`;
}

export interface RecipientGroup {
  recipient: string;
  entries: AnalysedEntry[];
  hosts: string[];
}

/** Groups entries by recipient, in order of first appearance, so findings read like the timeline. */
export function groupByRecipient(entries: readonly AnalysedEntry[]): RecipientGroup[] {
  const groups = new Map<string, AnalysedEntry[]>();
  for (const entry of entries) {
    const recipient = recipientOf(entry);
    const list = groups.get(recipient) ?? [];
    list.push(entry);
    groups.set(recipient, list);
  }
  return [...groups]
    .map(([recipient, list]) => ({ recipient, entries: list, hosts: [...new Set(list.map((entry) => entry.host))].sort() }))
    .sort((a, b) => a.entries[0]!.index - b.entries[0]!.index);
}

type UnreadableState = Exclude<ReadabilityState, 'readable'>;

/** How each kind of unreadable traffic is named, why it could not be read, and what fixes it. */
const unreadableWording: Record<UnreadableState, { noun: string; nouns: string; why: string; fix: string }> = {
  'tls-failed': {
    noun: 'connection attempt',
    nouns: 'connection attempts',
    why: "the app refused the capture's certificate, so no request was carried",
    fix: "Install the capture's CA certificate on the device as a system certificate and pass the same CA with --ca-dir (see docs/real-devices.md); an app that pins its certificates cannot be read this way.",
  },
  aborted: {
    noun: 'request',
    nouns: 'requests',
    why: 'the exchange was cut off before the request was whole',
    fix: 'Run the capture again; if connections keep being cut, check the device’s network and the proxy.',
  },
  truncated: {
    noun: 'request',
    nouns: 'requests',
    why: 'their bodies were cut short or left out of the capture',
    fix: 'For an imported HAR, export it again with whole request bodies and score it again; our own capture keeps request bodies up to 4 MB (requestBodyCapBytes of the capture proxy), so a larger one needs that limit raised.',
  },
  opaque: {
    noun: 'request',
    nouns: 'requests',
    why: 'what they carry is encrypted or in a format the analysis cannot decode',
    fix: 'No capture setting fixes this: the SDK encodes its payload. A person must judge these recipients from other evidence (a decoded payload, the SDK’s documentation).',
  },
  'domain-only': {
    noun: 'contact',
    nouns: 'contacts',
    why: 'the imported export (App Privacy Report or TrackerControl) records only which hosts were contacted and when, never what was sent',
    fix: "Capture the game with gameaudit's proxy (gameaudit run, or import a HAR of the same session) to see what each connection carried; a domain-level export can show who was contacted and when, not what they received.",
  },
};

const unreadableOrder: readonly UnreadableState[] = ['tls-failed', 'aborted', 'truncated', 'opaque', 'domain-only'];

export interface UnreadableTraffic {
  /** The requests a check had to look into but could not read, in timeline order. */
  entries: AnalysedEntry[];
  /** Who they went to (organisation, or registrable domain when unknown), in order of first appearance. */
  recipients: string[];
  /** e.g. "5 connection attempts to 4 companies (Google, AppsFlyer, …) could not be read: the app refused …" */
  sentence: string;
  /** One finding per kind of unreadable traffic, with its fix. */
  findings: Finding[];
  refs: EvidenceRef[];
}

function namesOf(recipients: readonly string[]): string {
  return recipients.length <= 4 ? recipients.join(', ') : `${recipients.slice(0, 4).join(', ')} and ${recipients.length - 4} more`;
}

/**
 * The requests among `entries` whose content could not be read, described for a check's summary
 * and findings; undefined when every one was readable. A check may pass only when this is
 * undefined for every request it had to look into: otherwise nothing found is not nothing sent.
 */
export function unreadableTraffic(entries: readonly AnalysedEntry[]): UnreadableTraffic | undefined {
  const unreadable = entries.filter((entry) => entry.readability.state !== 'readable');
  if (unreadable.length === 0) return undefined;
  const parts: string[] = [];
  const findings: Finding[] = [];
  for (const state of unreadableOrder) {
    const ofState = unreadable.filter((entry) => entry.readability.state === state);
    if (ofState.length === 0) continue;
    const wording = unreadableWording[state];
    const groups = groupByRecipient(ofState);
    const recipients = groups.map((group) => group.recipient);
    const counted = `${ofState.length} ${ofState.length === 1 ? wording.noun : wording.nouns} to ${plural(recipients.length, 'company', 'companies')} (${namesOf(recipients)})`;
    parts.push(`${counted} could not be read: ${wording.why}`);
    findings.push({
      message: `${counted.charAt(0).toUpperCase()}${counted.slice(1)} could not be read: ${wording.why}. First: ${ofState[0]!.host}, ${ofState[0]!.readability.reason} Fix: ${wording.fix}`,
      evidence: entryRefs(ofState.slice(0, 50)),
      severity: 'info',
      data: { readability: state, requests: ofState.length, organisations: recipients.join(', '), hosts: [...new Set(ofState.map((entry) => entry.host))].sort().join(', ') },
    });
  }
  return {
    entries: unreadable,
    recipients: groupByRecipient(unreadable).map((group) => group.recipient),
    sentence: parts.join('; '),
    findings,
    refs: entryRefs(unreadable),
  };
}

/**
 * The outcome of a check that found nothing but could not read all it had to: inconclusive, saying
 * what was searched and what could not be read. `searched` is a clause such as "The advertising
 * id was not found in the 2 readable third-party requests made at launch".
 */
export function inconclusiveUnreadable(searched: string, unreadable: UnreadableTraffic, findings: readonly Finding[] = []): CheckOutput {
  return {
    outcome: 'inconclusive',
    summary: `${searched}, but ${unreadable.sentence}; so it cannot be ruled out.`,
    findings: [...findings, ...unreadable.findings],
  };
}

/**
 * "3 requests", "2 connection attempts", "3 requests and 2 connection attempts" or "1 request and 1
 * preflight (no data)": a refused handshake is not a request, nor is a CORS preflight, which only asks
 * the browser's leave to send and carries nothing.
 */
export function countContacts(entries: readonly AnalysedEntry[]): string {
  const preflights = entries.filter((entry) => entry.corsPreflight).length;
  if (preflights > 0) {
    const rest = entries.filter((entry) => !entry.corsPreflight);
    const label = `${plural(preflights, 'preflight')} (no data)`;
    return rest.length === 0 ? label : `${countContacts(rest)} and ${label}`;
  }
  // A domain-level export saw a connection to the host, not a request: it is counted as a contact.
  const recorded = entries.filter((entry) => entry.readability.state === 'domain-only').length;
  if (recorded > 0) {
    const rest = entries.filter((entry) => entry.readability.state !== 'domain-only');
    return rest.length === 0 ? plural(recorded, 'recorded contact') : `${countContacts(rest)} and ${plural(recorded, 'recorded contact')}`;
  }
  const attempts = entries.filter((entry) => entry.readability.state === 'tls-failed').length;
  const requests = entries.length - attempts;
  if (attempts === 0) return plural(requests, 'request');
  if (requests === 0) return plural(attempts, 'connection attempt');
  return `${plural(requests, 'request')} and ${plural(attempts, 'connection attempt')}`;
}
