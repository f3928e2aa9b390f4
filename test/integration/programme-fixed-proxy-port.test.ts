// A device prepared for one proxy port makes every capture of the run listen on that port
// (--proxy-port). Two captures at once would collide on it, and the second game would be lost as
// "incomplete"; so the run takes its games one at a time, says so in its log, and audits them all.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyDemoPlan, freeLocalPort, writeProgramme } from '../fixtures/programmes/demo-copies.ts';
import { runCli } from '../helpers/run-cli.ts';

const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-fixed-proxy-port-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

interface CaptureTimes {
  status: string;
  startedAt: string;
  endedAt: string;
}

describe('gameaudit run --proxy-port on a programme whose concurrency is 2', () => {
  it('captures the games one after the other on that port, and every one completes', async () => {
    const plans = path.join(workspace, 'plans');
    mkdirSync(plans);
    const programme = writeProgramme(
      plans,
      [copyDemoPlan('demo-leaky', plans, { launchSeconds: 1, playSeconds: 1 }), copyDemoPlan('demo-careful', plans, { launchSeconds: 1, playSeconds: 1 })],
      { concurrency: 2 },
    );
    const port = await freeLocalPort();

    const { exitCode, stdout, stderr } = runCli(['run', '--programme', programme, '--proxy-port', String(port), '--out', path.join(workspace, 'runs')], { timeoutMs: 240_000 });

    expect(exitCode, stderr).toBe(0);
    const runDir = /^Run folder: (.+)$/m.exec(stdout)![1]!.trim();
    expect(readFileSync(path.join(runDir, 'run.log'), 'utf8')).toContain(`one audit at a time: every capture's proxy listens on the fixed port ${port} (--proxy-port)`);
    const [leaky, careful] = ['demo-leaky', 'demo-careful'].map((id) => JSON.parse(readFileSync(path.join(runDir, id, 'web', 'evidence.json'), 'utf8')) as CaptureTimes);
    expect([leaky!.status, careful!.status]).toEqual(['complete', 'complete']);
    const [first, second] = [leaky!, careful!].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    expect(Date.parse(second!.startedAt)).toBeGreaterThanOrEqual(Date.parse(first!.endedAt));
    for (const id of ['demo-leaky', 'demo-careful']) {
      const har = JSON.parse(readFileSync(path.join(runDir, id, 'web', 'network.har'), 'utf8')) as { log: { entries: Array<{ request: { url: string } }> } };
      expect(har.log.entries.some((entry) => entry.request.url.startsWith('https://') && entry.request.url.includes('.demo-games.test/')), id).toBe(true);
    }
  });
});
