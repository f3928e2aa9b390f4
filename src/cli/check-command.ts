// gameaudit check <check-id> --evidence <bundle>: re-run one check on saved evidence, print what
// it found, and update that row of the bundle's result.json (the other rows are kept).
// With --plan <plan> --recapture: capture again what the check needs (see recapture.ts).
import path from 'node:path';
import type { Command } from 'commander';
import { ExitCode, UserError } from '../errors.ts';
import { PlatformSchema, type Platform } from '../plan/schema.ts';
import { renderGame } from '../report/render-game.ts';
import { requireCheck } from '../scoring/require-check.ts';
import type { Result } from '../scoring/result-schema.ts';
import { scoreBundle } from '../scoring/score-bundle.ts';
import { interruptSignal } from './interrupt.ts';
import { formatComparison, recaptureCheck } from './recapture.ts';

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

interface CheckOptions {
  evidence?: string;
  plan?: string;
  recapture?: boolean;
  platform?: string;
  out: string;
  json?: boolean;
  force?: boolean;
  findings?: string;
}

function parsePlatform(value: string | undefined): Platform | undefined {
  if (value === undefined) return undefined;
  const parsed = PlatformSchema.safeParse(value);
  if (!parsed.success) throw new UserError(`--platform: "${value}" is not a platform; use web, android or ios`);
  return parsed.data;
}

/** Re-scoring rewrites result.json; a comparison written by an earlier --recapture is kept. */
async function rerunOnEvidence(checkId: string, options: CheckOptions & { evidence: string }): Promise<Result> {
  const check = requireCheck(checkId);
  const result = await scoreBundle(options.evidence, {
    only: [check.id],
    force: Boolean(options.force),
    ...(options.findings ? { findingsFile: options.findings } : {}),
    notify: (message) => process.stderr.write(`gameaudit: ${options.evidence}: ${message}\n`),
  });
  // The investigator opens the report next: it must show the new outcome.
  await renderGame(options.evidence);
  return result;
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description("Re-run one check on a saved evidence bundle (updating that row of result.json), or capture again what it needs with --recapture")
    .argument('<check-id>', 'the check to run (see `gameaudit checks`)')
    .option('--evidence <bundle>', 'evidence bundle directory (runs/<run>/<game>/<platform>); with --recapture, the earlier bundle to compare with')
    .option('--plan <file>', 'with --recapture: the game plan to capture from')
    .option('--recapture', 'capture again only the phases this check needs, into a new run folder, and compare with the earlier bundle')
    .option('--platform <platform>', 'with --recapture: web, android or ios (needed when the plan has several)')
    .option('--out <dir>', 'with --recapture: where run folders are (the new one is made here; the earlier bundle is looked for here)', 'runs')
    .option('--json', 'print the check result as JSON')
    .option('--force', 'run even when the evidence does not match its manifest')
    .option('--findings <file>', "investigators' findings file (default: audits/findings/<game-id>.yaml when present, else the findings already in result.json)")
    .addHelpText(
      'after',
      `
Examples:
  gameaudit check nudge.consent-choice-parity --evidence runs/2026-03-02T1000Z-programme/demo-leaky/web
  gameaudit check default-settings.high-privacy --plan audits/demo/demo-leaky.yaml --recapture
  gameaudit check default-settings.high-privacy --plan audits/demo/demo-leaky.yaml --recapture --evidence runs/2026-03-02T1000Z-programme/demo-leaky/web`,
    )
    .action(async (checkId: string, options: CheckOptions) => {
      const check = requireCheck(checkId);
      const platform = parsePlatform(options.platform);
      if (options.recapture) {
        if (!options.plan) throw new UserError('--recapture needs --plan <file>: the game to capture again (audits/<game>.yaml)');
        if (options.force) throw new UserError('--force applies to saved evidence; a fresh capture is verified as it is sealed — leave out --force');
        const outcome = await recaptureCheck({
          checkId: check.id,
          planFile: options.plan,
          platform,
          outDir: options.out,
          evidence: options.evidence,
          findingsFile: options.findings,
          signal: interruptSignal(),
          onProgress: (progress) => {
            if (!options.json && progress.phase !== 'done') process.stderr.write(`${progress.phase}, ${progress.requests} requests\n`);
          },
        });
        const row = outcome.result.checks.find((candidate) => candidate.id === check.id);
        if (!row) throw new UserError(`${check.id} produced no result row`);
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ bundle: outcome.bundleDir, phases: outcome.phases, check: row, previous: outcome.result.previous ?? null }, null, 2)}\n`);
        } else {
          process.stdout.write(`New bundle: ${outcome.bundleDir} (phases: ${outcome.phases.join(', ')})\n`);
          process.stdout.write(formatCheckResult(outcome.result, check.id));
          process.stdout.write(outcome.result.previous ? formatComparison(outcome.result) : `No earlier bundle of ${outcome.result.game.id} (${outcome.result.platform}) under ${options.out} to compare with.\n`);
          process.stdout.write(`Report: ${path.join(outcome.bundleDir, 'report.html')}\n`);
        }
        if (outcome.result.bundle.status === 'incomplete') process.exitCode = ExitCode.incomplete;
        return;
      }
      if (options.plan || platform) throw new UserError('--plan and --platform go with --recapture; to re-run the check on saved evidence give only --evidence <bundle>');
      if (!options.evidence) throw new UserError('give --evidence <bundle> (saved evidence), or --plan <file> --recapture (a fresh capture)');
      const result = await rerunOnEvidence(check.id, { ...options, evidence: options.evidence });
      const row = result.checks.find((candidate) => candidate.id === check.id);
      if (!row) throw new UserError(`${check.id} produced no result row`);
      process.stdout.write(options.json ? `${JSON.stringify(row, null, 2)}\n` : formatCheckResult(result, check.id));
    });
}
