// Test-account credentials named in a plan come from the environment and never reach the bundle:
// an unset variable stops the audit before anything is written, and a set one is masked in
// every file the capture writes (here a value the game shows on screen and in its pages).
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { copyDemoPlan, editPlan } from '../fixtures/programmes/demo-copies.ts';

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('credentials in a plan', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-credentials-'));
  const plan = copyDemoPlan('demo-careful', scratch, { launchSeconds: 1 });
  editPlan(plan, (document) => Object.assign(document, { credentials: { username: '${GAMEAUDIT_TEST_USER}' } }));

  it('an unset variable is bad input: exit 2, one line naming the plan, field and variable, no run folder', () => {
    const out = path.join(scratch, 'runs-unset');
    const result = runCli(['run', '--plan', plan, '--out', out], { env: { GAMEAUDIT_TEST_USER: '' } });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim()).toBe(`gameaudit: ${plan}: credentials.username refers to \${GAMEAUDIT_TEST_USER}, which is not set; export GAMEAUDIT_TEST_USER=… before the run`);
    expect(existsSync(out)).toBe(false);
  });

  it('a set one is masked in every file of the bundle, which still verifies', () => {
    const out = path.join(scratch, 'runs-set');
    // The game's title: it is in the page, its HTML and the captured responses.
    const result = runCli(['run', '--plan', plan, '--out', out], { env: { GAMEAUDIT_TEST_USER: 'Star Catcher Friends' } });
    expect(result.exitCode, result.stderr).toBe(0);
    const bundle = path.join(out, readdirSync(out)[0]!, 'demo-careful', 'web');
    const evidenceFiles = filesUnder(bundle).filter((file) => !/report\.html$|result\.json$/.test(file));
    const texts = evidenceFiles.filter((file) => !file.endsWith('.png')).map((file) => readFileSync(file, 'utf8'));
    expect(texts.some((text) => text.includes('[credential:username]'))).toBe(true);
    for (const [position, text] of texts.entries()) expect(text, evidenceFiles[position]).not.toContain('Star Catcher Friends');
    expect(runCli(['verify', bundle]).exitCode).toBe(0);
  });
});
