// A programme run as the monitoring programme uses it: three offline demo games, one of which
// cannot be reached. The others finish, the broken one is reported incomplete (exit 3), and once
// the game is reachable again `run --resume` redoes that one alone and leaves the rest untouched.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../src/evidence/manifest.ts';
import { closedLocalUrl, copyDemoPlan, editPlan, writeProgramme } from '../fixtures/programmes/demo-copies.ts';
import { runCli } from '../helpers/run-cli.ts';

const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-programme-resume-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

interface SummaryGame {
  id: string;
  bundleStatus: string;
}

function runFolderOf(stdout: string): string {
  const match = /^Run folder: (.+)$/m.exec(stdout);
  if (!match) throw new Error(`no run folder in:\n${stdout}`);
  return match[1]!.trim();
}

function manifestOf(bundleDir: string): { status: string; manifestSha256: string; incompleteReasons?: Array<{ message: string }> } {
  return JSON.parse(readFileSync(path.join(bundleDir, 'manifest.json'), 'utf8'));
}

describe('gameaudit run with an unreachable game, then --resume', () => {
  it('finishes the reachable games, exits 3 for the unreachable one, and resume redoes only that one', async () => {
    const plans = path.join(workspace, 'plans');
    mkdirSync(plans);
    const unreachableUrl = await closedLocalUrl();
    const programme = writeProgramme(plans, [
      copyDemoPlan('demo-leaky', plans, { launchSeconds: 1, playSeconds: 1 }),
      copyDemoPlan('demo-careful', plans, { launchSeconds: 1, playSeconds: 1 }),
      copyDemoPlan('demo-careful', plans, { id: 'demo-unreachable', url: unreachableUrl, launchSeconds: 1, playSeconds: 1 }),
    ]);

    const first = runCli(['run', '--programme', programme, '--out', path.join(workspace, 'runs')], { timeoutMs: 240_000 });
    expect(first.exitCode, first.stderr).toBe(3);
    const runDir = runFolderOf(first.stdout);

    // Not on a terminal: plain lines naming each game's phases and the requests captured so far.
    // A plain timestamped line per phase (the request count joins once requests have arrived).
    expect(first.stderr).toMatch(/^\d\d:\d\d:\d\d demo-leaky \(web\): launch(, \d+ requests)?$/m);
    expect(first.stderr).toMatch(/^\d\d:\d\d:\d\d demo-careful \(web\): settings, \d+ requests$/m);
    expect(first.stderr).toMatch(/demo-unreachable \(web\): incomplete \(The game could not be opened: the game's URL http:\/\/127\.0\.0\.1:\d+\/ did not answer/);
    expect(first.stderr).not.toContain('\x1b[');
    // … and the same lines are kept with the evidence.
    const log = readFileSync(path.join(runDir, 'run.log'), 'utf8');
    expect(log).toMatch(/demo-leaky \(web\): complete, \d+ requests/);
    expect(log).toMatch(/demo-careful \(web\): play, \d+ requests/);
    expect(log).toContain('demo-unreachable (web) is incomplete');

    const summary = JSON.parse(readFileSync(path.join(runDir, 'summary.json'), 'utf8')) as { games: SummaryGame[] };
    expect(Object.fromEntries(summary.games.map((game) => [game.id, game.bundleStatus]))).toEqual({
      'demo-leaky': 'complete',
      'demo-careful': 'complete',
      'demo-unreachable': 'incomplete',
    });
    const index = readFileSync(path.join(runDir, 'index.html'), 'utf8');
    expect(index).toMatch(/demo-unreachable\/web\/report\.html[^\n]*Incomplete/);
    const failedBundle = path.join(runDir, 'demo-unreachable', 'web');
    expect(manifestOf(failedBundle).status).toBe('incomplete');
    expect(readFileSync(path.join(failedBundle, 'report.html'), 'utf8')).toContain('could not be opened');
    // The failed attempt is still sealed evidence.
    expect((await verifyBundle(failedBundle)).ok).toBe(true);

    const kept = ['demo-leaky', 'demo-careful'].map((id) => {
      const dir = path.join(runDir, id, 'web');
      return { id, dir, manifestSha256: manifestOf(dir).manifestSha256, harMtime: statSync(path.join(dir, 'network.har')).mtimeMs, manifestMtime: statSync(path.join(dir, 'manifest.json')).mtimeMs };
    });
    for (const bundle of kept) expect(manifestOf(bundle.dir).status).toBe('complete');

    // The game is back: its plan points at the demo site again.
    editPlan(path.join(plans, 'demo-unreachable.yaml'), (plan) => {
      plan.platforms.web.url = 'https://careful.demo-games.test/';
    });
    const resumed = runCli(['run', '--resume', runDir], { timeoutMs: 240_000 });
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    expect(runFolderOf(resumed.stdout)).toBe(runDir);
    expect(resumed.stderr).toMatch(/demo-leaky \(web\): skipped \(complete and verified in an earlier run; kept\)/);
    expect(resumed.stderr).toMatch(/demo-careful \(web\): skipped/);
    // Re-captured through every phase, with the requests counted as they arrive (how many there
    // are when the launch line prints depends on timing, so any later phase line may carry it).
    expect(resumed.stderr).toMatch(/demo-unreachable \(web\): launch\b/);
    expect(resumed.stderr).toMatch(/demo-unreachable \(web\): (consent|settings|play|closing), \d+ requests/);
    expect(resumed.stderr).not.toMatch(/demo-(leaky|careful) \(web\): (opening|launch)/);

    for (const bundle of kept) {
      expect(manifestOf(bundle.dir).manifestSha256).toBe(bundle.manifestSha256);
      expect(statSync(path.join(bundle.dir, 'network.har')).mtimeMs).toBe(bundle.harMtime);
      expect(statSync(path.join(bundle.dir, 'manifest.json')).mtimeMs).toBe(bundle.manifestMtime);
      expect((await verifyBundle(bundle.dir)).ok).toBe(true);
    }
    expect(manifestOf(failedBundle).status).toBe('complete');
    expect((await verifyBundle(failedBundle)).ok).toBe(true);
    const superseded = readdirSync(path.join(runDir, '.superseded'));
    expect(superseded).toHaveLength(1);
    expect(superseded[0]).toMatch(/^demo-unreachable-web-/);
    const earlier = path.join(runDir, '.superseded', superseded[0]!);
    expect(manifestOf(earlier).status).toBe('incomplete');
    expect(existsSync(path.join(earlier, 'evidence.json'))).toBe(true);

    const after = JSON.parse(readFileSync(path.join(runDir, 'summary.json'), 'utf8')) as { games: SummaryGame[] };
    expect(after.games.map((game) => game.bundleStatus)).toEqual(['complete', 'complete', 'complete']);
    expect(readFileSync(path.join(runDir, 'run.log'), 'utf8')).toMatch(/\(resuming\)/);
  });
});
