// renderRun: every game's report, then the programme summary (index.html, summary.json,
// summary.csv) at the top of the run directory.
import path from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../evidence/atomic-write.ts';
import { toolVersion } from '../version.ts';
import { pdfHeader } from './pdf-header.ts';
import { printPdfs } from './pdf.ts';
import { buildIndexView, buildProgrammeSummary, loadRun, programmeCsv, type LoadedGame } from './programme-summary.ts';
import { writeGameReport, type RenderOptions } from './render-game.ts';
import { templates } from './templates.ts';

export const indexFileName = 'index.html';

/** index.html, summary.json and summary.csv for the run; returns the index path. */
export function writeProgrammeSummary(runDir: string, games: readonly LoadedGame[] = loadRun(runDir)): string {
  const summary = buildProgrammeSummary(runDir, games);
  const environment = templates();
  const indexHtml = path.join(runDir, indexFileName);
  writeJsonAtomic(path.join(runDir, 'summary.json'), summary);
  writeFileAtomic(path.join(runDir, 'summary.csv'), programmeCsv(summary));
  writeFileAtomic(indexHtml, environment.render.index({ ...buildIndexView(summary), csp: environment.csp, toolVersionFooter: toolVersion }));
  return indexHtml;
}

export async function renderRun(runDir: string, options: RenderOptions = {}): Promise<{ indexHtml: string; gameReports: string[] }> {
  // Read and validate every result first, so one bad file stops the run before anything is written.
  const games = loadRun(runDir);
  const gameReports = games.map(({ dir, result }) => {
    return writeGameReport(dir, result);
  });
  // PDFs first, so the index links each one that was printed.
  if (options.pdf) {
    const run = path.basename(path.resolve(runDir));
    const jobs = games.map(({ result }, position) => ({ htmlFile: gameReports[position]!, header: pdfHeader(result, run) }));
    await printPdfs(jobs, options.browser);
  }
  const indexHtml = writeProgrammeSummary(runDir, games);
  return { indexHtml, gameReports };
}
