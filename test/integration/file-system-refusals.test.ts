// Reliability probe 2026-12, defect 9 (rows 3-out-readonly, 3-ro-score, 3-ro-report and the
// --out /proc/x hang): a read-only output folder was an internal error with a stack trace, and
// `--out /proc/x` hung for ever in Node 20's recursive mkdir. A read-only file system is made the
// way the probe made it (a tmpfs mounted read-only), which needs root; the bundle in it is built
// like a capture writes one (score-fixture-bundle.ts, modelled on the demo's leaky game).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { buildBundle } from './score-fixture-bundle.ts';

const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-fs-refusals-'));
const mountPoint = path.join(workspace, 'read-only');
const noKey = { GAMEAUDIT_SIGNING_KEY: '' };

describe('--out /proc/x', () => {
  it('is refused at once in one line (exit 2), where it used to hang', () => {
    const result = runCli(['demo', '--out', '/proc/gameaudit-x/runs'], { timeoutMs: 60_000, env: noKey });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('gameaudit: --out /proc/gameaudit-x/runs: cannot be used as the folder for runs (ENOENT); give a folder you can write to\n');
  });
});

describe('a read-only file system', () => {
  const bundle = path.join(mountPoint, 'run', 'demo-leaky', 'web');
  beforeAll(async () => {
    mkdirSync(mountPoint);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mountPoint], { encoding: 'utf8' });
    expect(mounted.status, `a tmpfs could not be mounted (this test needs root): ${mounted.stderr}`).toBe(0);
    await buildBundle(bundle, 'leaky');
    expect(spawnSync('mount', ['-o', 'remount,ro', mountPoint]).status).toBe(0);
  });
  afterAll(() => {
    spawnSync('umount', [mountPoint]);
    rmSync(workspace, { recursive: true, force: true });
  });

  it('score says the folder is read-only, in one line with exit 2, not an internal error', () => {
    const result = runCli(['score', bundle], { env: noKey });
    expect(result.exitCode).toBe(2);
    // The file the user knows, never the temporary file it is written through.
    expect(result.stderr).toBe(`gameaudit: ${bundle}/result.json is on a read-only file system (EROFS on open); give a folder you can write to, or free space, and run the command again (what was already written is kept)\n`);
  });

  it('report of a scored run there does the same', () => {
    spawnSync('mount', ['-o', 'remount,rw', mountPoint]);
    expect(runCli(['score', bundle], { env: noKey }).exitCode).toBe(0);
    spawnSync('mount', ['-o', 'remount,ro', mountPoint]);
    const result = runCli(['report', path.join(mountPoint, 'run')], { env: noKey });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^gameaudit: \S+ is on a read-only file system \(EROFS on open\); give a folder you can write to/);
    expect(result.stderr).not.toContain('.tmp');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('demo --out inside it is refused before anything starts', () => {
    const result = runCli(['demo', '--out', path.join(mountPoint, 'runs')], { env: noKey });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(`gameaudit: --out ${path.join(mountPoint, 'runs')}: cannot be used as the folder for runs (EROFS); give a folder you can write to\n`);
  });
});
