// gameaudit check <check-id> --evidence <bundle>: re-run one check on saved evidence, print what
// it found, and update that row of the bundle's result.json (the other rows are kept).
import type { Command } from 'commander';
import { renderGame } from '../report/render-game.ts';
import { UserError } from '../errors.ts';
import { requireCheck } from '../scoring/require-check.ts';
import type { Result } from '../scoring/result-schema.ts';
import { scoreBundle } from '../scoring/score-bundle.ts';

function describeRef(ref: Result['checks'][number]['findings'][number]['evidence'][number]): string {
  switch (ref.kind) {
    case 'har-entry':
      return `network.har entry #${ref.index}`;
    case 'screenshot':
      return ref.file;
    case 'ui-node':
      return `on screen: "${ref.label}"${ref.locator ? ` (${ref.locator})` : ''}`;
    case 'event':
      return `events.ndjson ${ref.id}`;
    case 'file':
      return ref.path;
    case 'setting':
      return `setting "${ref.label}"`;
  }
}

export function formatCheckResult(result: Result, checkId: string): string {
  const check = result.checks.find((row) => row.id === checkId);
  if (!check) return `${checkId}: no result\n`;
  const lines = [`${check.id} (standard ${check.standard}): ${check.outcome.toUpperCase()} — ${check.title}`, `  ${check.summary}`];
  if (check.error) lines.push(`  error: ${check.error}`);
  if (check.downgradedBecause) lines.push(`  ${check.downgradedBecause}`);
  const overrule = check.overruledBy !== undefined ? result.investigatorFindings[check.overruledBy] : undefined;
  if (overrule) lines.push(`  overruled: ${overrule.outcome} by ${overrule.by} (${overrule.at}): ${overrule.note}`);
  if (result.bundle.forced) lines.push('  NOTE: scored with --force; the evidence did not verify.');
  for (const finding of check.findings) {
    lines.push(`  - [${finding.severity}] ${finding.message}`);
    if (finding.evidence.length > 0) lines.push(`      evidence: ${finding.evidence.map(describeRef).join('; ')}`);
  }
  return `${lines.join('\n')}\n`;
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description("Re-run one check on a saved evidence bundle and update that check's row in result.json")
    .argument('<check-id>', 'the check to run (see `gameaudit checks`)')
    .requiredOption('--evidence <bundle>', 'evidence bundle directory (runs/<run>/<game>/<platform>)')
    .option('--json', 'print the check result as JSON')
    .option('--force', 'run even when the evidence does not match its manifest')
    .option('--findings <file>', "investigators' findings file (default: audits/findings/<game-id>.yaml when present)")
    .addHelpText('after', '\nExample:\n  gameaudit check nudge.consent-choice-parity --evidence runs/2026-03-02T10-00-00Z/demo-leaky/web')
    .action(async (checkId: string, options: { evidence: string; json?: boolean; force?: boolean; findings?: string }) => {
      const check = requireCheck(checkId);
      const result = await scoreBundle(options.evidence, {
        only: [check.id],
        force: Boolean(options.force),
        ...(options.findings ? { findingsFile: options.findings } : {}),
      });
      // The investigator opens the report next: it must show the new outcome.
      await renderGame(options.evidence);
      const row = result.checks.find((candidate) => candidate.id === check.id);
      if (!row) throw new UserError(`${check.id} produced no result row`);
      process.stdout.write(options.json ? `${JSON.stringify(row, null, 2)}\n` : formatCheckResult(result, check.id));
    });
}
