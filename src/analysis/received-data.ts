// The kinds of data one request gave its recipient, as decoded: what TrackHAR's adapter named
// (model, carrier, battery level, …) and what our identifier search found (the identifiers
// file's values, the mock location). One key per kind, so the two sources merge: TrackHAR's
// advertisingId and our advertisingId are one row, seen by both.
import { trackHarPropertyName } from './trackhar-runner.ts';
import type { AnalysedEntry } from './types.ts';

export type DataSource = 'trackhar' | 'identifier-search';

export interface ReceivedData {
  /** Stable key: our identifier kind, TrackHAR's property, or "location". */
  key: string;
  label: string;
  seenBy: DataSource[];
}

/** Our identifier kinds in words; TrackHAR's properties have their own names. */
const kindLabels: Record<string, string> = {
  advertisingId: trackHarPropertyName('advertisingId'),
  androidId: 'Android id',
  idfv: 'Identifier for vendor (IDFV)',
  appSetId: 'App set ID (Android)',
  imei: 'IMEI',
  serial: 'Serial number',
  macAddress: 'MAC address',
  email: 'E-mail address',
  username: 'User name',
  phone: 'Phone number',
  birthdate: 'Birth date',
  location: 'Precise location',
};

export function dataLabel(key: string): string {
  if (kindLabels[key]) return kindLabels[key];
  if (key.startsWith('custom:')) return `Custom identifier "${key.slice('custom:'.length)}"`;
  if (key.startsWith('cookie:')) return `Cookie "${key.slice('cookie:'.length)}"`;
  return trackHarPropertyName(key);
}

/** The identifier kind without the "#2" a second value of the same kind gets (analysis-context.ts). */
function baseKind(kind: string): string {
  return kind.split('#')[0]!;
}

export function receivedData(entry: AnalysedEntry): ReceivedData[] {
  const byKey = new Map<string, Set<DataSource>>();
  const add = (key: string, source: DataSource): void => {
    const sources = byKey.get(key) ?? new Set<DataSource>();
    sources.add(source);
    byKey.set(key, sources);
  };
  for (const hit of entry.identifiers) add(baseKind(hit.kind), 'identifier-search');
  if (entry.location) add('location', 'identifier-search');
  for (const transmission of entry.trackHar?.transmissions ?? []) {
    if (transmission.property === 'latitude' || transmission.property === 'longitude') add('location', 'trackhar');
    else add(transmission.knownAs ? baseKind(transmission.knownAs) : transmission.property, 'trackhar');
  }
  return [...byKey.entries()].map(([key, sources]) => ({ key, label: dataLabel(key), seenBy: [...sources].sort() }));
}
