import { appendFileSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode, UserError } from '../../src/errors.ts';
import { writeSealedResult } from '../../src/evidence/result-seal.ts';
import { ResultSchema, type Result } from '../../src/scoring/result-schema.ts';
import { scoreBundle } from '../../src/scoring/score-bundle.ts';
import { buildBundle } from './score-fixture-bundle.ts';

const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-score-'));
const emptyCwd = path.join(workspace, 'no-findings-here');
let leakyDir: string;
let carefulDir: string;

const outcomeOf = (result: Result, id: string) => result.checks.find((check) => check.id === id)?.outcome;
const statusOf = (result: Result, standard: number) => result.standards.find((row) => row.number === standard)?.status;

beforeAll(async () => {
  leakyDir = await buildBundle(path.join(workspace, 'run', 'demo-leaky', 'web'), 'leaky');
  carefulDir = await buildBundle(path.join(workspace, 'run', 'demo-careful', 'web'), 'careful');
});
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('scoring a sealed bundle', () => {
  it('fails the leaky game on the checks its behaviour warrants, with findings pointing at HAR entries and screenshots', async () => {
    const result = await scoreBundle(leakyDir, { cwd: emptyCwd });
    expect(result.bundle).toMatchObject({ verified: true, forced: false, status: 'complete' });
    expect(outcomeOf(result, 'default-settings.tracking-before-choice')).toBe('fail');
    expect(outcomeOf(result, 'default-settings.high-privacy')).toBe('fail');
    expect(outcomeOf(result, 'geolocation.permission-at-launch')).toBe('fail');
    expect(outcomeOf(result, 'geolocation.location-off-by-default')).toBe('fail');
    expect(outcomeOf(result, 'nudge.consent-choice-parity')).toBe('fail');
    expect(outcomeOf(result, 'transparency.privacy-information')).toBe('fail');
    expect(outcomeOf(result, 'profiling.behavioural-ads-setting')).toBe('fail');
    expect(outcomeOf(result, 'data-minimisation.dangerous-permissions')).toBe('fail');

    const tracking = result.checks.find((check) => check.id === 'default-settings.tracking-before-choice')!;
    const google = tracking.findings.find((finding) => finding.data?.organization === 'Google')!;
    expect(google.evidence).toContainEqual({ kind: 'har-entry', index: 2 });
    const highPrivacy = result.checks.find((check) => check.id === 'default-settings.high-privacy')!;
    expect(highPrivacy.findings[0]!.evidence).toContainEqual({ kind: 'screenshot', file: 'screens/04-settings-settings.png' });

    for (const standard of [4, 7, 8, 10, 12, 13]) expect(statusOf(result, standard)).toBe('does-not-conform');
    for (const standard of [1, 2, 5, 6, 14, 15]) expect(statusOf(result, standard)).toBe('not-assessed');
    expect(result.counts.fail).toBe(result.checks.filter((check) => check.outcome === 'fail').length);
    const adEntry = result.network.entries.find((entry) => entry.host === 'googleads.g.doubleclick.net')!;
    expect(adEntry).toMatchObject({ phase: 'launch', party: 'third', organization: 'Google', category: 'advertising' });
  });

  it('passes the careful game on the three walking-skeleton checks and conforms on standard 7', async () => {
    const result = await scoreBundle(carefulDir, { cwd: emptyCwd });
    expect(outcomeOf(result, 'default-settings.tracking-before-choice')).toBe('pass');
    expect(outcomeOf(result, 'default-settings.high-privacy')).toBe('pass');
    expect(outcomeOf(result, 'geolocation.permission-at-launch')).toBe('pass');
    expect(outcomeOf(result, 'nudge.consent-choice-parity')).toBe('pass');
    expect(outcomeOf(result, 'transparency.privacy-information')).toBe('pass');
    expect(statusOf(result, 7)).toBe('conforms');
    expect(statusOf(result, 13)).toBe('conforms');
  });

  it('writes result.json that validates and is byte-identical when the bundle is scored again', async () => {
    await scoreBundle(leakyDir, { cwd: emptyCwd });
    const first = readFileSync(path.join(leakyDir, 'result.json'));
    await scoreBundle(leakyDir, { cwd: emptyCwd });
    const second = readFileSync(path.join(leakyDir, 'result.json'));
    expect(second.equals(first)).toBe(true);
    expect(ResultSchema.safeParse(JSON.parse(first.toString('utf8'))).success).toBe(true);
  });

  it('uses audits/findings/<game>.yaml under the working directory: a manual standard and an attributed overrule', async () => {
    const cwd = path.join(workspace, 'repo');
    const findingsFile = path.join(cwd, 'audits', 'findings', 'demo-leaky.yaml');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.dirname(findingsFile), { recursive: true });
    writeFileSync(
      findingsFile,
      [
        'game: demo-leaky',
        'assessments:',
        '  - standard: 5',
        '    outcome: concerns',
        '    note: Daily reward streaks push the child to come back every day.',
        '    evidence: [screens/05-play-playing.png]',
        '    by: A. Investigator',
        '    at: 2026-03-03',
        '  - check: default-settings.high-privacy',
        '    outcome: warn',
        '    note: The chat setting only reaches players on the child’s friend list in this build.',
        '    evidence: [https://leaky.demo.gameaudit.test/help/chat]',
        '    by: B. Reviewer',
        '    at: 2026-03-04T09:30:00Z',
        '',
      ].join('\n'),
    );
    const result = await scoreBundle(leakyDir, { cwd });
    expect(result.investigatorFindings).toHaveLength(2);
    expect(result.standards.find((row) => row.number === 5)).toMatchObject({ status: 'concerns', automaticStatus: 'not-assessed', investigatorFinding: 0 });
    const overruled = result.checks.find((check) => check.id === 'default-settings.high-privacy')!;
    // The automatic outcome stays visible; the investigator's sits beside it, attributed.
    expect(overruled.outcome).toBe('fail');
    expect(result.investigatorFindings[overruled.overruledBy!]).toMatchObject({ outcome: 'warn', by: 'B. Reviewer' });
    // Standard 7's other check still fails, so the standard still does not conform.
    expect(result.standards.find((row) => row.number === 7)).toMatchObject({ status: 'does-not-conform', automaticStatus: 'does-not-conform' });
  });

  it('re-runs only the named checks and keeps the other rows from result.json', async () => {
    const resultFile = path.join(leakyDir, 'result.json');
    await scoreBundle(leakyDir, { cwd: emptyCwd });
    const before = ResultSchema.parse(JSON.parse(readFileSync(resultFile, 'utf8')));
    // Mark a row we do not re-run, to see it carried over as it was.
    const edited = { ...before, checks: before.checks.map((check) => (check.id === 'nudge.consent-choice-parity' ? { ...check, summary: 'kept from the earlier run' } : check)) };
    // Sealed as scoring seals it: rows are kept only from a result.json whose seal holds.
    writeSealedResult(leakyDir, JSON.stringify(edited));
    const result = await scoreBundle(leakyDir, { cwd: emptyCwd, only: ['geolocation.permission-at-launch'] });
    expect(result.checks.find((check) => check.id === 'nudge.consent-choice-parity')!.summary).toBe('kept from the earlier run');
    expect(result.checks.map((check) => check.id)).toEqual(before.checks.map((check) => check.id));
    await expect(scoreBundle(leakyDir, { cwd: emptyCwd, only: ['geolocation.permision-at-launch'] })).rejects.toThrow(/did you mean geolocation\.permission-at-launch/);
  });

  it('refuses a bundle with a tampered byte (exit code 5), and scores it with force, saying so', async () => {
    const tampered = await buildBundle(path.join(workspace, 'run-tampered', 'demo-leaky', 'web'), 'leaky');
    const harFile = path.join(tampered, 'network.har');
    const bytes = readFileSync(harFile);
    bytes[bytes.indexOf('tfcd=0')! + 5] = '1'.charCodeAt(0);
    writeFileSync(harFile, bytes);
    const refusal = await scoreBundle(tampered, { cwd: emptyCwd }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(UserError);
    expect((refusal as UserError).exitCode).toBe(ExitCode.notVerified);
    expect((refusal as UserError).message).toContain('network.har changed');

    const forced = await scoreBundle(tampered, { cwd: emptyCwd, force: true });
    expect(forced.bundle).toMatchObject({ verified: false, forced: true });
    expect(forced.bundle.verifyProblems).toContain('network.har changed (its sha256 differs from the manifest)');
  });

  it('scores a bundle never sealed (evidence.json checkpointed "complete", no manifest) with --force as incomplete, saying why (probe row 3-dint-6)', async () => {
    const unsealed = await buildBundle(path.join(workspace, 'run-unsealed', 'demo-leaky', 'web'), 'leaky');
    unlinkSync(path.join(unsealed, 'manifest.json'));
    expect(JSON.parse(readFileSync(path.join(unsealed, 'evidence.json'), 'utf8')).status).toBe('complete');
    const forced = await scoreBundle(unsealed, { cwd: emptyCwd, force: true });
    expect(forced.bundle).toMatchObject({ verified: false, forced: true, status: 'incomplete' });
    expect(forced.bundle.incompleteReasons.map((reason) => reason.message)).toContain(
      'The capture stopped before sealing this bundle (it has no manifest.json), so nothing shows these files are the ones it wrote or that it finished writing them.',
    );
  });

  it('refuses a bundle with a file added after sealing', async () => {
    const added = await buildBundle(path.join(workspace, 'run-added', 'demo-careful', 'web'), 'careful');
    appendFileSync(path.join(added, 'screens', 'extra.png'), 'not part of the capture');
    await expect(scoreBundle(added, { cwd: emptyCwd })).rejects.toThrow(/screens\/extra\.png was added/);
  });
});
