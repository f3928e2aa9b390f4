// history.html: per game, every run's status for each standard (oldest to newest), each change
// marked and each pair of runs that cannot be compared flagged, with links to the runs' reports
// and to the `diff` of the two bundles; a chart per game, and for each run the comparison table
// of its games (rendered elsewhere and handed in through `measuresTable`).
import Handlebars from 'handlebars';
import type { GameHistory, HistoryPoint } from '../history/build-history.ts';
import { changeWords } from '../history/change-words.ts';
import type { HistoryRun } from '../history/collect-runs.ts';
import type { HistoryLinks } from '../history/history-csv.ts';
import { layoutStatusChart } from '../history/status-chart.ts';
import { standards } from '../scoring/standards.ts';
import { toolVersion } from '../version.ts';
import { templates } from './templates.ts';
import { statusLabels } from './words.ts';

/**
 * The slot for the comparison table (one row per game, one column per measure) of one run, as
 * HTML the table's own renderer escaped; undefined leaves the run without one.
 */
export type RenderMeasuresTable = (run: HistoryRun) => string | undefined;

export interface HistoryPageInput {
  runsFolder: string;
  runs: readonly HistoryRun[];
  skipped: readonly { folder: string; reason: string }[];
  games: readonly GameHistory[];
  links: HistoryLinks & { csv: string; runIndex(run: HistoryRun): string };
  measuresTable?: RenderMeasuresTable;
}

function pointView(game: GameHistory, point: HistoryPoint, links: HistoryLinks) {
  const changed = new Set(point.previous?.changes.map((change) => change.standard) ?? []);
  return {
    runId: point.runId,
    capturedOn: point.capturedOn,
    report: links.report(point),
    diff: links.diff(game, point),
    previousRunId: point.previous?.runId,
    comparable: point.previous?.comparability.comparable ?? true,
    notComparableBecause: point.previous?.comparability.reasons ?? [],
    changes: (point.previous?.changes ?? []).map((change) => changeWords(change, point.capturedOn)),
    cells: standards.map((standard) => {
      const status = point.statuses.get(standard.number) ?? 'not-assessed';
      return { ...statusLabels[status], changed: changed.has(standard.number) };
    }),
  };
}

export function historyView(input: HistoryPageInput) {
  return {
    pageTitle: `Children’s code audits over time: ${input.runsFolder}`,
    runsFolder: input.runsFolder,
    csv: input.links.csv,
    statusLegend: Object.values(statusLabels),
    standards: standards.map((standard) => ({ number: standard.number, name: standard.name })),
    skipped: input.skipped,
    runs: input.runs.map((run) => {
      const table = input.measuresTable?.(run);
      return { id: run.id, startedOn: run.startedAt.slice(0, 10), index: input.links.runIndex(run), measuresTable: table === undefined ? undefined : new Handlebars.SafeString(table) };
    }),
    games: input.games.map((game) => ({
      key: game.key,
      anchor: `game-${game.key.replace(/[^a-z0-9-]/g, '-')}`,
      title: game.title,
      variant: game.variant,
      runCount: game.points.length,
      chart: layoutStatusChart(game),
      points: game.points.map((point) => pointView(game, point, input.links)),
    })),
  };
}

export function renderHistoryHtml(input: HistoryPageInput): string {
  const environment = templates();
  return environment.render.history({ ...historyView(input), csp: environment.csp, toolVersionFooter: toolVersion });
}
