// The history of a programme: per game (and platform, and persona), every run's status for each
// standard, oldest to newest, with each change of status marked against the run before, and
// whether that pair of runs can be compared at all.
import { standards, type StandardStatus } from '../scoring/standards.ts';
import { comparability, type Comparability } from './comparability.ts';
import type { HistoryRun, RunAudit } from './collect-runs.ts';

export interface StatusChange {
  standard: number;
  standardName: string;
  before: StandardStatus | null;
  after: StandardStatus | null;
}

export interface HistoryPoint {
  runId: string;
  runDir: string;
  /** The capture's start, YYYY-MM-DD: the day a change is said to have happened. */
  capturedOn: string;
  audit: RunAudit;
  statuses: Map<number, StandardStatus>;
  /** Against the point before; absent for the first. */
  previous?: { runId: string; audit: RunAudit; changes: StatusChange[]; comparability: Comparability };
}

export interface GameHistory {
  /** `<game-id>/<variant>`: one series per game, platform and persona. */
  key: string;
  gameId: string;
  title: string;
  variant: string;
  points: HistoryPoint[];
}

/** Reads the version a capture recorded for the game (Android's versionName); undefined when it recorded none. */
export type GameVersionOf = (audit: RunAudit) => string | undefined;

function statusesOf(audit: RunAudit): Map<number, StandardStatus> {
  return new Map(audit.result.standards.map((standard) => [standard.number, standard.status]));
}

function statusChanges(before: Map<number, StandardStatus>, after: Map<number, StandardStatus>): StatusChange[] {
  return standards
    .map((standard) => ({ standard: standard.number, standardName: standard.name, before: before.get(standard.number) ?? null, after: after.get(standard.number) ?? null }))
    .filter((change) => change.before !== change.after);
}

export function buildHistory(runs: readonly HistoryRun[], versionOf: GameVersionOf): GameHistory[] {
  const series = new Map<string, GameHistory>();
  for (const run of runs) {
    for (const audit of run.audits) {
      const key = `${audit.result.game.id}/${audit.variant}`;
      let game = series.get(key);
      if (!game) {
        game = { key, gameId: audit.result.game.id, title: audit.result.game.title, variant: audit.variant, points: [] };
        series.set(key, game);
      }
      // A later run's title is the one a reader knows the game by now.
      game.title = audit.result.game.title;
      const statuses = statusesOf(audit);
      const last = game.points.at(-1);
      game.points.push({
        runId: run.id,
        runDir: run.dir,
        capturedOn: audit.result.bundle.startedAt.slice(0, 10),
        audit,
        statuses,
        ...(last
          ? {
              previous: {
                runId: last.runId,
                audit: last.audit,
                changes: statusChanges(last.statuses, statuses),
                comparability: comparability(last.audit, audit, { before: versionOf(last.audit), after: versionOf(audit) }),
              },
            }
          : {}),
      });
    }
  }
  return [...series.values()].sort((a, b) => a.key.localeCompare(b.key));
}
