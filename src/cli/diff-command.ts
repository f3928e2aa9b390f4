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
      const earlier = readAudit(before);
      const later = readAudit(after);
      // Two different games (or platforms) differ in everything; said first, so no one reads it as a change.
      const describe = ({ result }: typeof earlier) => `${result.game.id} (${result.platform})`;
      if (describe(earlier) !== describe(later)) {
        process.stderr.write(`gameaudit: warning: ${before} is ${describe(earlier)} and ${after} is ${describe(later)}: these are not two audits of one game, so every difference below may be between the games\n`);
      }
      const diff = diffAudits(earlier, later);
      process.stdout.write(options.json ? `${JSON.stringify(diff, null, 2)}\n` : formatDiff(diff));
    });
}
