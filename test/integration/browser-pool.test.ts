// A run's web captures share their Chromium (browser-pool.ts): each capture must still start
// from nothing — no cookie or storage of the capture before it — and a browser that died is
// never handed to the next capture.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { auditGame } from '../../src/cli/audit-game.ts';
import { RunResources } from '../../src/cli/run-resources.ts';
import { BrowserPool, type BrowserLease } from '../../src/capture/web/browser-pool.ts';
import { readBundle, type Bundle } from '../../src/evidence/bundle-reader.ts';
import { loadPlan } from '../../src/plan/load.ts';
import { chromiumBrowserPid, demoDirectory, killProcessTree } from './fault-support.ts';

const workDir = mkdtempSync(path.join(os.tmpdir(), 'browser-pool-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** The request headers of the game's first call to Google's ad server. */
function firstAdRequestHeaders(bundle: Bundle): string[] {
  const adRequest = bundle.har.log.entries.find((entry) => entry.request.url.startsWith('https://googleads.g.doubleclick.net/'));
  expect(adRequest).toBeDefined();
  return adRequest!.request.headers.map((header) => header.name.toLowerCase());
}

it('two captures in one browser: the second starts with none of the first one\'s cookies or storage', async () => {
  // As in a run: one CA for its captures, so one browser can accept every capture's proxy.
  const resources = await RunResources.open();
  const leases: BrowserLease[] = [];
  const bundles: Bundle[] = [];
  try {
    for (const attempt of ['first', 'second']) {
      const outcome = await auditGame({
        loadedPlan: loadPlan(path.join(demoDirectory, 'demo-leaky.yaml')),
        platform: 'web',
        runDir: path.join(workDir, attempt),
        runCa: resources.runCa,
        proxies: resources.proxies,
        browsers: resources.browsers,
        onBrowser: (lease) => leases.push(lease),
      });
      bundles.push(readBundle(outcome.bundleDir));
    }
  } finally {
    await resources.dispose();
  }
  // One browser served both.
  expect(leases).toHaveLength(2);
  expect(leases[1]!.profileDirectory).toBe(leases[0]!.profileDirectory);
  for (const bundle of bundles) {
    expect(bundle.evidence.status).toBe('complete');
    // The ad server set its cookie in each capture (third-party cookies are allowed) ...
    expect(bundle.evidence.learnedIdentifiers.map((identifier) => identifier.kind)).toContain('cookie:IDE');
    // ... but the first ad request of each went out without one: nothing carried over.
    expect(firstAdRequestHeaders(bundle)).not.toContain('cookie');
    // At launch the game's storage holds what it wrote then, not the consent choice the capture
    // before made (which a shared profile would still hold).
    const launchStorage = bundle.evidence.storage.find((snapshot) => snapshot.phase === 'launch');
    expect(launchStorage?.localStorage.map((item) => item.key)).toContain('player_id');
    expect(launchStorage?.localStorage.map((item) => item.key)).not.toContain('consent');
  }
  // The run's end closes the browser and removes its profile.
  expect(existsSync(leases[0]!.profileDirectory)).toBe(false);
  expect(chromiumBrowserPid(leases[0]!.profileDirectory)).toBeUndefined();
});

it('a browser that was killed is not handed on: the next capture gets a new one', async () => {
  const browsers = new BrowserPool();
  try {
    const first = await browsers.acquire('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    const pid = chromiumBrowserPid(first.profileDirectory);
    expect(pid).toBeDefined();
    killProcessTree(pid!);
    await expect.poll(() => first.browser.isConnected()).toBe(false);
    await first.release();
    expect(existsSync(first.profileDirectory)).toBe(false);

    const second = await browsers.acquire('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    expect(second.profileDirectory).not.toBe(first.profileDirectory);
    const context = await second.browser.newContext();
    const page = await context.newPage();
    await page.setContent('<p>still working</p>');
    expect(await page.textContent('p')).toBe('still working');
    await context.close();
    await second.release();
  } finally {
    await browsers.dispose();
  }
});
