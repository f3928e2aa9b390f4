// `gameaudit demo` with GAMEAUDIT_CHROMIUM naming nothing: a clear error before anything starts,
// not a quiet run in another browser, and no attempt to install one (this test runs as root with
// apt, where a missing Chromium would be installed).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const run = promisify(execFile);
const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-demo-env-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

it('names the variable and the missing path, exits 2, and starts nothing', async () => {
  const missing = path.join(workspace, 'no-such-chrome');
  const failed = await run(process.execPath, [path.resolve('bin/gameaudit.js'), 'demo', '--out', path.join(workspace, 'runs')], {
    env: { ...process.env, GAMEAUDIT_CHROMIUM: missing },
  }).then(
    () => undefined,
    (error: unknown) => error as { code: number; stdout: string; stderr: string },
  );
  expect(failed?.code).toBe(2);
  expect(failed?.stderr).toContain(`GAMEAUDIT_CHROMIUM names ${missing}, which does not exist`);
  expect(failed?.stdout).not.toMatch(/installing/i);
  expect(existsSync(path.join(workspace, 'runs'))).toBe(false);
}, 60_000);
