// gameaudit diff <bundle-a> <bundle-b>: what changed between two audits of a game.
import type { Command } from 'commander';
import { readEvidence } from '../evidence/bundle-reader.ts';
import { readResult } from '../report/load-result.ts';
import { diffAudits, formatDiff } from '../scoring/diff-results.ts';

function readAudit(bundleDir: string) {
  return { result: readResult(bundleDir), settings: readEvidence(bundleDir).settings.controls };
}

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('Compare two scored bundles of a game: outcome changes per check, third parties added or removed, settings changed')
    .argument('<before>', 'the earlier bundle')
    .argument('<after>', 'the later bundle')
    .option('--json', 'print the differences as JSON')
    .action((before: string, after: string, options: { json?: boolean }) => {
      const diff = diffAudits(readAudit(before), readAudit(after));
      process.stdout.write(options.json ? `${JSON.stringify(diff, null, 2)}\n` : formatDiff(diff));
    });
}
