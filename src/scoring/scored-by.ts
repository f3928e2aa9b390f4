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
