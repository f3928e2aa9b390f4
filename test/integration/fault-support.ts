// Shared by the fault tests (test/integration/fault-*.test.ts): a batch of real audits through
// the programme runner, and the rules every faulted bundle must satisfy once scored.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { auditGame } from '../../src/cli/audit-game.ts';
import { runProgramme, type AuditRequest, type AuditSummary } from '../../src/cli/programme-runner.ts';
import { ProgressView } from '../../src/cli/progress-view.ts';
import { RunResources } from '../../src/cli/run-resources.ts';
import type { ProcessCaptureProxy } from '../../src/capture/proxy/start-proxy.ts';
import type { BrowserLease } from '../../src/capture/web/browser-pool.ts';
import type { CaptureOutcome, CaptureProgress } from '../../src/capture/session.ts';
import type { LoadedPlan, LoadedProgramme } from '../../src/plan/load.ts';
import type { Device } from '../../src/plan/schema.ts';
import type { Result } from '../../src/scoring/result-schema.ts';
import { scoreBundle } from '../../src/scoring/score-bundle.ts';

export const demoDirectory = path.resolve(import.meta.dirname, '../../audits/demo');

/** A programme built in memory, so a test can mix demo plans with its own. */
export function programmeOf(plans: LoadedPlan[], devices: Device[] = []): LoadedProgramme {
  return {
    file: path.join(demoDirectory, 'fault-test-programme.yaml'),
    programme: { name: 'fault test', games: plans.map((plan) => plan.file), devices, concurrency: 2 },
    plans,
    devices,
  };
}

/** Hooks a test uses to inject its fault into one game's real capture. */
export interface FaultHooks {
  onProxyStarted?: (proxy: ProcessCaptureProxy) => void;
  onBrowser?: (lease: BrowserLease) => void;
  onProgress?: (progress: CaptureProgress) => void;
}

/**
 * Runs the batch the way `gameaudit run` does (programme runner → auditGame → scoreBundle),
 * with the fault hooks attached to the named game only.
 */
export async function runBatch(options: {
  programme: LoadedProgramme;
  runDir: string;
  faults?: Record<string, FaultHooks>;
  signal?: AbortSignal;
}): Promise<AuditSummary[]> {
  const view = new ProgressView(process.stderr, undefined, false);
  // The run's CA, proxy processes and browsers are shared by its captures, as in `gameaudit run`.
  const resources = await RunResources.open();
  const { runCa, proxies, browsers } = resources;
  try {
    return await runProgramme({
      programme: options.programme,
      runDir: options.runDir,
      signal: options.signal ?? new AbortController().signal,
      view,
      audit: (request: AuditRequest): Promise<CaptureOutcome> => {
        const hooks = options.faults?.[request.loadedPlan.plan.id] ?? {};
        return auditGame({
          loadedPlan: request.loadedPlan,
          platform: request.platform,
          runDir: request.runDir,
          device: request.device,
          signal: request.signal,
          onProxyStarted: hooks.onProxyStarted,
          runCa,
          proxies,
          browsers,
          onBrowser: hooks.onBrowser,
          onProgress: (progress) => {
            hooks.onProgress?.(progress);
            request.onProgress(progress);
          },
        });
      },
      score: (bundleDir) => scoreBundle(bundleDir, { cwd: options.runDir }),
    });
  } finally {
    await resources.dispose();
    view.stop();
  }
}

export function summaryOf(summaries: readonly AuditSummary[], gameId: string): AuditSummary {
  const found = summaries.find((summary) => summary.gameId === gameId);
  if (!found) throw new Error(`no audit of ${gameId} in the batch`);
  return found;
}

/** Every check's outcome, by id: what the fault tests compare with their literal expectations. */
export function outcomesById(result: Result): Record<string, string> {
  return Object.fromEntries(result.checks.map((check) => [check.id, check.outcome]));
}

/**
 * The whole catalogue, each check inconclusive: what a capture that observed nothing of the game
 * must give. Written out, not derived from `requires`, so a wrong `affects` mapping or a wrong
 * `requires` shows up here as a failing test.
 */
export const everyCheckInconclusive: Readonly<Record<string, string>> = {
  'age-assurance.age-check': 'inconclusive',
  'age-assurance.child-treated-as-child': 'inconclusive',
  'transparency.privacy-information': 'inconclusive',
  'transparency.declared-vs-observed': 'inconclusive',
  'default-settings.high-privacy': 'inconclusive',
  'default-settings.tracking-before-choice': 'inconclusive',
  'data-minimisation.dangerous-permissions': 'inconclusive',
  'data-minimisation.persistent-device-ids': 'inconclusive',
  'data-sharing.third-party-recipients': 'inconclusive',
  'data-sharing.uncertified-ad-networks': 'inconclusive',
  'geolocation.location-off-by-default': 'inconclusive',
  'geolocation.permission-at-launch': 'inconclusive',
  'geolocation.precise-location-shared': 'inconclusive',
  'parental-controls.monitoring-sign': 'inconclusive',
  'profiling.advertising-id-shared': 'inconclusive',
  'profiling.behavioural-ads-setting': 'inconclusive',
  'profiling.personalised-ads-signals': 'inconclusive',
  'nudge.consent-choice-parity': 'inconclusive',
};

/**
 * The rule of issue 9 for the checks a test names: a check that needs evidence the fault left
 * missing never passes (nor is "not applicable" on missing evidence); a fail or warn seen before
 * the fault may stay. The ids are the test's own list, never worked out from `requires`.
 */
export function expectNoAllClear(result: Result, ids: readonly string[]): void {
  const outcomes = outcomesById(result);
  expect(ids.filter((id) => outcomes[id] === undefined)).toEqual([]);
  expect(ids.filter((id) => outcomes[id] === 'pass' || outcomes[id] === 'not-applicable').map((id) => `${id}: ${outcomes[id]}`)).toEqual([]);
}

/** Screenshots listed in evidence.json that are really on disk, as PNG. */
export function screenshotsOnDisk(bundleDir: string, listed: readonly { file: string }[]): string[] {
  return listed
    .map((shot) => shot.file)
    .filter((file) => {
      try {
        return readFileSync(path.join(bundleDir, file)).subarray(1, 4).toString() === 'PNG';
      } catch {
        return false;
      }
    });
}

/** Pids of the process and all its descendants (from /proc), parents first. */
export function processTree(rootPid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name may hold spaces and brackets: the fields after its closing ")" are fixed.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(name), Number(fields[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = [rootPid];
  for (let index = 0; index < tree.length; index++) {
    for (const [pid, parent] of parentOf) if (parent === tree[index]) tree.push(pid);
  }
  return tree;
}

/** Kills the process and all its descendants at once (SIGKILL, as a crash would), returning their pids. */
export function killProcessTree(rootPid: number): number[] {
  const tree = processTree(rootPid);
  for (const pid of tree) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone with its parent.
    }
  }
  return tree;
}

/** The Chromium browser process started with this profile folder (its command line names it). */
export function chromiumBrowserPid(profileDirectory: string): number | undefined {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let commandLine: string;
    try {
      commandLine = readFileSync(`/proc/${name}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    const args = commandLine.split('\0');
    if (args.includes(`--user-data-dir=${profileDirectory}`) && !args.some((arg) => arg.startsWith('--type='))) return Number(name);
  }
  return undefined;
}
