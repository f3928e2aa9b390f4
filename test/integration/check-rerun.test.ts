// An investigator re-runs one check on saved evidence from a real demo capture, with a findings
// file that now assesses that check: the command prints it, only that row of result.json
// changes, and the re-rendered report shows the new assessment.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResultSchema, type Result } from '../../src/scoring/result-schema.ts';
import { projectRoot, runCli } from '../helpers/run-cli.ts';

const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-check-rerun-'));
let bundle: string;

function readResultJson(): Result {
  return ResultSchema.parse(JSON.parse(readFileSync(path.join(bundle, 'result.json'), 'utf8')));
}

beforeAll(() => {
  const run = runCli(['run', '--plan', 'audits/demo/demo-leaky.yaml', '--out', path.join(workspace, 'runs')], { timeoutMs: 180_000 });
  expect(run.exitCode, run.stderr).toBe(0);
  bundle = path.join(/^Run folder: (.+)$/m.exec(run.stdout)![1]!.trim(), 'demo-leaky', 'web');
});
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('gameaudit check <id> --evidence <bundle>', () => {
  it('re-runs one check, prints outcome and findings, changes only its row and re-renders the report', () => {
    const before = readResultJson();
    const nudgeBefore = before.checks.find((row) => row.id === 'nudge.consent-choice-parity')!;
    expect(nudgeBefore.outcome).toBe('fail');
    expect(nudgeBefore.overruledBy).toBeUndefined();
    const reportBefore = readFileSync(path.join(bundle, 'report.html'), 'utf8');
    expect(reportBefore).not.toContain('The decline path was checked by hand');

    // The demo's own findings, plus a new assessment of the nudge check after a hand review.
    const findings = path.join(workspace, 'demo-leaky-findings.yaml');
    writeFileSync(
      findings,
      `${readFileSync(path.join(projectRoot, 'audits/findings/demo-leaky.yaml'), 'utf8')}  - check: nudge.consent-choice-parity\n    outcome: warn\n    note: The decline path was checked by hand on a phone; it takes two taps, not one screen of small print.\n    evidence: [screens/04-consent-consent-options-after-manage.png]\n    by: C. Checker (demo)\n    at: 2026-03-06\n`,
    );
    const { exitCode, stdout, stderr } = runCli(['check', 'nudge.consent-choice-parity', '--evidence', bundle, '--findings', findings]);
    expect(exitCode, stderr).toBe(0);
    expect(stdout).toMatch(/^nudge\.consent-choice-parity \(standard 13\): FAIL — /);
    expect(stdout).toMatch(/^ {2}overruled: warn by C\. Checker \(demo\) \(2026-03-06\): The decline path was checked by hand/m);
    expect(stdout).toMatch(/^ {2}- \[(fail|warn)\] .+\n {6}evidence: /m);

    const after = readResultJson();
    const nudgeAfter = after.checks.find((row) => row.id === 'nudge.consent-choice-parity')!;
    expect(after.investigatorFindings[nudgeAfter.overruledBy!]).toMatchObject({ outcome: 'warn', by: 'C. Checker (demo)' });
    // Every other row is exactly as it was.
    const others = (result: Result) => result.checks.filter((row) => row.id !== 'nudge.consent-choice-parity');
    expect(others(after)).toEqual(others(before));
    expect(after.standards.find((standard) => standard.number === 13)).toMatchObject({ status: 'concerns', automaticStatus: 'does-not-conform' });

    const html = readFileSync(path.join(bundle, 'report.html'), 'utf8');
    const article = /<article class="check" id="check-nudge-consent-choice-parity"[\s\S]*?<\/article>/.exec(html)![0];
    expect(article).toContain('<span class="overrule">Warning: set by C. Checker (demo), 2026-03-06; automatic result: Fail</span>');
    expect(article).toContain('The decline path was checked by hand on a phone');
    expect(article).toContain('C. Checker (demo)');

    // --json prints the row itself.
    const json = runCli(['check', 'nudge.consent-choice-parity', '--evidence', bundle, '--findings', findings, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ id: 'nudge.consent-choice-parity', outcome: 'fail', overruledBy: nudgeAfter.overruledBy });
  });

  it('run from a folder without audits/findings, keeps the findings already in result.json and says so', () => {
    const before = readResultJson();
    expect(before.investigatorFindings.map((finding) => finding.by)).toContain('A. Investigator (demo)');
    const elsewhere = path.join(workspace, 'elsewhere');
    mkdirSync(elsewhere, { recursive: true });

    const { exitCode, stderr } = runCli(['check', 'default-settings.tracking-before-choice', '--evidence', bundle], { cwd: elsewhere });

    expect(exitCode, stderr).toBe(0);
    expect(stderr).toContain(`kept the ${before.investigatorFindings.length} investigator finding(s) already in result.json, as no findings file was found at ${path.join(elsewhere, 'audits/findings/demo-leaky.yaml')}`);
    const after = readResultJson();
    expect(after.investigatorFindings).toEqual(before.investigatorFindings);
    expect(after.standards).toEqual(before.standards);
    expect(after.checks.find((row) => row.id === 'age-assurance.age-check')?.overruledBy).toBeDefined();
    expect(readFileSync(path.join(bundle, 'report.html'), 'utf8')).toContain('A. Investigator (demo)');

    // Removing them is a deliberate act: a findings file that assesses nothing.
    const none = path.join(workspace, 'no-findings.yaml');
    writeFileSync(none, 'game: demo-leaky\nassessments: []\n');
    const cleared = runCli(['score', bundle, '--findings', none], { cwd: elsewhere });
    expect(cleared.exitCode, cleared.stderr).toBe(0);
    expect(cleared.stderr).not.toContain('kept the');
    expect(readResultJson().investigatorFindings).toEqual([]);
  });

  it('refuses a bundle whose evidence was changed (exit 5) and leaves result.json alone', () => {
    const resultBefore = readFileSync(path.join(bundle, 'result.json'), 'utf8');
    const har = path.join(bundle, 'network.har');
    const original = readFileSync(har, 'utf8');
    writeFileSync(har, original.replace('leaky.demo-games.test', 'leaky.demo-games.example'));
    try {
      const { exitCode, stderr } = runCli(['check', 'default-settings.tracking-before-choice', '--evidence', bundle]);
      expect(exitCode).toBe(5);
      expect(stderr).toContain('network.har changed');
      expect(readFileSync(path.join(bundle, 'result.json'), 'utf8')).toBe(resultBefore);
    } finally {
      writeFileSync(har, original);
    }
  });
});
