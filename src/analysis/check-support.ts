// Shared reading of the network analysis for the network checks: which traffic is "default",
// when the evidence is too thin to conclude anything, and how to group findings per recipient.
import type { Evidence } from '../evidence/schema.ts';
import type { CheckOutput, EvidenceRef } from '../scoring/check-contract.ts';
import { isDefaultPhase } from './analysis-context.ts';
import type { AnalysedEntry, IdentifierHit, NetworkAnalysis } from './types.ts';

/** Inconclusive when there is no network evidence to judge; undefined when there is. */
export function missingNetworkEvidence(evidence: Evidence, network: NetworkAnalysis): CheckOutput | undefined {
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
  return `${hit.kind} (${encoding}, in the ${hit.where}${hit.field ? ` field "${hit.field}"` : ''})`;
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
