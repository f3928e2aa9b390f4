// One line per organisation that received traffic: what the report's "who gets the data" table
// and the data-sharing checks read. Third parties the catalogue does not know are listed under
// their registrable domain, so nothing a game talks to goes unmentioned. An imported export's own
// company name (TrackerControl, App Privacy Report) names a host only our catalogue does not know,
// under a label that says whose word it is; where it differs from ours, both are kept.
import { isDefaultPhase } from './analysis-context.ts';
import { receivedData } from './received-data.ts';
import { namedByWords, sameCompany, toolCompanyLabel } from './tool-attribution.ts';
import type { AnalysedEntry, OrganisationSummary, ReceivedDataKind, TrackerCategory } from './types.ts';

// When one organisation runs several products, the most sensitive category names it.
const categoryRank: Record<TrackerCategory | 'unknown', number> = {
  advertising: 0,
  attribution: 1,
  analytics: 2,
  'crash-reporting': 3,
  consent: 4,
  other: 5,
  unknown: 6,
};

export function summariseOrganisations(entries: readonly AnalysedEntry[]): OrganisationSummary[] {
  const summaries = new Map<string, OrganisationSummary & { hostSet: Set<string>; kindSet: Set<string>; dataByKey: Map<string, ReceivedDataKind>; disagreements: Map<string, { host: string; namedBy: string; organization: string }> }>();
  for (const entry of entries) {
    if (entry.party !== 'third') continue;
    const toolNamed = !entry.tracker && entry.namedByTool ? entry.namedByTool : undefined;
    const organization = entry.tracker?.organization ?? (toolNamed ? toolCompanyLabel(toolNamed) : entry.registrableDomain);
    if (!organization) continue;
    let summary = summaries.get(organization);
    if (!summary) {
      summary = {
        organization,
        category: entry.tracker?.category ?? 'unknown',
        familiesCertified: entry.tracker?.familiesCertified ?? null,
        hosts: [],
        requests: 0,
        defaultPhaseRequests: 0,
        attempts: 0,
        defaultPhaseAttempts: 0,
        preflights: 0,
        identifierKinds: [],
        firstEntryIndex: entry.index,
        dataReceived: [],
        hostSet: new Set(),
        kindSet: new Set(),
        dataByKey: new Map(),
        disagreements: new Map(),
        ...(toolNamed ? { namedBy: namedByWords(toolNamed.tool) } : {}),
      };
      summaries.set(organization, summary);
    }
    if (entry.tracker && entry.namedByTool && !sameCompany(entry.namedByTool.organization, entry.tracker) && !summary.disagreements.has(entry.host)) {
      summary.disagreements.set(entry.host, { host: entry.host, namedBy: namedByWords(entry.namedByTool.tool), organization: entry.namedByTool.organization });
    }
    const category = entry.tracker?.category ?? 'unknown';
    if (categoryRank[category] < categoryRank[summary.category]) summary.category = category;
    // Certification is about serving ads: an ad product's answer outranks "not an ad SDK".
    if (entry.tracker && entry.tracker.familiesCertified !== null && (summary.familiesCertified === null || entry.tracker.category === 'advertising')) {
      summary.familiesCertified = entry.tracker.familiesCertified;
    }
    summary.hostSet.add(entry.host);
    // A refused handshake only shows the app tried to connect: it is counted apart, never as a request.
    if (entry.corsPreflight) {
      summary.preflights++;
    } else if (entry.readability.state === 'tls-failed') {
      summary.attempts++;
      if (isDefaultPhase(entry.phase)) summary.defaultPhaseAttempts++;
    } else {
      summary.requests++;
      if (isDefaultPhase(entry.phase)) summary.defaultPhaseRequests++;
    }
    for (const hit of entry.identifiers) summary.kindSet.add(hit.kind);
    // A refused handshake delivered nothing: what an adapter reads off its URL was never received.
    for (const data of entry.readability.state === 'tls-failed' ? [] : receivedData(entry)) {
      const kind = summary.dataByKey.get(data.key) ?? { key: data.key, label: data.label, seenBy: [], entryIndexes: [] };
      for (const source of data.seenBy) if (!kind.seenBy.includes(source)) kind.seenBy.push(source);
      kind.entryIndexes.push(entry.index);
      summary.dataByKey.set(data.key, kind);
    }
  }
  return [...summaries.values()]
    .map(({ hostSet, kindSet, dataByKey, disagreements, ...summary }) => ({
      ...summary,
      ...(disagreements.size > 0 ? { toolDisagreements: [...disagreements.values()].sort((a, b) => a.host.localeCompare(b.host)) } : {}),
      hosts: [...hostSet].sort(),
      identifierKinds: [...kindSet].sort(),
      dataReceived: [...dataByKey.values()].map((kind) => ({ ...kind, seenBy: [...kind.seenBy].sort() })).sort((a, b) => a.label.localeCompare(b.label)),
    }))
    .sort((a, b) => a.firstEntryIndex - b.firstEntryIndex);
}
