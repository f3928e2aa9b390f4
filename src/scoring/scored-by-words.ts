// The scorer in one line, for reports; kept apart from scored-by.ts so a report loads no analysis.
import type { ScoredBy } from './result-schema.ts';

/** One line for reports: "gameaudit 0.4.0 (commit abc), tracker catalogue sha256 …, Ghostery trackerdb 1.0.945". */
export function scoredByWords(scorer: ScoredBy): string {
  const trackerDb = scorer.trackerDb.used ? `Ghostery trackerdb ${scorer.trackerDb.version ?? 'unknown'}` : 'Ghostery trackerdb not used';
  return `gameaudit ${scorer.toolVersion} (commit ${scorer.toolCommit}), tracker catalogue sha256 ${scorer.trackerCatalogueSha256}, ${trackerDb}`;
}
