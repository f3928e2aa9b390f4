// gameaudit verify <bundle>: every file against the manifest, and the manifest against itself.
import type { Command } from 'commander';
import { ExitCode, UserError } from '../errors.ts';
import { verifyBundle } from '../evidence/manifest.ts';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('Check every file of an evidence bundle against its manifest; name what differs, is missing or was added')
    .argument('<bundles...>', 'evidence bundle directories (runs/<run>/<game>/<platform>)')
    .option('--json', 'print the verification as JSON')
    .action(async (bundles: string[], options: { json?: boolean }) => {
      let failed = 0;
      for (const bundle of bundles) {
        const report = await verifyBundle(bundle);
        if (!report.ok) failed += 1;
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ bundle, ...report })}\n`);
          continue;
        }
        process.stdout.write(`${report.ok ? 'verified' : 'NOT VERIFIED'}  ${bundle}\n`);
        for (const problem of report.problems) process.stdout.write(`  problem: ${problem}\n`);
        for (const file of report.changed) process.stdout.write(`  changed: ${file} (its sha256 differs from the manifest)\n`);
        for (const file of report.missing) process.stdout.write(`  missing: ${file}\n`);
        for (const file of report.added) process.stdout.write(`  added:   ${file} (not in the manifest)\n`);
      }
      if (failed > 0) throw new UserError(`${failed} of ${bundles.length} bundle(s) did not verify`, ExitCode.notVerified);
    });
}
