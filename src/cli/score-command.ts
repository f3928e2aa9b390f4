// gameaudit score <bundle...>: verify each evidence bundle, run every check, fold in the
// investigators' findings and write result.json; prints a table of outcomes, or the JSON.
import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import type { Result } from '../scoring/result-schema.ts';
import { scoreBundle } from '../scoring/score-bundle.ts';

/** A short plain-text table: one line per check, then the standards, for a terminal. */
export function formatResultTable(bundleDir: string, result: Result): string {
  const lines = [`${result.game.title} (${result.game.id}, ${result.platform})  ${bundleDir}`];
  if (result.bundle.forced) lines.push(`  SCORED WITH --force: the evidence did not verify (${result.bundle.verifyProblems.join('; ')})`);
  if (result.bundle.status === 'incomplete') lines.push(`  capture incomplete: ${result.bundle.incompleteReasons.map((reason) => reason.message).join(' ')}`);
  const idWidth = Math.max(...result.checks.map((check) => check.id.length), 5);
  for (const check of result.checks) {
    const overrule = check.overruledBy !== undefined ? result.investigatorFindings[check.overruledBy] : undefined;
    const outcome = overrule ? `${check.outcome} → ${overrule.outcome} (by ${overrule.by})` : check.outcome;
    lines.push(`  ${String(check.standard).padStart(2)}  ${check.id.padEnd(idWidth)}  ${outcome.padEnd(14)}  ${check.summary}`);
  }
  const standardsLine = result.standards.map((standard) => `${standard.number}:${standard.status}${standard.investigatorFinding !== undefined ? '*' : ''}`).join('  ');
  lines.push(`  standards: ${standardsLine}`);
  if (result.investigatorFindings.some((finding) => finding.standard !== undefined)) lines.push('  (* assessed by an investigator)');
  const counts = Object.entries(result.counts)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => `${count} ${outcome}`)
    .join(', ');
  lines.push(`  checks: ${counts}`);
  return `${lines.join('\n')}\n`;
}

export function registerScore(program: Command): void {
  program
    .command('score')
    .description("Verify evidence bundles against their manifests, run every check, and write each bundle's result.json")
    .argument('<bundles...>', 'evidence bundle directories (runs/<run>/<game>/<platform>)')
    .option('--json', 'print result.json instead of the table (one JSON document a line for several bundles)')
    .option('--force', 'score even when the evidence does not match its manifest; the result and report say so')
    .option('--findings <file>', "investigators' findings file (default: audits/findings/<game-id>.yaml when present, else the findings already in result.json)")
    .addHelpText('after', '\nExamples:\n  gameaudit score runs/2026-03-02T10-00-00Z/demo-leaky/web\n  gameaudit score runs/*/demo-leaky/web --json --findings audits/findings/demo-leaky.yaml')
    .action(async (bundles: string[], options: { json?: boolean; force?: boolean; findings?: string }) => {
      const refusals: UserError[] = [];
      for (const bundle of bundles) {
        let result: Result;
        try {
          result = await scoreBundle(bundle, {
            force: Boolean(options.force),
            ...(options.findings ? { findingsFile: options.findings } : {}),
            notify: (message) => process.stderr.write(`gameaudit: ${bundle}: ${message}\n`),
          });
        } catch (error) {
          // One bad bundle must not stop the others from being scored.
          if (!(error instanceof UserError) || bundles.length === 1) throw error;
          process.stderr.write(`gameaudit: ${error.message}\n`);
          refusals.push(error);
          continue;
        }
        process.stdout.write(options.json ? `${JSON.stringify(result, null, bundles.length === 1 ? 2 : undefined)}\n` : formatResultTable(bundle, result));
      }
      if (refusals.length > 0) throw new UserError(`${refusals.length} of ${bundles.length} bundle(s) could not be scored`, refusals[0]!.exitCode);
    });
}
