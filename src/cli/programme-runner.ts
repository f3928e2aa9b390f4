// A programme run: every (game, platform) audit spread over the programme's devices — one audit
// per device at a time, web captures limited by the concurrency — then scored and reported.
// One audit's failure never stops the others; Ctrl-C ends captures cleanly and keeps what they got.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import pLimit, { type LimitFunction } from 'p-limit';
import type { CaptureOutcome, CaptureProgress } from '../capture/session.ts';
import { chromiumExecutable } from '../capture/web/chromium.ts';
import { UserError } from '../errors.ts';
import { resolveCredentials } from '../plan/credentials.ts';
import { verifyBundle } from '../evidence/manifest.ts';
import type { LoadedPlan, LoadedProgramme } from '../plan/load.ts';
import type { Device, Phase, Platform } from '../plan/schema.ts';
import type { Result } from '../scoring/result-schema.ts';
import { bundleDirFor, spoolFileName } from './audit-game.ts';
import { planForPersona } from '../plan/persona-plan.ts';
import type { ProgressView } from './progress-view.ts';

export interface AuditRequest {
  loadedPlan: LoadedPlan;
  platform: Platform;
  runDir: string;
  device: Device | undefined;
  phases?: readonly Phase[];
  signal: AbortSignal;
  onProgress: (progress: CaptureProgress) => void;
}

export interface ProgrammeRunOptions {
  programme: LoadedProgramme;
  runDir: string;
  only?: string[];
  platform?: Platform;
  concurrency?: number;
  /**
   * Run every audit after the one before, whatever the devices and the concurrency, and say why
   * in the log (every capture's proxy listens on one fixed port).
   */
  oneAtATime?: { reason: string };
  /** Keep complete, verified bundles already in runDir and redo the rest. */
  resume?: boolean;
  signal: AbortSignal;
  view: ProgressView;
  audit: (request: AuditRequest) => Promise<CaptureOutcome>;
  score: (bundleDir: string) => Promise<Result>;
}

export interface AuditSummary {
  gameId: string;
  platform: Platform;
  bundleDir: string;
  status: 'complete' | 'incomplete' | 'resumed';
  reasons: string[];
  result?: Result;
  /** Set while a persona's capture waits for the game's other personas before it is scored. */
  scoreAfterPersonas?: boolean;
}

interface AuditTask {
  /** The persona's plan when the plan lists personas (one task per persona, plan/persona-plan.ts). */
  loadedPlan: LoadedPlan;
  platform: Platform;
  key: string;
  bundleDir: string;
}

/** A plan with personas is captured once per persona, each into its own bundle (web-child-8). */
function personaPlans(loadedPlan: LoadedPlan): LoadedPlan[] {
  return loadedPlan.plan.personas?.map((persona) => planForPersona(loadedPlan, persona)) ?? [loadedPlan];
}

export function planPlatforms(plan: LoadedPlan['plan']): Platform[] {
  return (['web', 'android', 'ios'] as const).filter((platform) => plan.platforms[platform] !== undefined);
}

type Selection = Pick<ProgrammeRunOptions, 'programme' | 'only' | 'platform'>;

function tasksOf(options: Selection & { runDir: string }): AuditTask[] {
  const { programme, only, platform } = options;
  const known = new Set(programme.plans.map(({ plan }) => plan.id));
  const unknown = (only ?? []).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new UserError(`--only names ${unknown.map((id) => `"${id}"`).join(', ')}, not in ${programme.file}; its games are: ${[...known].join(', ')}`);
  }
  const tasks = programme.plans
    .filter(({ plan }) => !only || only.includes(plan.id))
    .flatMap((loadedPlan) =>
      planPlatforms(loadedPlan.plan)
        .filter((candidate) => !platform || candidate === platform)
        .flatMap((candidate) =>
          personaPlans(loadedPlan).map((personaPlan) => ({
            loadedPlan: personaPlan,
            platform: candidate,
            key: `${loadedPlan.plan.id}/${path.basename(bundleDirFor(options.runDir, loadedPlan.plan.id, candidate, personaPlan.persona?.id))}`,
            bundleDir: bundleDirFor(options.runDir, loadedPlan.plan.id, candidate, personaPlan.persona?.id),
          })),
        ),
    );
  if (tasks.length === 0) throw new UserError(`nothing to audit: no game of ${programme.file} matches${only ? ` --only ${only.join(',')}` : ''}${platform ? ` --platform ${platform}` : ''}`);
  return tasks;
}

function devicesOf(options: Selection): Device[] {
  return options.programme.devices.filter((device) => !options.platform || device.platform === options.platform);
}

