// The exit codes a scheduler relies on, through the real binary: 2 for bad input with nothing
// written, 4 when --fail-on is reached, 0 when it is not.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-exit-codes-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

const demoWeb = 'test/fixtures/programmes/demo-web.yaml';
const demoCareful = 'audits/demo/demo-careful.yaml';

describe('gameaudit run exit codes', () => {
  const badInput: Array<[string, string[], RegExp]> = [
    ['--concurrency 0', ['--programme', demoWeb, '--concurrency', '0'], /--concurrency: "0" must be a whole number from 1 to 16/],
    ['--platform xyz', ['--programme', demoWeb, '--platform', 'xyz'], /--platform: "xyz" is not a platform/],
    ['--only with an unknown id', ['--programme', demoWeb, '--only', 'demo-leaky,no-such-game'], /--only names "no-such-game", not in .*demo-web\.yaml; its games are: demo-leaky, demo-careful/],
    ['--plan and --programme together', ['--programme', demoWeb, '--plan', demoCareful], /give one of --programme <file> or --plan <file>/],
    ['a plan with a misspelt field', ['--plan', 'test/fixtures/bad/plans/unknown-field.yaml'], /unknown-field\.yaml: .*platfroms/],
    ['--fail-on with an unknown level', ['--plan', demoCareful, '--fail-on', 'warnings'], /--fail-on: "warnings" must be fail or concerns/],
    ['--proxy-port with --concurrency 2', ['--programme', demoWeb, '--proxy-port', '18123', '--concurrency', '2'], /--proxy-port 18123 and --concurrency 2 cannot go together: .*Leave out --concurrency/],
    ['--resume of a folder that is not a run', ['--resume', path.join(workspace, 'not-a-run')], /--resume: .*not-a-run does not exist/],
  ];

  it.each(badInput)('%s exits 2 with a one-line message and writes nothing', (_name, args, message) => {
    const out = path.join(workspace, `bad-${readdirSync(workspace).length}`);
    const { exitCode, stdout, stderr } = runCli(['run', ...args, '--out', out]);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(stdout).not.toContain('Run folder');
    expect(existsSync(out)).toBe(false);
  });

  it('--fail-on fail exits 4 when demo-leaky is in the run, and still writes its reports', () => {
    const out = path.join(workspace, 'fail-on');
    const { exitCode, stdout, stderr } = runCli(['run', '--programme', demoWeb, '--only', 'demo-leaky', '--fail-on', 'fail', '--out', out], { timeoutMs: 180_000 });
    expect(exitCode, stderr).toBe(4);
    expect(stdout).toMatch(/^Report: .*index\.html$/m);
    const [runId] = readdirSync(out);
    expect(existsSync(path.join(out, runId!, 'demo-leaky', 'web', 'report.html'))).toBe(true);
  });

  it('--fail-on concerns on demo-careful alone exits 0', () => {
    const out = path.join(workspace, 'careful');
    const { exitCode, stdout, stderr } = runCli(['run', '--plan', demoCareful, '--fail-on', 'concerns', '--out', out], { timeoutMs: 180_000 });
    expect(exitCode, stderr).toBe(0);
    expect(stdout).toMatch(/^Report: .*index\.html$/m);
  });
});
