// What scored a result: the tool, the tracker catalogue and whether Ghostery's trackerdb was used.
// Each of them changes attributions, and so outcomes, so a result records them to be reproducible
// (as Lighthouse records lighthouseVersion and its config in every report).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { catalogueFile } from '../analysis/tracker-catalogue.ts';
import { trackerDbAvailable, trackerDbVersion } from '../analysis/trackerdb-fallback.ts';
import { toolCommit, toolVersion } from '../version.ts';
import type { ScoredBy } from './result-schema.ts';

export function scoredBy(): ScoredBy {
  return {
    toolVersion,
    toolCommit: toolCommit(),
    trackerCatalogueSha256: createHash('sha256').update(readFileSync(catalogueFile)).digest('hex'),
    trackerDb: trackerDbAvailable ? { used: true, version: trackerDbVersion ?? 'unknown' } : { used: false },
  };
}

/** One line for reports and diff: "gameaudit 0.4.0 (commit abc), tracker catalogue sha256 …, Ghostery trackerdb 1.0.945". */
export function scoredByWords(scorer: ScoredBy): string {
  const trackerDb = scorer.trackerDb.used ? `Ghostery trackerdb ${scorer.trackerDb.version ?? 'unknown'}` : 'Ghostery trackerdb not used';
  return `gameaudit ${scorer.toolVersion} (commit ${scorer.toolCommit}), tracker catalogue sha256 ${scorer.trackerCatalogueSha256}, ${trackerDb}`;
}