function requireDevices(options: Selection, tasks: readonly AuditTask[]): void {
  const devices = devicesOf(options);
  for (const mobile of ['android', 'ios'] as const) {
    const needing = tasks.filter((task) => task.platform === mobile);
    if (needing.length > 0 && !devices.some((device) => device.platform === mobile)) {
      throw new UserError(
        `${options.programme.file}: ${needing.length} audit(s) need an ${mobile} device but the programme lists none; add one to its devices or devicesFile (see docs/real-devices.md), or run with --platform web`,
      );
    }
  }
}

/** Every credential the selected plans name must be set before any audit starts. */
function requireCredentials(tasks: readonly AuditTask[]): void {
  for (const loadedPlan of new Set(tasks.map((task) => task.loadedPlan))) resolveCredentials(loadedPlan.plan, loadedPlan.file);
}

/**
 * Web audits with no web device (a remote Playwright server) run in the local Chromium: without
 * one, every such capture would fail the same way, so the run is refused before it starts.
 */
function requireLocalBrowser(options: Selection, tasks: readonly AuditTask[]): void {
  const webDevices = devicesOf(options).filter((device) => device.platform === 'web');
  if (webDevices.length === 0 && tasks.some((task) => task.platform === 'web')) chromiumExecutable();
}

/** What a run needs beyond a valid selection: the devices, the credentials and a local browser. */
function requireRunnable(options: Selection, tasks: readonly AuditTask[]): void {
  requireDevices(options, tasks);
  requireCredentials(tasks);
  requireLocalBrowser(options, tasks);
}

/**
 * Throws the UserError a run would throw for --only / --platform / missing devices, credentials
 * or Chromium, without running anything: the CLI calls it before it makes the run folder, so bad
 * input leaves nothing.
 */
export function checkSelection(options: Selection): void {
  requireRunnable(options, tasksOf({ ...options, runDir: '.' }));
}

/** The audits a selection names, game and platform, for rules that look at them all before a run starts. */
export function selectedAudits(options: Selection): { loadedPlan: LoadedPlan; platform: Platform }[] {
  return tasksOf({ ...options, runDir: '.' }).map(({ loadedPlan, platform }) => ({ loadedPlan, platform }));
}

/** A bundle that is complete and verifies is kept by --resume. */
async function isReusable(bundleDir: string): Promise<boolean> {
  const manifestPath = path.join(bundleDir, 'manifest.json');
  if (!existsSync(manifestPath)) return false;
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { status?: string };
    return manifest.status === 'complete' && (await verifyBundle(bundleDir)).ok;
  } catch {
    return false;
  }
}

/** An earlier, incomplete attempt is moved aside, never deleted: it is evidence too. */
function setAside(bundleDir: string, runDir: string): string | undefined {
  if (!existsSync(bundleDir)) return undefined;
  const relative = path.relative(runDir, bundleDir).split(path.sep).join('-');
  const target = path.join(runDir, '.superseded', `${relative}-${new Date().toISOString().replace(/[:.]/g, '')}`);
  mkdirSync(path.dirname(target), { recursive: true });
  renameSync(bundleDir, target);
  // A raw spool left by a process that was killed holds unmasked credentials: it is not kept.
  rmSync(path.join(target, spoolFileName), { force: true });
  return target;
}

