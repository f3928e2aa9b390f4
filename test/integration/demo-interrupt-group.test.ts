// Reliability probe 2026-12, defect 6 (row 3-int-3): a terminal's Ctrl-C reaches the whole process
// group; the proxy and Appium children died of it too, so every audit was an "internal error"
// (the proxy "exited unexpectedly (signal SIGINT)", "Appium is not reachable") and the bundles held
// only an empty spool. The proxy and Appium now run in process groups of their own, and gameaudit
// decides when they stop. The probe sent the signal 3 s into `gameaudit demo` (all three audits
// starting); on a busier machine 3 s is before the run folder exists, so the signal goes 2 s after
// the audits report "starting", the same moment. Then: a killed gameaudit leaves no child behind.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { verifyBundle } from '../../src/evidence/manifest.ts';
import { projectRoot } from '../helpers/run-cli.ts';

const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-demo-interrupt-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

function startDemo(out: string): { child: ChildProcess; output: { text: string }; exited: Promise<number | null> } {
  // detached: its own process group, which the test then signals as a terminal signals its foreground group.
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin/gameaudit.js'), 'demo', '--out', out], {
    cwd: projectRoot,
    env: { ...process.env, GAMEAUDIT_SIGNING_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output = { text: '' };
  child.stdout!.on('data', (chunk: Buffer) => (output.text += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output.text += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output, exited };
}

async function waitFor(output: { text: string }, pattern: RegExp, exited: Promise<unknown>): Promise<void> {
  let ended = false;
  void exited.then(() => (ended = true));
  while (!pattern.test(output.text)) {
    if (ended) throw new Error(`gameaudit ended before ${pattern}:\n${output.text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('Ctrl-C to the process group as the audits start: exit 130, every bundle sealed, verified and marked interrupted, no made-up fault', async () => {
  const { child, output, exited } = startDemo(path.join(workspace, 'runs'));
  await waitFor(output, /demo-android \(android\): starting/, exited);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  process.kill(-child.pid!, 'SIGINT');
  expect(await exited, output.text).toBe(130);
  const runDir = /^Run folder: (.+)$/m.exec(output.text)![1]!.trim();
  // Every audit that had started ("demo-leaky (web, as child-8): starting" is demo-leaky/web-child-8/)
  // was interrupted mid-capture; the ones not started yet are said to be so, not faulted.
  const bundles = [...output.text.matchAll(/^\S+ ([\w-]+) \((\w+)(?:, as ([\w-]+))?\): starting$/gm)].map(([, game, platform, persona]) => `${game}/${platform}${persona ? `-${persona}` : ''}`);
  expect(bundles, output.text).toContain('demo-android/android');
  expect(bundles.length, output.text).toBeGreaterThanOrEqual(2);
  for (const bundle of bundles) {
    const directory = path.join(runDir, bundle);
    const evidence = JSON.parse(readFileSync(path.join(directory, 'evidence.json'), 'utf8')) as { status: string; incompleteReasons: { message: string }[] };
    expect(evidence.status, bundle).toBe('incomplete');
    expect(evidence.incompleteReasons.map((reason) => reason.message), bundle).toEqual(['Interrupted by the operator before the capture finished.']);
    expect((JSON.parse(readFileSync(path.join(directory, 'manifest.json'), 'utf8')) as { status: string }).status).toBe('incomplete');
    expect(verifyBundle(directory).ok, bundle).toBe(true);
    expect(existsSync(path.join(directory, '.network-spool.ndjson'))).toBe(false);
  }
  expect(output.text).not.toMatch(/internal error|exited unexpectedly|Appium is not reachable|did not start/);
});

it('a gameaudit killed outright (SIGKILL) leaves neither its proxy processes nor Appium running', async () => {
  const { child, output, exited } = startDemo(path.join(workspace, 'runs-killed'));
  await waitFor(output, /demo-android \(android\): opening/, exited);
  const children = spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number);
  // Each child is in a process group of its own, which is why it needs another way to go with its parent.
  const ownGroups = children.filter((pid) => spawnSync('ps', ['-o', 'pgid=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim() === String(pid));
  expect(ownGroups.length, `children ${children.join(', ')}`).toBeGreaterThanOrEqual(2);
  process.kill(-child.pid!, 'SIGKILL');
  await exited;
  const alive = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (let waited = 0; waited < 20_000 && ownGroups.some(alive); waited += 250) await new Promise((resolve) => setTimeout(resolve, 250));
  expect(ownGroups.filter(alive)).toEqual([]);
});
