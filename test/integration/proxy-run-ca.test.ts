// A programme run makes one CA for the whole run, shared by its audits (each still has its own
// proxy process): while the run goes on there is exactly one CA folder (0700, key 0600) however
// many audits are live, and when it ends nothing of it is left, unless --keep-ca asked for it.
// (A single audit on its own still makes its own CA: fault-proxy-security.test.ts.)
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { copyDemoPlan, writeProgramme } from '../fixtures/programmes/demo-copies.ts';

const projectRoot = path.resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'run-ca-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const plans = path.join(scratch, 'plans');
mkdirSync(plans);
const programme = writeProgramme(
  plans,
  ['one', 'two', 'three'].map((id) => copyDemoPlan('demo-careful', plans, { id: `run-ca-${id}`, launchSeconds: 1, playSeconds: 1 })),
);

interface Observed {
  exitCode: number | null;
  /** Most CA folders present at once while the run went on. */
  mostAtOnce: number;
  /** Modes seen for a CA folder and its key while the run went on. */
  modes: Set<string>;
  left: string[];
}

/** Runs the programme with its own temporary folder and watches the CA folders in it. */
async function runWatchingCa(name: string, extraArgs: string[]): Promise<Observed> {
  const tmp = path.join(scratch, `tmp-${name}`);
  mkdirSync(tmp);
  const caFolders = (): string[] => readdirSync(tmp).filter((entry) => entry.startsWith('gameaudit-ca-'));
  const observed: Observed = { exitCode: null, mostAtOnce: 0, modes: new Set(), left: [] };
  const child = spawn(process.execPath, ['bin/gameaudit.js', 'run', '--programme', programme, '--concurrency', '3', '--out', path.join(scratch, `runs-${name}`), ...extraArgs], {
    cwd: projectRoot,
    env: { ...process.env, TMPDIR: tmp, CI: '1' },
    stdio: 'ignore',
  });
  const watcher = setInterval(() => {
    const folders = caFolders();
    observed.mostAtOnce = Math.max(observed.mostAtOnce, folders.length);
    for (const folder of folders) {
      try {
        const dir = statSync(path.join(tmp, folder)).mode & 0o777;
        const key = statSync(path.join(tmp, folder, 'ca.key')).mode & 0o777;
        observed.modes.add(`${dir.toString(8)}/${key.toString(8)}`);
      } catch {
        // Being made or removed just now.
      }
    }
  }, 50);
  observed.exitCode = await new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  clearInterval(watcher);
  observed.left = caFolders().map((folder) => path.join(tmp, folder));
  return observed;
}

it('three audits at once share one CA folder (0700, key 0600), removed when the run ends', async () => {
  const observed = await runWatchingCa('default', []);
  expect(observed.exitCode).toBe(0);
  expect(observed.mostAtOnce).toBe(1);
  expect([...observed.modes]).toEqual(['700/600']);
  expect(observed.left).toEqual([]);
}, 240_000);

it('--keep-ca keeps the run CA (still 0600) after the run', async () => {
  const observed = await runWatchingCa('kept', ['--keep-ca']);
  expect(observed.exitCode).toBe(0);
  expect(observed.mostAtOnce).toBe(1);
  expect(observed.left).toHaveLength(1);
  expect(statSync(path.join(observed.left[0]!, 'ca.key')).mode & 0o777).toBe(0o600);
  expect(statSync(observed.left[0]!).mode & 0o777).toBe(0o700);
}, 240_000);
