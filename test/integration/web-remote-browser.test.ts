// Web captures on a remote Playwright server (a device of platform web with playwrightWsEndpoint):
// the same phases and evidence as a local browser, through our proxy.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserServer } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumExecutable } from '../../src/capture/web/chromium.ts';
import { auditGame } from '../../src/cli/audit-game.ts';
import { verifyBundle } from '../../src/evidence/manifest.ts';
import { loadPlan } from '../../src/plan/load.ts';
import { scoreBundle } from '../../src/scoring/score-bundle.ts';
import { projectRoot } from '../helpers/run-cli.ts';

let server: BrowserServer;
beforeAll(async () => {
  // Stands in for `npx playwright run-server` on another machine.
  server = await chromium.launchServer({ executablePath: chromiumExecutable(), args: chromiumArgs, host: '127.0.0.1' });
});
afterAll(async () => {
  await server?.close();
});

describe('a remote Playwright server', () => {
  it('captures demo-leaky with its traffic through our proxy, and the evidence says where the browser ran', async () => {
    const runDir = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-remote-web-'));
    const loadedPlan = loadPlan(path.join(projectRoot, 'audits/demo/demo-leaky.yaml'));
    const { bundleDir, evidence } = await auditGame({
      loadedPlan,
      platform: 'web',
      runDir,
      device: { id: 'remote-chromium', platform: 'web', playwrightWsEndpoint: server.wsEndpoint(), simulated: false },
    });
    expect(evidence.status, JSON.stringify(evidence.incompleteReasons)).toBe('complete');
    expect(evidence.notes.join(' ')).toContain('remote Playwright server');
    expect(evidence.geolocation.calls.some((call) => call.phase === 'launch')).toBe(true);
    expect(evidence.consentDialogs).toHaveLength(1);
    expect((await verifyBundle(bundleDir)).ok).toBe(true);

    const result = await scoreBundle(bundleDir, { cwd: runDir });
    const tracking = result.checks.find((check) => check.id === 'default-settings.tracking-before-choice')!;
    expect(tracking.outcome).toBe('fail');
    const hosts = result.network.entries.filter((entry) => entry.phase === 'launch').map((entry) => entry.host);
    expect(hosts).toContain('googleads.g.doubleclick.net');
  });
});
