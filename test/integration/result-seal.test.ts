// Reliability probe 2026-12, defect 2: result.json sat outside the manifest, and report and
// `summary --publish` believed it, its own "verified" flag included. Flipping its outcomes
// published the leaky game as conforming. Now scoring seals result.json and every reader checks
// the seal itself. The bundle is built like a capture writes one (score-fixture-bundle.ts,
// modelled on the demo's leaky game); the tampering is the probe's own script, in TypeScript.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { buildBundle } from './score-fixture-bundle.ts';

const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-result-seal-'));
const runDir = path.join(workspace, 'runs', 'r1');
const bundle = path.join(runDir, 'demo-leaky', 'web');
const noKey = { GAMEAUDIT_SIGNING_KEY: '' };

interface TamperedResult {
  checks: { id: string; outcome: string }[];
  standards: { status: string; automaticStatus: string }[];
  bundle: { verified: boolean };
}

/** The probe's edit: every fail becomes a pass, every standard that did not conform conforms. */
function flipOutcomes(): void {
  const file = path.join(bundle, 'result.json');
  const result = JSON.parse(readFileSync(file, 'utf8')) as TamperedResult;
  for (const check of result.checks) if (check.outcome === 'fail') check.outcome = 'pass';
  for (const standard of result.standards) if (standard.status === 'does-not-conform' || standard.status === 'concerns') standard.status = standard.automaticStatus = 'conforms';
  result.bundle.verified = true;
  writeFileSync(file, JSON.stringify(result));
}

beforeAll(async () => {
  await buildBundle(bundle, 'leaky');
  expect(runCli(['score', bundle], { env: noKey }).exitCode).toBe(0);
  flipOutcomes();
});
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('a result.json edited after scoring', () => {
  it('fails verify, which names result.json', () => {
    const verify = runCli(['verify', bundle], { env: noKey });
    expect(verify.exitCode).toBe(5);
    expect(verify.stdout).toContain(`NOT VERIFIED  ${bundle}`);
    expect(verify.stdout).toContain('result: result.json changed after it was scored (its sha256 differs from result.seal.json)');
  });

  it('is not published: summary --publish refuses in one line with exit 5 and writes nothing', () => {
    const out = path.join(workspace, 'published');
    const publish = runCli(['summary', runDir, '--publish', '--out', out], { env: noKey });
    expect(publish.exitCode).toBe(5);
    expect(publish.stderr.trim().split('\n')).toEqual([
      `gameaudit: ${bundle}: not published, it does not verify (result.json changed after it was scored (its sha256 differs from result.seal.json)); re-score it with \`gameaudit score <bundle>\`, re-capture it, or leave it out`,
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('is reported with the integrity warning and "evidence_verified: no", whatever its own flag says', () => {
    expect(runCli(['report', runDir], { env: noKey }).exitCode).toBe(0);
    const html = readFileSync(path.join(bundle, 'report.html'), 'utf8');
    expect(html).toContain('Warning: the evidence behind this report did not pass its integrity check.');
    expect(html).toContain('<li>result.json changed after it was scored (its sha256 differs from result.seal.json)</li>');
    const csvLines = readFileSync(path.join(runDir, 'summary.csv'), 'utf8').split('\r\n');
    // Fields split at commas outside double quotes (an overrule's words are quoted and hold commas).
    const fields = (line: string): string[] => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    const verifiedColumn = fields(csvLines[0]!).indexOf('evidence_verified');
    expect(verifiedColumn).toBeGreaterThan(0);
    const csvRows = csvLines.filter((line) => line.startsWith('demo-leaky,'));
    expect(csvRows.length).toBe(15);
    for (const row of csvRows) expect(fields(row)[verifiedColumn]).toBe('no');
  });

  it('is not kept by check: every check runs again and the real outcomes come back, sealed', () => {
    const check = runCli(['check', 'default-settings.tracking-before-choice', '--evidence', bundle], { env: noKey });
    expect(check.exitCode).toBe(0);
    expect(check.stderr).toContain('ignored the result.json already there (result.json changed after it was scored (its sha256 differs from result.seal.json)): nothing from it is kept and every check is run again');
    const result = JSON.parse(readFileSync(path.join(bundle, 'result.json'), 'utf8')) as TamperedResult;
    expect(result.checks.find((row) => row.id === 'nudge.consent-choice-parity')?.outcome).toBe('fail');
    expect(result.checks.find((row) => row.id === 'default-settings.tracking-before-choice')?.outcome).toBe('fail');
    expect(runCli(['verify', bundle], { env: noKey }).exitCode).toBe(0);
  });
});
