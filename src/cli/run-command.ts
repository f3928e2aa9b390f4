// gameaudit run --plan <file> | --programme <file>: capture each game, score its bundle and
// render the run's reports. runGames() is the per-run loop that `demo` (and batch features)
// reuse: one game's failure is recorded and the others go on.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ExitCode, UserError } from '../errors.ts';
import { loadPlan, loadProgramme, type LoadedPlan } from '../plan/load.ts';
import { PlatformSchema, type Platform } from '../plan/schema.ts';
import { renderRun } from '../report/render-run.ts';
import { scoreBundle } from '../scoring/score-bundle.ts';
import { auditGame, bundleDirFor } from './audit-game.ts';

export interface GameRunOutcome {
  gameId: string;
  platform: Platform;
  bundleDir: string;
  status: 'complete' | 'incomplete' | 'failed';
  /** Why the capture or the scoring failed, in one line. */
  problem?: string;
  /** Check outcomes, when scored. */
  counts?: Record<string, number>;
}

export interface RunGamesOptions {
  plans: readonly LoadedPlan[];
  platform: Platform;
  runDir: string;
  signal?: AbortSignal;
  proxyHost?: string;
  keepCa?: boolean;
  /** One human-readable progress line at a time. */
  log?: (line: string) => void;
}

export interface RunGamesOutcome {
  runDir: string;
  games: GameRunOutcome[];
  indexHtml?: string;
}

/** A run id a person can sort and read: UTC minute plus a label, e.g. 2026-11-23T1130Z-demo. */
export function newRunId(label: string, now: Date = new Date()): string {
  const iso = now.toISOString();
  return `${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z-${label}`;
}

/** A fresh run directory under `outDir`; a second run in the same minute gets a suffix. */
export function createRunDir(outDir: string, label: string): string {
  const base = path.resolve(outDir, newRunId(label));
  let candidate = base;
  for (let attempt = 2; existsSync(candidate); attempt++) candidate = `${base}-${attempt}`;
  mkdirSync(candidate, { recursive: true });
  return candidate;
}

export async function runGames(options: RunGamesOptions): Promise<RunGamesOutcome> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const games: GameRunOutcome[] = [];
  for (const loadedPlan of options.plans) {
    const gameId = loadedPlan.plan.id;
    const tag = `[${gameId}/${options.platform}]`;
    const bundleDir = bundleDirFor(options.runDir, gameId, options.platform);
    if (options.signal?.aborted) {
      games.push({ gameId, platform: options.platform, bundleDir, status: 'failed', problem: 'not started: interrupted' });
      continue;
    }
    let lastPhase = '';
    let outcome: GameRunOutcome;
    try {
      const capture = await auditGame({
        loadedPlan,
        platform: options.platform,
        runDir: options.runDir,
        signal: options.signal,
        proxyHost: options.proxyHost,
        keepCa: options.keepCa,
        onProgress: (progress) => {
          if (progress.phase === lastPhase) return;
          lastPhase = progress.phase;
          log(`${tag} ${progress.phase} (${progress.requests} requests so far)`);
        },
      });
      outcome = { gameId, platform: options.platform, bundleDir: capture.bundleDir, status: capture.evidence.status };
      if (capture.evidence.status === 'incomplete') {
        outcome.problem = capture.evidence.incompleteReasons.map((reason) => reason.message).join(' ');
        log(`${tag} capture incomplete: ${outcome.problem}`);
      }
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      games.push({ gameId, platform: options.platform, bundleDir, status: 'failed', problem: error.message });
      log(`${tag} not captured: ${error.message}`);
      continue;
    }
    try {
      const result = await scoreBundle(outcome.bundleDir);
      outcome.counts = result.counts;
      const counts = Object.entries(result.counts)
        .filter(([, count]) => count > 0)
        .map(([name, count]) => `${count} ${name}`)
        .join(', ');
      log(`${tag} scored: ${counts}`);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      outcome.problem = error.message;
      log(`${tag} not scored: ${error.message}`);
    }
    games.push(outcome);
  }
  let indexHtml: string | undefined;
  if (games.some((game) => game.counts)) {
    indexHtml = (await renderRun(options.runDir)).indexHtml;
  }
  return { runDir: options.runDir, games, indexHtml };
}

/** Ctrl-C stops the capture at the next step and still writes what it got. */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write('\ninterrupted: finishing the current capture step and writing what was captured (Ctrl-C again to quit now)\n');
    controller.abort();
    process.once('SIGINT', () => process.exit(ExitCode.interrupted));
  });
  return controller.signal;
}

export function exitCodeFor(outcome: RunGamesOutcome, signal: AbortSignal): number {
  if (signal.aborted) return ExitCode.interrupted;
  return outcome.games.every((game) => game.status === 'complete' && game.counts) ? ExitCode.ok : ExitCode.incomplete;
}

export function printRunEnd(outcome: RunGamesOutcome, log: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): void {
  if (outcome.indexHtml) log(`Report: ${outcome.indexHtml}`);
  else log(`No game could be scored; the evidence is in ${outcome.runDir}`);
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('Capture, score and report games from one plan or a programme')
    .option('--plan <file>', 'one game plan (audits/<game>.yaml)')
    .option('--programme <file>', 'a programme file listing plans (audits/programme.yaml)')
    .option('--out <dir>', 'where run folders are written', 'runs')
    .option('--platform <platform>', 'web, android or ios', 'web')
    .option('--proxy-host <host>', 'address the capture proxy listens on (default 127.0.0.1; others get a warning)')
    .option('--keep-ca', "keep the run's CA key and certificate after the run (for installing on a device)")
    .addHelpText('after', '\nExamples:\n  gameaudit run --plan audits/demo/demo-leaky.yaml\n  gameaudit run --programme audits/programme.yaml --out runs --platform web')
    .action(async (options: { plan?: string; programme?: string; out: string; platform: string; proxyHost?: string; keepCa?: boolean }) => {
      if (Boolean(options.plan) === Boolean(options.programme)) throw new UserError('give exactly one of --plan <file> or --programme <file>');
      const platform = PlatformSchema.safeParse(options.platform);
      if (!platform.success) throw new UserError(`--platform: "${options.platform}" is not a platform; use web, android or ios`);
      const plans = options.plan ? [loadPlan(options.plan)] : loadProgramme(options.programme!).plans;
      const label = options.plan ? plans[0]!.plan.id : path.basename(options.programme!).replace(/\.ya?ml$/, '');
      const runDir = createRunDir(options.out, label);
      const signal = interruptSignal();
      process.stdout.write(`Run ${path.basename(runDir)}: ${plans.length} game(s) on ${platform.data}, writing to ${runDir}\n`);
      const outcome = await runGames({ plans, platform: platform.data, runDir, signal, proxyHost: options.proxyHost, keepCa: options.keepCa });
      printRunEnd(outcome);
      process.exitCode = exitCodeFor(outcome, signal);
    });
}
