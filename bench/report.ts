// npm run bench:report — renders a programme of 10 games × 5,000 requests (reading and validating
// each result.json, every game report, index.html and the summaries) and prints the figures.
// Targets (issue 6): under 3 s and under 5 MB for the largest page.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderRun } from '../src/report/render-run.ts';
import { writeBundle } from '../test/fixtures/results/build-result.ts';
import { largeGame } from '../test/fixtures/results/games.ts';

const games = 10;
const requestsPerGame = 5000;

const runDir = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-bench-report-'));
try {
  for (let game = 1; game <= games; game += 1) writeBundle(runDir, largeGame(`bench-game-${String(game).padStart(2, '0')}`, requestsPerGame));
  // One warm-up render so the figure is for rendering, not for loading modules and compiling templates.
  await renderRun(runDir);
  const started = process.hrtime.bigint();
  const { indexHtml, gameReports } = await renderRun(runDir);
  const renderSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const largestBytes = Math.max(...[indexHtml, ...gameReports].map((file) => statSync(file).size));
  process.stdout.write(`Rendered ${gameReports.length} game reports and the index in ${renderSeconds.toFixed(2)} s; largest page ${(largestBytes / 1024 / 1024).toFixed(2)} MB\n`);
  process.stdout.write(`${JSON.stringify({ games, requestsPerGame, renderSeconds: Number(renderSeconds.toFixed(3)), largestPageMb: Number((largestBytes / 1024 / 1024).toFixed(3)) })}\n`);
} finally {
  rmSync(runDir, { recursive: true, force: true });
}
