// Fault: the proxy process dies mid-capture. The capture must finish, keep every request the
// proxy recorded before it died, mark the bundle incomplete with the reason, and still seal it.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { auditGame } from '../../src/cli/audit-game.ts';
import type { ProcessCaptureProxy } from '../../src/capture/proxy/start-proxy.ts';
import { readBundle } from '../../src/evidence/bundle-reader.ts';
import { verifyBundle } from '../../src/evidence/manifest.ts';
import { loadPlan } from '../../src/plan/load.ts';

const runDir = mkdtempSync(path.join(os.tmpdir(), 'proxy-crash-'));
afterAll(() => rmSync(runDir, { recursive: true, force: true }));

it('a proxy killed after launch leaves an incomplete bundle with the launch traffic', async () => {
  let proxy: ProcessCaptureProxy | undefined;
  let killedAt: number | undefined;
  const outcome = await auditGame({
    loadedPlan: loadPlan(path.resolve(import.meta.dirname, '../../audits/demo/demo-leaky.yaml')),
    platform: 'web',
    runDir,
    onProxyStarted: (started) => {
      proxy = started;
    },
    onProgress: (progress) => {
      if (progress.phase === 'consent' && killedAt === undefined && proxy) {
        killedAt = Date.now();
        process.kill(proxy.pid, 'SIGKILL');
      }
    },
  });
  expect(killedAt).toBeDefined();
  const bundle = readBundle(outcome.bundleDir);
  expect(bundle.evidence.status).toBe('incomplete');
  const reason = bundle.evidence.incompleteReasons.find((item) => item.affects.includes('network'));
  expect(reason?.message).toMatch(/proxy/);
  expect(reason?.message).toMatch(/SIGKILL/);
  // Everything the proxy saw before it died is there: the launch traffic, including the ad request.
  const urls = bundle.har.log.entries.map((entry) => entry.request.url);
  expect(urls).toContain('https://leaky.demo-games.test/');
  expect(urls.some((url) => url.startsWith('https://googleads.g.doubleclick.net/pagead/ads?'))).toBe(true);
  expect(bundle.har.log.entries.every((entry) => Date.parse(entry.startedDateTime) <= killedAt!)).toBe(true);
  // The phases that need no network still ran and the bundle is sealed.
  expect(bundle.evidence.settings.controls.length).toBe(4);
  expect((await verifyBundle(outcome.bundleDir)).ok).toBe(true);
  expect(bundle.manifest?.status).toBe('incomplete');
});
