// Fault: the proxy process is killed as the consent phase starts, in a batch of two games.
// Beyond test/integration/proxy-crash.test.ts (which checks the bundle), this scores it: every
// check that needs the network must be inconclusive, never pass. The per-run CA key is still
// owner-only while the capture runs and deleted at the end, although its proxy died.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { ProcessCaptureProxy } from '../../src/capture/proxy/start-proxy.ts';
import { readBundle } from '../../src/evidence/bundle-reader.ts';
import { verifyBundle } from '../../src/evidence/manifest.ts';
import { loadPlan } from '../../src/plan/load.ts';
import { scoreBundle } from '../../src/scoring/score-bundle.ts';
import { demoDirectory, outcomesById, programmeOf, runBatch, summaryOf } from './fault-support.ts';

const runDir = mkdtempSync(path.join(os.tmpdir(), 'fault-proxy-'));
afterAll(() => rmSync(runDir, { recursive: true, force: true }));

it('a proxy killed mid-capture: partial traffic kept, network checks inconclusive, CA key removed, batch goes on', async () => {
  let proxy: ProcessCaptureProxy | undefined;
  let killedAt: number | undefined;
  let keyModeDuringRun: number | undefined;
  const summaries = await runBatch({
    programme: programmeOf([loadPlan(path.join(demoDirectory, 'demo-careful.yaml')), loadPlan(path.join(demoDirectory, 'demo-leaky.yaml'))]),
    runDir,
    faults: {
      'demo-careful': {
        onProxyStarted: (started) => {
          proxy = started;
        },
        onProgress: (progress) => {
          if (progress.phase === 'launch' && proxy) keyModeDuringRun = statSync(proxy.caKeyFile).mode & 0o777;
          if (progress.phase === 'consent' && killedAt === undefined && proxy) {
            killedAt = Date.now();
            process.kill(proxy.pid, 'SIGKILL');
          }
        },
      },
    },
  });
  expect(killedAt).toBeDefined();
  expect(keyModeDuringRun).toBe(0o600);
  expect(existsSync(proxy!.caKeyFile)).toBe(false);
  expect(existsSync(path.dirname(proxy!.caKeyFile))).toBe(false);

  const careful = summaryOf(summaries, 'demo-careful');
  expect(careful.status).toBe('incomplete');
  const bundle = readBundle(careful.bundleDir);
  const reason = bundle.evidence.incompleteReasons.find((item) => item.affects.includes('network'));
  expect(reason?.message).toMatch(/proxy.*SIGKILL/);
  expect(reason?.affects).toContain('identifiers');
  // The launch traffic recorded before the kill is all there.
  const urls = bundle.har.log.entries.map((entry) => entry.request.url);
  expect(urls).toContain('https://careful.demo-games.test/');
  expect(bundle.har.log.entries.length).toBeGreaterThan(2);
  expect(bundle.har.log.entries.every((entry) => Date.parse(entry.startedDateTime) <= killedAt!)).toBe(true);
  // The phases that need no network went on: the settings were read.
  expect(bundle.evidence.settings.controls.length).toBeGreaterThan(0);
  expect((await verifyBundle(careful.bundleDir)).ok).toBe(true);
  expect(bundle.manifest?.status).toBe('incomplete');

  // Scored again by hand, as an investigator would: the same verdicts as the batch gave.
  const rescored = await scoreBundle(careful.bundleDir, { cwd: runDir });
  expect(rescored.checks.map((check) => check.outcome)).toEqual(careful.result!.checks.map((check) => check.outcome));
  // demo-careful passes everything when captured whole. The proxy died in the consent phase, so
  // the traffic and the identifiers in it are partial: every check that reads them is
  // inconclusive; the consent dialog, settings, permissions and location were observed in the
  // browser and still pass.
  expect(outcomesById(rescored)).toEqual({
    'age-assurance.age-check': 'inconclusive',
    // A capture made without personas has no adult to compare with; it needs the network too.
    'age-assurance.child-treated-as-child': 'inconclusive',
    'transparency.privacy-information': 'pass',
    // Not applicable to a web game, but it needs the network, which the crash left partial.
    'transparency.declared-vs-observed': 'inconclusive',
    'default-settings.high-privacy': 'pass',
    'default-settings.tracking-before-choice': 'inconclusive',
    'data-minimisation.dangerous-permissions': 'pass',
    'data-minimisation.persistent-device-ids': 'inconclusive',
    'data-sharing.third-party-recipients': 'inconclusive',
    'data-sharing.uncertified-ad-networks': 'inconclusive',
    'geolocation.location-off-by-default': 'pass',
    'geolocation.permission-at-launch': 'pass',
    'geolocation.precise-location-shared': 'inconclusive',
    'parental-controls.monitoring-sign': 'pass',
    'profiling.advertising-id-shared': 'inconclusive',
    'profiling.behavioural-ads-setting': 'inconclusive',
    'profiling.personalised-ads-signals': 'inconclusive',
    'nudge.consent-choice-parity': 'pass',
  });
  const networkChecks = rescored.checks.filter((check) => check.requires.includes('network'));
  expect(networkChecks.length).toBeGreaterThan(0);
  for (const check of networkChecks) {
    expect([check.id, check.outcome]).toEqual([check.id, 'inconclusive']);
    // A check may find its own evidence wanting (inconclusive by itself); an all-clear it would
    // have given is downgraded, and the report says it was the proxy.
    if (check.downgradedBecause !== undefined) expect(check.downgradedBecause).toMatch(/proxy/);
  }
  expect(networkChecks.filter((check) => check.downgradedBecause !== undefined).length).toBeGreaterThan(0);
  // Checks that need nothing the fault took still give their verdict.
  expect(rescored.checks.find((check) => check.id === 'default-settings.high-privacy')?.outcome).toBe('pass');

  const leaky = summaryOf(summaries, 'demo-leaky');
  expect(leaky.status).toBe('complete');
  expect((await verifyBundle(leaky.bundleDir)).ok).toBe(true);
});
