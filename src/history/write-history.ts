// `gameaudit history <runs-dir>`: history.html and history.csv in the runs folder, and the `diff`
// of every pair of consecutive audits of a game in history-diffs/, which both link to.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { readEvidence } from '../evidence/bundle-reader.ts';
import { writeFileAtomic } from '../evidence/atomic-write.ts';
import { renderHistoryHtml, type RenderMeasuresTable } from '../report/history-page.ts';
import { formatDiff } from '../scoring/diff-results.ts';
import { buildHistory, type GameHistory, type HistoryPoint } from './build-history.ts';
import { collectRuns, historyDiffsFolder, type RunAudit } from './collect-runs.ts';
import { diffOf } from './comparability.ts';
import { historyCsv, type HistoryLinks } from './history-csv.ts';

export const historyHtmlName = 'history.html';
export const historyCsvName = 'history.csv';

/** Android captures record the installed versionName; web and imported captures record none. */
function gameVersionOf(audit: RunAudit): string | undefined {
  if (!existsSync(path.join(audit.bundleDir, 'evidence.json'))) return undefined;
  return readEvidence(audit.bundleDir).android?.versionName;
}

const toUrl = (relative: string) => relative.split(path.sep).map(encodeURIComponent).join('/');

function diffFileName(game: GameHistory, point: HistoryPoint): string {
  return `${game.gameId}--${game.variant}--${point.previous!.runId}--${point.runId}.txt`;
}

export interface HistoryOutput {
  html: string;
  csv: string;
  games: GameHistory[];
}

export function writeHistory(runsDir: string, options: { measuresTable?: RenderMeasuresTable } = {}): HistoryOutput {
  const root = path.resolve(runsDir);
  const { runs, skipped } = collectRuns(root);
  const games = buildHistory(runs, gameVersionOf);
  const links: HistoryLinks = {
    report: (point) => toUrl(path.relative(root, path.join(point.audit.bundleDir, 'report.html'))),
    diff: (game, point) => (point.previous ? toUrl(path.join(historyDiffsFolder, diffFileName(game, point))) : undefined),
  };
  const diffsDir = path.join(root, historyDiffsFolder);
  mkdirSync(diffsDir, { recursive: true });
  for (const game of games) {
    for (const point of game.points) {
      if (point.previous) writeFileAtomic(path.join(diffsDir, diffFileName(game, point)), formatDiff(diffOf(point.previous.audit, point.audit)));
    }
  }
  const csv = path.join(root, historyCsvName);
  writeFileAtomic(csv, historyCsv(games, links));
  const html = path.join(root, historyHtmlName);
  writeFileAtomic(
    html,
    renderHistoryHtml({
      runsFolder: path.basename(root),
      runs,
      skipped,
      games,
      links: { ...links, csv: historyCsvName, runIndex: (run) => toUrl(path.join(run.id, 'index.html')) },
      measuresTable: options.measuresTable,
    }),
  );
  return { html, csv, games };
}
