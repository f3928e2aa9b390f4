// Reliability probe 2026-12, defect 11 and the bad-input rows: a file:// game URL validated (and the
// run copied /etc/passwd into the snapshots), a folder given as a plan was a stack trace, a plan
// from a pipe was read twice and reported empty, YAML's .inf/.nan got "expected number, got
// number", and diff compared two different games without a word. Plans are copies of
// audits/demo/demo-careful.yaml with one field changed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputFileError } from '../../src/errors.ts';
import { validateFile } from '../../src/plan/load.ts';
import { buildBundle } from '../integration/score-fixture-bundle.ts';
import { projectRoot, runCli } from '../helpers/run-cli.ts';

const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-plan-edges-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));
const carefulPlan = readFileSync(path.join(projectRoot, 'audits/demo/demo-careful.yaml'), 'utf8');

function planWith(name: string, from: RegExp, to: string): string {
  const file = path.join(workspace, `${name}.yaml`);
  expect(carefulPlan).toMatch(from);
  writeFileSync(file, carefulPlan.replace(from, to).replace(/identifiers: .*\n/, ''));
  return file;
}

function problemOf(file: string): string {
  try {
    validateFile(file);
  } catch (error) {
    if (error instanceof InputFileError) return error.message;
    throw error;
  }
  return 'valid';
}

describe('plans that mislead', () => {
  it.each([
    ['file:///etc/passwd', 'file'],
    ["javascript:alert('x')", 'javascript'],
  ])('a game URL %s is refused, naming the field and the line', (url, name) => {
    const file = planWith(name, /url: https:\/\/\S+/, `url: "${url}"`);
    expect(problemOf(file)).toBe(`${file}: platforms.web.url (line 9): must be the web address of the game, starting https:// (file:, javascript: and other schemes are refused)`);
  });

  it.each([
    ['.inf', 'Infinity'],
    ['.nan', 'NaN'],
  ])('launchSeconds: %s says it must be a finite number', (yamlValue, shown) => {
    const file = planWith(`n${shown}`, /launchSeconds: \d+/, `launchSeconds: ${yamlValue}`);
    expect(problemOf(file)).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: session\\.launchSeconds \\(line \\d+\\): must be a finite number \\(${shown} is not\\); write a plain number such as 10$`));
  });

  it('a folder given as a plan is one line and exit 2, not a stack trace', () => {
    const folder = path.join(workspace, 'a-folder');
    mkdirSync(folder);
    const result = runCli(['validate', folder]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(`invalid  ${folder}: is a folder, not a file; give the YAML file itself (for example audits/<game>.yaml)\ngameaudit: 1 of 1 file(s) are invalid\n`);
  });
});

describe('validate from a pipe', () => {
  it('reads a plan given as - from stdin, once, and finds its identifiers from the current folder', () => {
    const result = runCli(['validate', '-'], { cwd: path.join(projectRoot, 'audits/demo'), input: carefulPlan });
    expect(result).toMatchObject({ exitCode: 0, stdout: 'ok       - (plan)\n' });
  });

  it('reads /dev/stdin and <(cat plan) through a shell pipe, and still refuses a bad plan there by its field', () => {
    const plan = path.join(workspace, 'piped.yaml');
    writeFileSync(plan, carefulPlan);
    const binary = path.join(projectRoot, 'bin/gameaudit.js');
    const shell = (script: string) => spawnSync('bash', ['-c', script], { cwd: path.join(projectRoot, 'audits/demo'), encoding: 'utf8', env: { ...process.env, PLAN: plan, GA: binary, NODE: process.execPath } });
    expect(shell('cat "$PLAN" | "$NODE" "$GA" validate /dev/stdin')).toMatchObject({ status: 0, stdout: 'ok       /dev/stdin (plan)\n' });
    expect(shell('"$NODE" "$GA" validate <(cat "$PLAN")')).toMatchObject({ status: 0, stdout: expect.stringMatching(/^ok {7}\/dev\/fd\/\d+ \(plan\)\n$/) });
    const bad = runCli(['validate', '/dev/stdin'], { cwd: path.join(projectRoot, 'audits/demo'), input: carefulPlan.replace(/url: https:\/\/\S+/, 'url: file:///etc/passwd') });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('invalid  /dev/stdin: platforms.web.url (line 9): must be the web address of the game');
  });

  it('refuses more than 1 MB from a pipe instead of reading on', () => {
    const huge = `${carefulPlan}\n# ${'x'.repeat(1024 * 1024)}\n`;
    const result = runCli(['validate', '-'], { input: huge });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('invalid  -: more than 1048576 bytes; input files are limited to 1048576 bytes');
  });
});

describe('gameaudit diff of two different games', () => {
  let leaky = '';
  let careful = '';
  beforeAll(async () => {
    leaky = await buildBundle(path.join(workspace, 'runs', 'a', 'demo-leaky', 'web'), 'leaky');
    careful = await buildBundle(path.join(workspace, 'runs', 'b', 'demo-careful', 'web'), 'careful');
    expect(runCli(['score', leaky, careful], { env: { GAMEAUDIT_SIGNING_KEY: '' } }).exitCode).toBe(0);
  });

  it('warns first that they are not two audits of one game', () => {
    const result = runCli(['diff', leaky, careful]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe(`gameaudit: warning: ${leaky} is demo-leaky (web) and ${careful} is demo-careful (web): these are not two audits of one game, so every difference below may be between the games\n`);
  });

  it('says nothing of the kind for two audits of the same game', () => {
    expect(runCli(['diff', leaky, leaky]).stderr).toBe('');
  });
});
