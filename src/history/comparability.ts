// Whether two audits of a game can be compared as "the game changed": a difference may come from
// how it was captured (device, OS, browser build, game version) or scored (tool, tracker
// catalogue), or from evidence that was incomplete or did not verify. Any of these is named, so the
// history flags the pair instead of silently comparing it.
import { captureChangeWords, diffAudits, type AuditDiff } from '../scoring/diff-results.ts';
import type { Result } from '../scoring/result-schema.ts';
import type { RunAudit } from './collect-runs.ts';

export interface Comparability {
  comparable: boolean;
  /** One phrase per reason, e.g. "browser build: chromium → chromium-headless-shell". */
  reasons: string[];
}

function evidenceDoubts(result: Result, which: string): string[] {
  const doubts: string[] = [];
  if (result.bundle.status !== 'complete') doubts.push(`the ${which} capture is incomplete`);
  if (!result.bundle.verified || result.bundle.forced) doubts.push(`the ${which} capture's evidence did not verify`);
  return doubts;
}

/** The game's own version is not in result.json; the capture recorded it in the device records, when it could. */
function gameVersionChange(before: string | undefined, after: string | undefined): string[] {
  return before === after ? [] : [`game version: ${before ?? 'not recorded'} → ${after ?? 'not recorded'}`];
}

export function diffOf(before: RunAudit, after: RunAudit): AuditDiff {
  const settings = (audit: RunAudit) => audit.result.observations?.settings.controls ?? [];
  return diffAudits({ result: before.result, settings: settings(before) }, { result: after.result, settings: settings(after) });
}

export function comparability(before: RunAudit, after: RunAudit, versions: { before?: string; after?: string }): Comparability {
  const diff = diffOf(before, after);
  const reasons = [
    ...diff.captureChanges.map(captureChangeWords),
    ...gameVersionChange(versions.before, versions.after),
    ...diff.scorerChanges.map(captureChangeWords),
    ...evidenceDoubts(before.result, 'earlier'),
    ...evidenceDoubts(after.result, 'later'),
  ];
  return { comparable: reasons.length === 0, reasons };
}
