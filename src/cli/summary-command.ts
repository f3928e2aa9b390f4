// gameaudit summary <run-dir> [--publish --out <dir> [--with-screenshots]]: (re)writes the run's
// programme summary, or the redacted summary for publication.
import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import { publishSummary } from '../report/publish.ts';
import { writeProgrammeSummary } from '../report/render-run.ts';

export function registerSummary(program: Command): void {
  program
    .command('summary')
    .description('Write the programme summary (index.html, summary.json, summary.csv), or with --publish the one for publication')
    .argument('<run-dir>', 'a run directory, such as runs/<run-id>')
    .option('--publish', 'write a summary with nothing that identifies the test device, account or operator')
    .option('--out <dir>', 'where the published summary goes (required with --publish)')
    .option('--with-screenshots', 'include the screenshots behind failed checks (they may show identifying details)')
    .option('--force', 'with --publish: replace an earlier published summary in --out')
    .addHelpText('after', '\nExamples:\n  gameaudit summary runs/2026-11-20T09-14-03Z\n  gameaudit summary runs/2026-11-20T09-14-03Z --publish --out published/2026-11')
    .action((runDir: string, options: { publish?: boolean; out?: string; withScreenshots?: boolean; force?: boolean }) => {
      if (!options.publish) {
        if (options.out || options.withScreenshots || options.force) throw new UserError('--out, --with-screenshots and --force only apply with --publish; add --publish');
        process.stdout.write(`Programme summary written. Open ${writeProgrammeSummary(runDir)}\n`);
        return;
      }
      if (!options.out) throw new UserError('--publish needs --out <dir>: the folder to write the published summary to');
      const { files } = publishSummary(runDir, options.out, { withScreenshots: Boolean(options.withScreenshots), force: Boolean(options.force) });
      process.stdout.write(`Published summary written to ${options.out} (${files.length} files).\n`);
    });
}
