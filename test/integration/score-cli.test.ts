// The score, check and checks commands as a user runs them: the real binary, real bundles.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResultSchema } from '../../src/scoring/result-schema.ts';
import { buildBundle } from './score-fixture-bundle.ts';

const run = promisify(execFile);
const binary = path.resolve('bin/gameaudit.js');
const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-score-cli-'));
let leakyDir: string;

async function gameaudit(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [binary, ...args], { cwd: workspace });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  leakyDir = await buildBundle(path.join(workspace, 'runs', 'r1', 'demo-leaky', 'web'), 'leaky');
});
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('gameaudit score / check / checks', () => {
  it('score prints one line per check with its outcome, and writes result.json', async () => {
    const { code, stdout } = await gameaudit('score', leakyDir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\s+7\s+default-settings\.tracking-before-choice\s+fail\s+/m);
    expect(stdout).toMatch(/^\s+13\s+nudge\.consent-choice-parity\s+fail\s+/m);
    expect(stdout).toContain('7:does-not-conform');
    expect(ResultSchema.parse(JSON.parse(readFileSync(path.join(leakyDir, 'result.json'), 'utf8'))).game.id).toBe('demo-leaky');
  });

  it('score --json prints the result, with an investigator overrule from --findings beside the automatic outcome', async () => {
    const findings = path.join(workspace, 'leaky-findings.yaml');
    writeFileSync(
      findings,
      'game: demo-leaky\nassessments:\n  - check: nudge.consent-choice-parity\n    outcome: warn\n    note: Reviewed by hand.\n    evidence: [screens/02-consent-consent-dialog.png]\n    by: C. Checker\n    at: 2026-03-05\n',
    );
    const { code, stdout } = await gameaudit('score', leakyDir, '--json', '--findings', findings);
    expect(code).toBe(0);
    const result = ResultSchema.parse(JSON.parse(stdout));
    const nudge = result.checks.find((check) => check.id === 'nudge.consent-choice-parity')!;
    expect(nudge.outcome).toBe('fail');
    expect(result.investigatorFindings[nudge.overruledBy!]!.by).toBe('C. Checker');
    expect(result.standards.find((standard) => standard.number === 13)).toMatchObject({ status: 'concerns', automaticStatus: 'does-not-conform' });
    const table = await gameaudit('score', leakyDir, '--findings', findings);
    expect(table.stdout).toMatch(/nudge\.consent-choice-parity\s+fail → warn \(by C\. Checker\)/);
  });

  it('score refuses a tampered bundle with exit code 5, naming the file; --force scores it and says so', async () => {
    const tampered = await buildBundle(path.join(workspace, 'runs', 'r2', 'demo-leaky', 'web'), 'leaky');
    const evidenceFile = path.join(tampered, 'evidence.json');
    writeFileSync(evidenceFile, readFileSync(evidenceFile, 'utf8').replace('"Personalised ads"', '"Personalized ads"'));
    const refused = await gameaudit('score', tampered);
    expect(refused.code).toBe(5);
    expect(refused.stderr).toContain('evidence.json changed');
    const forced = await gameaudit('score', tampered, '--force');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('SCORED WITH --force');
  });

  it('check re-runs one check and prints its findings with their evidence', async () => {
    const { code, stdout } = await gameaudit('check', 'default-settings.tracking-before-choice', '--evidence', leakyDir);
    expect(code).toBe(0);
    expect(stdout).toContain('default-settings.tracking-before-choice (standard 7): FAIL');
    expect(stdout).toMatch(/evidence: network\.har entry #2/);
  });

  it('check with an unknown id exits 2 and suggests close matches', async () => {
    const { code, stderr } = await gameaudit('check', 'geolocation.permission-at-lunch', '--evidence', leakyDir);
    expect(code).toBe(2);
    expect(stderr).toContain('no check is called "geolocation.permission-at-lunch"; did you mean geolocation.permission-at-launch');
  });

  it('checks --json lists every check with its standard, needs and rationale', async () => {
    const { code, stdout } = await gameaudit('checks', '--json');
    expect(code).toBe(0);
    const catalogue = JSON.parse(stdout) as { id: string; standard: number; standardName: string; requires: string[]; rationale: string }[];
    const ids = catalogue.map((check) => check.id);
    expect(ids).toContain('nudge.consent-choice-parity');
    expect(ids).toContain('age-assurance.age-check');
    // Each rationale names its standard by number and name, as the report shows it.
    for (const check of catalogue) {
      expect(check.rationale).toContain(`Standard ${check.standard}`);
      expect(check.rationale).toContain(check.standardName);
      expect(check.requires.length).toBeGreaterThan(0);
    }
  });
});
