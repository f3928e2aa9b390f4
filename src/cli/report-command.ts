// gameaudit report <run-dir> [--pdf]: renders every game's report.html (and report.pdf) and the
// run's index.html, summary.json and summary.csv from the result.json files.
import type { Command } from 'commander';
import { chromiumArgs, chromiumExecutable } from '../capture/web/chromium.ts';
import { renderRun } from '../report/render-run.ts';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('Render HTML reports (and PDFs with --pdf) for a run directory, from each bundle\'s result.json')
    .argument('<run-dir>', 'a run directory, such as runs/<run-id>')
    .option('--pdf', 'also write report.pdf beside each report.html, printed by Chromium')
    .addHelpText('after', '\nExample:\n  gameaudit report runs/2026-11-20T09-14-03Z --pdf')
    .action(async (runDir: string, options: { pdf?: boolean }) => {
      // Only the composition root knows where Chromium is; it is looked up only when a PDF is wanted.
      const browser = options.pdf ? { executablePath: chromiumExecutable(), args: chromiumArgs } : undefined;
      const { indexHtml, gameReports } = await renderRun(runDir, { pdf: Boolean(options.pdf), ...(browser ? { browser } : {}) });
      process.stdout.write(`${gameReports.length} game report${gameReports.length === 1 ? '' : 's'} written${options.pdf ? ' (with PDFs)' : ''}.\nOpen ${indexHtml}\n`);
    });
}