export async function runProgramme(options: ProgrammeRunOptions): Promise<AuditSummary[]> {
  const { programme, runDir, view, signal } = options;
  const tasks = tasksOf(options);
  mkdirSync(runDir, { recursive: true });

  // One limiter per device (a device runs one audit at a time), and one for local web captures.
  const devices = devicesOf(options);
  const deviceLimits = new Map<Device, LimitFunction>(devices.map((device) => [device, pLimit(1)]));
  const webLimit = pLimit(options.concurrency ?? programme.programme.concurrency);
  // Taken inside the device's or web limiter, so each device still runs its own queue in order.
  const runLimit = options.oneAtATime ? pLimit(1) : undefined;
  requireRunnable(options, tasks);

  const pickLimiter = (task: AuditTask): { limit: LimitFunction; device: Device | undefined } => {
    const candidates = devices.filter((device) => device.platform === task.platform);
    if (candidates.length === 0) return { limit: webLimit, device: undefined };
    // The device with the shortest queue takes the next audit, so a slow game does not hold up the rest.
    const device = candidates.reduce((best, candidate) => {
      const load = (limit: LimitFunction) => limit.activeCount + limit.pendingCount;
      return load(deviceLimits.get(candidate)!) < load(deviceLimits.get(best)!) ? candidate : best;
    });
    return { limit: deviceLimits.get(device)!, device };
  };

  for (const task of tasks) view.add(task.key, `${task.loadedPlan.plan.id} (${task.platform}${task.loadedPlan.persona ? `, as ${task.loadedPlan.persona.id}` : ''})`);
  view.log(`run ${path.basename(runDir)}: ${tasks.length} audit(s) of ${programme.file}${options.resume ? ' (resuming)' : ''}`);
  if (options.oneAtATime) view.log(`one audit at a time: ${options.oneAtATime.reason}`);

  const runTask = async (task: AuditTask, device: Device | undefined): Promise<AuditSummary> => {
    if (options.resume && (await isReusable(task.bundleDir))) {
      view.update(task.key, 'skipped', { note: 'complete and verified in an earlier run; kept' });
      return { gameId: task.loadedPlan.plan.id, platform: task.platform, bundleDir: task.bundleDir, status: 'resumed', reasons: [] };
    }
    // Only --resume replaces a bundle: in a fresh run folder one already there is another writer's.
    if (!options.resume && existsSync(task.bundleDir)) {
      const reason = `${task.bundleDir} already holds a bundle, left as it is; only --resume ${runDir} redoes an audit of an existing run`;
      view.update(task.key, 'incomplete', { note: reason });
      return { gameId: task.loadedPlan.plan.id, platform: task.platform, bundleDir: task.bundleDir, status: 'incomplete', reasons: [reason] };
    }
    const previous = options.resume ? setAside(task.bundleDir, runDir) : undefined;
    if (previous) view.log(`${task.key}: an earlier incomplete attempt was moved to ${path.relative(runDir, previous)}`);
    if (signal.aborted) {
      view.update(task.key, 'incomplete', { note: 'not started: interrupted' });
      return { gameId: task.loadedPlan.plan.id, platform: task.platform, bundleDir: task.bundleDir, status: 'incomplete', reasons: ['Interrupted before this audit started.'] };
    }
    // Shown before the capture reports "opening": the proxy (and its CA) are being set up.
    view.update(task.key, 'starting');
    let outcome: CaptureOutcome;
    try {
      outcome = await options.audit({
        loadedPlan: task.loadedPlan,
        platform: task.platform,
        runDir,
        device,
        signal,
        onProgress: (progress) => view.update(task.key, progress.phase === 'done' ? 'closing' : progress.phase, { requests: progress.requests }),
      });
    } catch (error) {
      // runCapture keeps partial evidence itself; reaching here means not even a bundle could be started.
      const reason = error instanceof UserError ? error.message : `internal error: ${(error as Error).message}`;
      view.update(task.key, 'incomplete', { note: reason });
      return { gameId: task.loadedPlan.plan.id, platform: task.platform, bundleDir: task.bundleDir, status: 'incomplete', reasons: [reason] };
    }
    const reasons = outcome.evidence.incompleteReasons.map((reason) => reason.message);
    // A persona's capture is compared with the game's other personas: it is scored once they are all captured.
    if (task.loadedPlan.persona) {
      view.update(task.key, 'closing', { note: 'scored once every persona of this game is captured' });
      return { gameId: task.loadedPlan.plan.id, platform: task.platform, bundleDir: outcome.bundleDir, status: outcome.evidence.status === 'complete' ? 'complete' : 'incomplete', reasons, scoreAfterPersonas: true };
    }
    view.update(task.key, 'scoring');
    let result: Result | undefined;
    try {
      result = await options.score(outcome.bundleDir);
    } catch (error) {
      reasons.push(`Scoring failed: ${(error as Error).message}`);
    }
    const status = outcome.evidence.status === 'complete' && result ? 'complete' : 'incomplete';
    view.update(task.key, status, { note: reasons[0] });
    return { gameId: task.loadedPlan.plan.id, platform: task.platform, bundleDir: outcome.bundleDir, status, reasons, result };
  };

  const summaries = await Promise.all(
    tasks.map((task) => {
      const { limit, device } = pickLimiter(task);
      return limit(() => (runLimit ? runLimit(() => runTask(task, device)) : runTask(task, device)));
    }),
  );

  // Persona captures are scored now that their game's other personas are on disk to compare with.
  for (const summary of summaries.filter((entry) => entry.scoreAfterPersonas)) {
    delete summary.scoreAfterPersonas;
    // The task's key, as tasksOf made it: <game>/<bundle folder>.
    const key = `${summary.gameId}/${path.basename(summary.bundleDir)}`;
    view.update(key, 'scoring');
    try {
      summary.result = await options.score(summary.bundleDir);
    } catch (error) {
      summary.reasons.push(`Scoring failed: ${(error as Error).message}`);
      summary.status = 'incomplete';
    }
    view.update(key, summary.status === 'complete' ? 'complete' : 'incomplete', { note: summary.reasons[0] });
  }
  // Bundles kept by --resume still need a current result.json.
  for (const summary of summaries.filter((entry) => entry.status === 'resumed')) {
    try {
      summary.result = await options.score(summary.bundleDir);
    } catch (error) {
      summary.reasons.push(`Scoring failed: ${(error as Error).message}`);
    }
  }
  return summaries;
}
