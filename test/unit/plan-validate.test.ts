import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputFileError } from '../../src/errors.ts';
import { loadPlan, loadProgramme, loadIdentifiers } from '../../src/plan/load.ts';
import { projectRoot, runCli } from '../helpers/run-cli.ts';

const bad = (name: string) => path.join(projectRoot, 'test/fixtures/bad', name);

function errorOf(load: () => unknown): InputFileError {
  try {
    load();
  } catch (error) {
    if (error instanceof InputFileError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('gameaudit validate', () => {
  it('accepts every committed plan, the programme and the demo', () => {
    const result = runCli(['validate', 'audits/programme.yaml', 'audits/roblox.yaml', 'audits/identifiers/test-device.yaml']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('ok       audits/programme.yaml (programme)');
    expect(result.stdout).toContain('(plan)');
    expect(result.stdout).toContain('(identifiers)');
  });

  it('refuses broken YAML naming the file and the line, exit code 2, no stack trace', () => {
    const result = runCli(['validate', bad('plans/broken-yaml.yaml')]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/broken-yaml\.yaml: not valid YAML \(line \d+\)/);
    expect(result.stderr).not.toMatch(/\bat .+\.ts:\d+/);
  });

  it('names an unknown field with its line and the fix', () => {
    const error = errorOf(() => loadPlan(bad('plans/unknown-field.yaml')));
    expect(error.message).toContain('unknown-field.yaml: platfroms (line 4): unknown field; remove it or check its spelling');
  });

  it('names a wrong type with the field path, the line and what was expected', () => {
    const error = errorOf(() => loadPlan(bad('plans/wrong-type.yaml')));
    expect(error.message).toContain('session.launchSeconds (line 7): expected number, got string');
  });

  it('names a missing required field', () => {
    const error = errorOf(() => loadPlan(bad('plans/missing-field.yaml')));
    expect(error.message).toContain('publisher');
    expect(error.message).toContain('required field is missing');
  });

  it('asks for at least one platform', () => {
    expect(errorOf(() => loadPlan(bad('plans/no-platform.yaml'))).message).toContain('platforms (line 4): give at least one platform');
  });

  it('refuses a password written into a plan and says to use an environment variable', () => {
    expect(errorOf(() => loadPlan(bad('plans/bad-credentials.yaml'))).message).toContain('credentials.password (line 7): write ${ENV_VAR_NAME}');
  });

  it('refuses a YAML alias bomb instead of expanding it', () => {
    expect(errorOf(() => loadPlan(bad('plans/alias-bomb.yaml'))).message).toMatch(/alias-bomb\.yaml: .*(alias|YAML)/i);
  });

  it('refuses a huge file before parsing it', () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-huge-'));
    const file = path.join(directory, 'huge.yaml');
    writeFileSync(file, `id: huge\ntitle: "${'x'.repeat(3 * 1024 * 1024)}"\n`);
    expect(errorOf(() => loadPlan(file)).message).toMatch(/huge\.yaml: file is \d+ bytes; input files are limited/);
  });

  it.each([
    ['identifiers/bad-advertising-id.yaml', 'advertisingId (line 1)'],
    ['identifiers/bad-email.yaml', 'email (line 1)'],
    ['identifiers/bad-latitude.yaml', 'location.latitude (line 1)'],
    ['identifiers/short-custom.yaml', 'custom.x (line 2): at least 4 characters'],
  ])('refuses the identifiers file %s naming %s', (file, expected) => {
    expect(errorOf(() => loadIdentifiers(bad(file))).message).toContain(expected);
  });

  it('reports every bad file of a batch and exits 2', () => {
    const result = runCli(['validate', 'audits/roblox.yaml', bad('plans/wrong-type.yaml'), bad('plans/unknown-field.yaml')]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('ok       audits/roblox.yaml');
    expect(result.stderr.match(/^invalid /gm)).toHaveLength(2);
    expect(result.stderr).toContain('2 of 3 file(s) are invalid');
  });

  it('calls an empty value null, not an object', () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-null-'));
    const file = path.join(directory, 'null.yaml');
    writeFileSync(file, 'id: x\ntitle:\npublisher: p\nplatforms:\n  web: { url: "https://example.org/" }\n');
    expect(errorOf(() => loadPlan(file)).message).toContain('title (line 2): expected string, got an empty value (null)');
  });

  it('says a YAML nested thousands deep is nested too deeply, not that the stack overflowed', () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-deep-'));
    const file = path.join(directory, 'deep.yaml');
    writeFileSync(file, `a: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
    expect(errorOf(() => loadPlan(file)).message).toContain('nested too deeply');
  });

  it('names the programme line that leads to a bad plan, and what is wrong with that plan', () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-programme-'));
    const file = path.join(directory, 'programme.yaml');
    writeFileSync(file, `name: p\ngames:\n  - ${bad('plans/wrong-type.yaml')}\n`);
    const message = errorOf(() => loadProgramme(file)).message;
    expect(message).toContain(`${file}: games[0] (`);
    expect(message).toContain('session.launchSeconds (line 7): expected number, got string');
  });

  it('loads the programme with its ten candidate games', () => {
    const { plans } = loadProgramme(path.join(projectRoot, 'audits/programme.yaml'));
    expect(plans.map(({ plan }) => plan.platforms.android?.package)).toContain('com.roblox.client');
    expect(plans).toHaveLength(10);
  });
});
