// The runs a history is made of: every folder directly under the runs folder that holds scored
// bundles (runs/<run-id>/<game>/<platform>/result.json), oldest first. A folder that holds none is
// named on the page as skipped, never silently left out.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.ts';
import { findBundles, readResult } from '../report/load-result.ts';
import type { Result } from '../scoring/result-schema.ts';

/** Where the history keeps the `diff` of each pair of consecutive audits, beside history.html. */
export const historyDiffsFolder = 'history-diffs';

export interface RunAudit {
  /** The bundle folder's name under its game: the platform, with a persona's id after it for persona captures. */
  variant: string;
  bundleDir: string;
  result: Result;
}

export interface HistoryRun {
  id: string;
  dir: string;
  /** When the run's first capture started (the earliest bundle's startedAt). */
  startedAt: string;
  audits: RunAudit[];
}

export interface CollectedRuns {
  runs: HistoryRun[];
  skipped: { folder: string; reason: string }[];
}

export function collectRuns(runsDir: string): CollectedRuns {
  if (!existsSync(runsDir) || !statSync(runsDir).isDirectory()) throw new UserError(`${runsDir}: not a directory; give the folder that holds the run folders, such as runs/`);
  const runs: HistoryRun[] = [];
  const skipped: CollectedRuns['skipped'] = [];
  for (const entry of readdirSync(runsDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === historyDiffsFolder) continue;
    const dir = path.join(runsDir, entry.name);
    let audits: RunAudit[];
    try {
      audits = findBundles(dir).map((bundle) => ({ variant: bundle.platform, bundleDir: bundle.dir, result: readResult(bundle.dir) }));
    } catch (error) {
      skipped.push({ folder: entry.name, reason: error instanceof UserError ? error.message : String(error) });
      continue;
    }
    const startedAt = audits.map((audit) => audit.result.bundle.startedAt).sort()[0]!;
    runs.push({ id: entry.name, dir, startedAt, audits });
  }
  if (runs.length === 0) throw new UserError(`${runsDir}: no scored run folder found under it (runs/<run-id>/<game>/<platform>/result.json); give the folder that holds the runs, such as runs/`);
  runs.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
  return { runs, skipped };
}
