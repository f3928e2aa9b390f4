// gameaudit diff <bundle-a> <bundle-b>: what changed between two audits of a game.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { InputFileError } from '../errors.ts';
import { readEvidence } from '../evidence/bundle-reader.ts';
import { parseWithSchema } from '../plan/load.ts';
import { diffAudits, formatDiff } from '../scoring/diff-results.ts';
import { ResultSchema } from '../scoring/result-schema.ts';

function readAudit(bundleDir: string) {
  const resultFile = path.join(bundleDir, 'result.json');
  if (!existsSync(resultFile)) throw new InputFileError(resultFile, 'not found; score the bundle first (gameaudit score <bundle>)');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(resultFile, 'utf8'));
  } catch (error) {
    throw new InputFileError(resultFile, `not valid JSON (${(error as Error).message}); re-score the bundle`);
  }
  return { result: parseWithSchema(resultFile, ResultSchema, json), settings: readEvidence(bundleDir).settings.controls };
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
