// Fault: Chromium's whole process tree is killed as the launch phase starts, in a batch of two
// games. The faulted capture must end, keep what it saw, say the browser went away, and score
// no all-clear on what it could no longer see; the other game of the batch completes.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { readBundle } from '../../src/evidence/bundle-reader.ts';
import { verifyBundle } from '../../src/evidence/manifest.ts';
import { loadPlan } from '../../src/plan/load.ts';
import {
  chromiumBrowserPid,
  demoDirectory,
  everyCheckInconclusive,
  outcomesById,
  killProcessTree,
  programmeOf,
  runBatch,
  summaryOf,
} from './fault-support.ts';

const runDir = mkdtempSync(path.join(os.tmpdir(), 'fault-browser-'));
afterAll(() => rmSync(runDir, { recursive: true, force: true }));

it('a browser killed during launch leaves an incomplete, verifiable bundle and the batch goes on', async () => {
  let profileDirectory: string | undefined;
  let killed: number[] = [];
  const summaries = await runBatch({
    programme: programmeOf([loadPlan(path.join(demoDirectory, 'demo-careful.yaml')), loadPlan(path.join(demoDirectory, 'demo-leaky.yaml'))]),
    runDir,
    faults: {
      'demo-careful': {
        onBrowser: (lease) => {
          profileDirectory = lease.profileDirectory;
        },
        onProgress: (progress) => {
          if (progress.phase !== 'launch' || killed.length > 0 || profileDirectory === undefined) return;
          const browser = chromiumBrowserPid(profileDirectory);
          if (browser === undefined) return;
          killed = killProcessTree(browser);
        },
      },
    },
  });
  expect(killed.length).toBeGreaterThan(0);

  const careful = summaryOf(summaries, 'demo-careful');
  expect(careful.status).toBe('incomplete');
  const bundle = readBundle(careful.bundleDir);
  expect(bundle.evidence.status).toBe('incomplete');
  const reasons = bundle.evidence.incompleteReasons;
  expect(reasons.map((reason) => reason.message).join(' ')).toMatch(/browser/i);
  // Traffic after the crash was never sent: the network evidence is partial and must say so.
  expect(reasons.some((reason) => reason.affects.includes('network'))).toBe(true);
  // What the browser fetched before it died is kept: the game's page itself.
  expect(bundle.har.log.entries.map((entry) => entry.request.url)).toContain('https://careful.demo-games.test/');
  expect(bundle.evidence.phases.find((phase) => phase.name === 'launch')?.status).toBe('failed');
  expect((await verifyBundle(careful.bundleDir)).ok).toBe(true);
  expect(bundle.manifest?.status).toBe('incomplete');
  expect(careful.result).toBeDefined();
  // The browser died at launch: nothing of the game was seen in full, so no check can conclude.
  expect(outcomesById(careful.result!)).toEqual(everyCheckInconclusive);
  // No Chromium of that capture is left behind.
  expect(killed.filter((pid) => existsSync(`/proc/${pid}`))).toEqual([]);

  const leaky = summaryOf(summaries, 'demo-leaky');
  expect(leaky.status).toBe('complete');
  expect((await verifyBundle(leaky.bundleDir)).ok).toBe(true);
  expect(leaky.result?.counts.fail).toBeGreaterThan(0);
});
