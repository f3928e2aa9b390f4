// What one company received, for the report's "Companies the game contacted": the kinds of data
// as decoded (TrackHAR's adapters and our identifier search, each saying which saw it), each
// linked to its requests; the requests whose content could not be read, and why; and where
// TrackHAR and our search disagree, and where the importing tool names another company than we do.
// Built from result.json alone, like every report view.
import type { NetworkEntrySummary, Result } from '../scoring/result-schema.ts';

export interface RequestLink {
  index: number;
  anchor: string;
}

export interface CompanyDataView {
  kinds: { label: string; seenBy: string; requests: RequestLink[] }[];
  /** Requests to it that could not be read: what it received there is not known. */
  unreadable?: { sentence: string; reasons: string[]; requests: RequestLink[] };
  differences: { detail: string; request: RequestLink }[];
  /** Where the importing tool names another company for a host than our attribution does: both are shown. */
  toolNames: string[];
}

/** Links to at most this many requests per kind: the group's table lists them all. */
const maximumLinks = 12;

const link = (index: number): RequestLink => ({ index, anchor: `entry-${index}` });

const sourceWords: Record<string, string> = {
  'identifier-search': 'found by our identifier search',
  trackhar: 'decoded by TrackHAR',
};

function seenByWords(seenBy: readonly string[]): string {
  return seenBy.map((source) => sourceWords[source] ?? source).join(' and ');
}

/** One company's view; `organization` undefined for a group our catalogue does not name (its entries' own kinds are used). */
export function companyDataView(result: Result, organization: string | undefined, entries: readonly NetworkEntrySummary[]): CompanyDataView {
  const summary = organization === undefined ? undefined : result.network.organisations.find((candidate) => candidate.organization === organization);
  const kinds = (summary?.dataReceived ?? []).map((kind) => ({ label: kind.label, seenBy: seenByWords(kind.seenBy), requests: kind.entryIndexes.slice(0, maximumLinks).map(link) }));
  // Opaque, cut and aborted requests: a refused certificate is a connection attempt, shown apart already.
  const unreadable = entries.filter((entry) => entry.readability && entry.readability.state !== 'readable' && entry.readability.state !== 'tls-failed');
  const reasons = [...new Set(unreadable.map((entry) => entry.readability!.reason))];
  return {
    kinds,
    ...(unreadable.length > 0
      ? {
          unreadable: {
            sentence: `${unreadable.length === 1 ? '1 request' : `${unreadable.length} requests`} to ${organization ?? 'these companies'} could not be read, so what ${unreadable.length === 1 ? 'it' : 'they'} carried is not known.`,
            reasons: reasons.slice(0, 5),
            requests: unreadable.slice(0, maximumLinks).map((entry) => link(entry.index)),
          },
        }
      : {}),
    differences: entries.flatMap((entry) => (entry.decodingDifferences ?? []).map((difference) => ({ detail: difference.detail, request: link(entry.index) }))).slice(0, maximumLinks),
    toolNames: (summary?.toolDisagreements ?? []).map((disagreement) => `${disagreement.host}: ${disagreement.namedBy} names “${disagreement.organization}”; gameaudit’s attribution names ${organization}. Both are kept.`),
  };
}
