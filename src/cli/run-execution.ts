// One run, start to finish, shared by `run` and `demo`: capture every audit through the
// programme runner, score each bundle, render the reports, and decide the exit code.
import path from 'node:path';
import { ExitCode } from '../errors.ts';
import type { LoadedPlan, LoadedProgramme } from '../plan/load.ts';
import type { Platform } from '../plan/schema.ts';
import { renderRun } from '../report/render-run.ts';
import { scoreBundle } from '../scoring/score-bundle.ts';
import type { Result } from '../scoring/result-schema.ts';
import { auditGame } from './audit-game.ts';
import { runProgramme, type AuditSummary } from './programme-runner.ts';
import { ProgressView } from './progress-view.ts';
import { RunResources } from './run-resources.ts';

export type FailOn = 'fail' | 'concerns';

export interface RunExecutionOptions {
  programme: LoadedProgramme;
  runDir: string;
  signal: AbortSignal;
  only?: string[];
  platform?: Platform;
  concurrency?: number;
  resume?: boolean;
  failOn?: FailOn;
  proxyHost?: string;
  keepCa?: boolean;
  caDir?: string;
  /** A real device ran without --ca-dir: its captures say so (device-ca-rule.ts). */
  allowUnreadableHttps?: boolean;
  proxyPort?: number;
  /** Where progress goes; a terminal gets the live view. */
  output?: NodeJS.WriteStream;
  /** Every game is played by an investigator (--assisted); a plan's own `assisted: true` counts too. */
  assisted?: boolean;
  /** Assisted captures without an Appium session (--without-appium). */
  withoutAppium?: boolean;
}

export interface RunExecutionOutcome {
  runDir: string;
  audits: AuditSummary[];
  indexHtml?: string;
  exitCode: number;
}

/** Does any scored audit reach the --fail-on level? */
export function reachesFailOn(results: readonly Result[], level: FailOn): boolean {
  const worrying = level === 'fail' ? new Set(['does-not-conform']) : new Set(['does-not-conform', 'concerns', 'error']);
  return results.some((result) => result.standards.some((standard) => worrying.has(standard.status)));
}

/**
 * 130 when interrupted, else 3 when any capture is incomplete (the evidence itself needs
 * attention first), else 4 when --fail-on is reached, else 0.
 */
export function exitCodeOf(audits: readonly AuditSummary[], signal: AbortSignal, failOn: FailOn | undefined): number {
  if (signal.aborted) return ExitCode.interrupted;
  if (audits.some((audit) => audit.status === 'incomplete')) return ExitCode.incomplete;
  const results = audits.flatMap((audit) => (audit.result ? [audit.result] : []));
  if (failOn && reachesFailOn(results, failOn)) return ExitCode.failOn;
  return ExitCode.ok;
}

export async function executeRun(options: RunExecutionOptions): Promise<RunExecutionOutcome> {
  const assistedAudit = (loadedPlan: LoadedPlan, platform: Platform): boolean => platform !== 'web' && Boolean(options.assisted || loadedPlan.plan.assisted);
  const anyAssisted = options.programme.plans.some((loadedPlan) => (!options.only || options.only.includes(loadedPlan.plan.id)) && (options.assisted || loadedPlan.plan.assisted));
  // The investigator's view owns the terminal while they play: progress goes there as plain lines (and to run.log).
  const view = new ProgressView(options.output ?? process.stderr, path.join(options.runDir, 'run.log'), anyAssisted ? false : undefined);
  let audits: AuditSummary[];
  let resources: RunResources | undefined;
  try {
    resources = await RunResources.open({ caDir: options.caDir, keepCa: options.keepCa });
    const { runCa, proxies, browsers } = resources;
    if (runCa && options.keepCa) view.log(`--keep-ca: the run's CA is kept after the run: private key ${runCa.caKeyFile} (mode 0600), certificate ${runCa.caCertFile}; delete the folder ${runCa.caDir} when done with it`);
    audits = await runProgramme({
      programme: options.programme,
      runDir: options.runDir,
      only: options.only,
      platform: options.platform,
      concurrency: options.concurrency,
      ...(options.proxyPort === undefined ? {} : { oneAtATime: { reason: `every capture's proxy listens on the fixed port ${options.proxyPort} (--proxy-port)` } }),
      ...(anyAssisted ? { oneAtATime: { reason: 'an investigator plays one game at a time (assisted capture)' } } : {}),
      resume: options.resume,
      signal: options.signal,
      view,
      audit: (request) =>
        auditGame({
          loadedPlan: request.loadedPlan,
          platform: request.platform,
          runDir: request.runDir,
          device: request.device,
          phases: request.phases,
          signal: request.signal,
          onProgress: request.onProgress,
          proxyHost: options.proxyHost,
          keepCa: options.keepCa,
          caDir: options.caDir,
          allowUnreadableHttps: options.allowUnreadableHttps,
          runCa,
          proxyPort: options.proxyPort,
          proxies,
          browsers,
          ...(assistedAudit(request.loadedPlan, request.platform) ? { assisted: { withoutAppium: Boolean(options.withoutAppium) } } : {}),
        }),
      score: (bundleDir) => scoreBundle(bundleDir, { notify: (message) => view.log(`${path.relative(options.runDir, bundleDir)}: ${message}`) }),
    });
  } finally {
    await resources?.dispose();
    view.stop();
  }
  let indexHtml: string | undefined;
  if (audits.some((audit) => audit.result)) {
    try {
      indexHtml = (await renderRun(options.runDir)).indexHtml;
      view.log(`reports written: ${indexHtml}`);
    } catch (error) {
      view.log(`the reports could not be rendered: ${(error as Error).message}`);
    }
  }
  for (const audit of audits.filter((entry) => entry.status === 'incomplete')) {
    view.log(`${audit.gameId} (${audit.platform}) is incomplete: ${audit.reasons.join(' ') || 'see its report'}`);
  }
  return { runDir: options.runDir, audits, indexHtml, exitCode: exitCodeOf(audits, options.signal, options.failOn) };
}
