// One writer per run folder (reliability probe 2026-12, defect 1): two processes started together
// get two run folders, a run folder being written refuses a second writer (`run --resume` of a
// live run) with exit 2 naming the holder, and a lock left by a killed process is taken over.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRunDir } from '../../src/cli/run-dir.ts';
import { lockRunDir, runLockFile } from '../../src/cli/run-lock.ts';
import { projectRoot, runCli } from '../helpers/run-cli.ts';

const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-run-lock-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(workspace, { recursive: true, force: true });
});

/** A real second process running TypeScript of this repo; resolves once it prints `ready`. */
function startNode(script: string): { child: ChildProcess; output: Promise<string>; ready: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let text = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout!.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    if (text.includes('ready')) markReady();
  });
  child.stderr!.on('data', (chunk: Buffer) => void (text += chunk.toString()));
  const output = new Promise<string>((resolve) => child.on('close', () => resolve(text)));
  return { child, output, ready };
}

describe('run folders', () => {
  it('gives four processes started at the same moment four different run folders', async () => {
    const out = path.join(workspace, 'together');
    const go = path.join(workspace, 'go');
    const script = `
      import { existsSync } from 'node:fs';
      import { createRunDir } from './src/cli/run-dir.ts';
      console.log('ready');
      while (!existsSync(${JSON.stringify(go)})) await new Promise((resolve) => setTimeout(resolve, 2));
      console.log('made ' + createRunDir(${JSON.stringify(out)}, 'demo'));`;
    const racers = [1, 2, 3, 4].map(() => startNode(script));
    await Promise.all(racers.map((racer) => racer.ready));
    writeFileSync(go, '');
    const made = (await Promise.all(racers.map((racer) => racer.output))).map((text) => /made (.+)/.exec(text)?.[1]);
    expect(made.every((folder) => folder !== undefined)).toBe(true);
    expect(new Set(made).size).toBe(4);
    expect(readdirSync(out)).toHaveLength(4);
  });

  it('refuses --out naming a file with one line that names it', () => {
    const file = path.join(workspace, 'not-a-folder');
    writeFileSync(file, '');
    expect(() => createRunDir(file, 'demo')).toThrow(`--out ${file}: cannot be used as the folder for runs (${file} is a file, not a folder); give a folder you can write to`);
  });
});

describe('run.lock', () => {
  it('refuses `run --resume` of a run another process is writing, names that process, and writes nothing', async () => {
    const runDir = path.join(workspace, 'live-run');
    const holder = startNode(`
      import { lockRunDir } from './src/cli/run-lock.ts';
      import { mkdirSync, writeFileSync } from 'node:fs';
      mkdirSync(${JSON.stringify(runDir)});
      writeFileSync(${JSON.stringify(path.join(runDir, 'run.json'))}, JSON.stringify({ source: { kind: 'plan', file: ${JSON.stringify(path.join(projectRoot, 'audits/demo/demo-careful.yaml'))} }, startedAt: '2026-12-02T08:00:00.000Z' }));
      lockRunDir(${JSON.stringify(runDir)}, 'gameaudit demo');
      console.log('ready');
      setInterval(() => undefined, 1000);`);
    await holder.ready;

    const second = runCli(['run', '--resume', runDir]);
    expect(second.exitCode).toBe(2);
    expect(second.stderr).toContain(`${runDir} is being written by process ${holder.child.pid} on ${os.hostname()} (gameaudit demo, since `);
    expect(second.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(runDir).sort()).toEqual(['run.json', runLockFile]);

    // Killed without a chance to clean up: the lock stays, and the next writer takes it over.
    holder.child.kill('SIGKILL');
    await holder.output;
    expect(existsSync(path.join(runDir, runLockFile))).toBe(true);
    const lock = lockRunDir(runDir, 'gameaudit run --resume');
    lock.release();
    expect(existsSync(path.join(runDir, runLockFile))).toBe(false);
  });

  it('refuses a second lock in the same process until the first is released', () => {
    const runDir = path.join(workspace, 'twice');
    createRunDir(runDir, 'x');
    const folder = path.join(runDir, readdirSync(runDir)[0]!);
    const first = lockRunDir(folder, 'gameaudit run');
    expect(() => lockRunDir(folder, 'gameaudit run --resume')).toThrow(`is being written by process ${process.pid}`);
    first.release();
    lockRunDir(folder, 'gameaudit run --resume').release();
  });
});
