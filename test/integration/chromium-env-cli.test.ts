// `gameaudit demo` and `gameaudit run` with GAMEAUDIT_CHROMIUM naming nothing: a clear error
// before anything starts (exit 2, no run folder), not a quiet run in another browser nor a run
// whose every web capture fails, and no attempt to install a browser (these tests run as root
// with apt, where the demo installs a missing Chromium).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const run = promisify(execFile);
const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-chromium-env-'));
const missing = path.join(workspace, 'no-such-chrome');
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

async function gameaudit(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.resolve('bin/gameaudit.js'), ...args], { env: { ...process.env, GAMEAUDIT_CHROMIUM: missing } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    return error as { code: number; stdout: string; stderr: string };
  }
}

it('demo names the variable and the missing path, exits 2, installs nothing and starts nothing', async () => {
  const out = path.join(workspace, 'demo-runs');
  const failed = await gameaudit('demo', '--out', out);
  expect(failed.code).toBe(2);
  expect(failed.stderr).toContain(`GAMEAUDIT_CHROMIUM names ${missing}, which does not exist`);
  expect(failed.stdout).not.toMatch(/installing/i);
  expect(existsSync(out)).toBe(false);
}, 60_000);

it('run of a web game is refused the same way before its run folder is made', async () => {
  const out = path.join(workspace, 'runs');
  const failed = await gameaudit('run', '--plan', path.resolve('audits/demo/demo-careful.yaml'), '--out', out);
  expect(failed.code).toBe(2);
  expect(failed.stderr).toContain(`GAMEAUDIT_CHROMIUM names ${missing}, which does not exist`);
  expect(existsSync(out)).toBe(false);
}, 60_000);
