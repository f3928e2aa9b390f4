// Faults of the Appium server behind an Android capture, each in a batch with a web game that
// must complete regardless: Appium unreachable when the capture starts, and a real local Appium
// killed while the session is running.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startLocalAppium, type LocalAppiumServer } from '../../src/capture/appium/local-appium-server.ts';
import { readBundle } from '../../src/evidence/bundle-reader.ts';
import { verifyBundle } from '../../src/evidence/manifest.ts';
import { loadPlan } from '../../src/plan/load.ts';
import type { Device } from '../../src/plan/schema.ts';
import { demoDirectory, everyCheckInconclusive, expectNoAllClear, outcomesById, programmeOf, runBatch, screenshotsOnDisk, summaryOf } from './fault-support.ts';

const directories: string[] = [];
afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});
function scratch(label: string): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), `fault-appium-${label}-`));
  directories.push(directory);
  return directory;
}

/** The Appium server process listening on this port (its command line names the port). */
function appiumPid(port: number): number | undefined {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      const portIndex = args.indexOf('--port');
      if (portIndex > 0 && args[portIndex + 1] === String(port) && args.some((arg) => arg.includes('appium'))) return Number(name);
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}

const androidPlan = (): ReturnType<typeof loadPlan> => loadPlan(path.join(demoDirectory, 'demo-android.yaml'));
const carefulPlan = (): ReturnType<typeof loadPlan> => loadPlan(path.join(demoDirectory, 'demo-careful.yaml'));

describe('Appium faults in a batch', () => {
  it('Appium unreachable at start: the Android audit is an incomplete, sealed bundle with the reason; the web game completes', async () => {
    const device: Device = { id: 'simulated-unreachable', platform: 'android', simulated: true, appiumUrl: `http://127.0.0.1:${await freePort()}` };
    const runDir = scratch('unreachable');
    const summaries = await runBatch({ programme: programmeOf([androidPlan(), carefulPlan()], [device]), runDir });

    const android = summaryOf(summaries, 'demo-android');
    expect(android.status).toBe('incomplete');
    expect(android.reasons[0]).toMatch(/could not be opened: Appium is not reachable at http:\/\/127\.0\.0\.1:\d+/);
    const bundle = readBundle(android.bundleDir);
    expect(bundle.evidence.status).toBe('incomplete');
    expect(bundle.evidence.phases.every((phase) => phase.status === 'skipped')).toBe(true);
    expect(bundle.har.log.entries).toEqual([]);
    expect((await verifyBundle(android.bundleDir)).ok).toBe(true);
    // Nothing was observed: no check may give an all-clear, and none passes.
    expect(outcomesById(android.result!)).toEqual(everyCheckInconclusive);

    const careful = summaryOf(summaries, 'demo-careful');
    expect(careful.status).toBe('complete');
    // Named, so a failure says which check and why. A web game has no app package to compare.
    expect(careful.result!.checks.filter((check) => check.outcome !== 'pass').map((check) => `${check.id}: ${check.outcome} — ${check.summary}`)).toEqual([
      'age-assurance.child-treated-as-child: not-applicable — This capture was not made as one of several personas, so there is no other age to compare with.',
      'transparency.declared-vs-observed: not-applicable — A web game has no app package to compare with its traffic.',
    ]);
  });

  it('Appium killed mid-session: what was captured before is kept, the bundle says why it is partial; the web game completes', async () => {
    let appium: LocalAppiumServer | undefined = await startLocalAppium();
    try {
      const port = Number(new URL(appium.url).port);
      const device: Device = { id: 'simulated-dying', platform: 'android', simulated: true, appiumUrl: appium.url };
      const runDir = scratch('killed');
      let killedPid: number | undefined;
      const summaries = await runBatch({
        programme: programmeOf([androidPlan(), carefulPlan()], [device]),
        runDir,
        faults: {
          'demo-android': {
            onProgress: (progress) => {
              // After the launch phase: its screenshot and dialog are on record, then Appium goes away.
              if (progress.phase !== 'consent' || killedPid !== undefined) return;
              killedPid = appiumPid(port);
              if (killedPid !== undefined) process.kill(killedPid, 'SIGKILL');
            },
          },
        },
      });
      expect(killedPid).toBeDefined();

      const android = summaryOf(summaries, 'demo-android');
      expect(android.status).toBe('incomplete');
      const bundle = readBundle(android.bundleDir);
      expect(bundle.evidence.status).toBe('incomplete');
      const phases = Object.fromEntries(bundle.evidence.phases.map((phase) => [phase.name, phase.status]));
      expect(phases.launch).toBe('complete');
      expect(phases.consent).toBe('failed');
      expect(phases.settings).toBe('failed');
      const reasons = bundle.evidence.incompleteReasons;
      expect(reasons.some((reason) => reason.phase === 'consent' && reason.affects.includes('consent'))).toBe(true);
      expect(reasons.some((reason) => reason.affects.includes('settings'))).toBe(true);
      // The reason names the broken connection, so an operator knows to look at the Appium server.
      expect(reasons.find((reason) => reason.phase === 'consent')?.message).toMatch(/the Appium server stopped answering during the capture \((.*)(ECONNRESET|ECONNREFUSED|UND_ERR_SOCKET|socket hang up)/);
      // Kept from before the fault: the launch screenshot, the permission prompt, the launch traffic.
      expect(screenshotsOnDisk(android.bundleDir, bundle.evidence.screenshots).length).toBeGreaterThan(0);
      expect(bundle.evidence.permissionPrompts.map((prompt) => prompt.phase)).toContain('launch');
      expect(bundle.har.log.entries.some((entry) => entry.request.url.startsWith('https://googleads.g.doubleclick.net/mads/gma'))).toBe(true);
      expect((await verifyBundle(android.bundleDir)).ok).toBe(true);
      expect(bundle.manifest?.status).toBe('incomplete');

      const result = android.result!;
      // The consent dialog and the settings were lost: no check that reads them gives an all-clear.
      expectNoAllClear(result, [
        'transparency.privacy-information',
        'default-settings.high-privacy',
        'geolocation.location-off-by-default',
        'parental-controls.monitoring-sign',
        'profiling.behavioural-ads-setting',
        'nudge.consent-choice-parity',
      ]);
      // The settings were never read: the checks that need them cannot pass nor fail on them.
      for (const id of ['default-settings.high-privacy', 'parental-controls.monitoring-sign']) {
        expect([id, result.checks.find((check) => check.id === id)?.outcome]).toEqual([id, 'inconclusive']);
      }
      // A violation seen before the fault stays: the advertising id went out during launch.
      expect(result.checks.find((check) => check.id === 'profiling.advertising-id-shared')?.outcome).toBe('fail');

      expect(summaryOf(summaries, 'demo-careful').status).toBe('complete');
    } finally {
      await appium?.stop();
      appium = undefined;
    }
  });
});
