import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allChecks } from '../../checks/index.ts';
import { InputFileError } from '../../src/errors.ts';
import { findingsForBundle, loadFindingsFile, resolveFindingsFile } from '../../src/scoring/findings-file.ts';

const directory = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-findings-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function write(name: string, lines: string[]): string {
  const file = path.join(directory, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const standardFive = ['  - standard: 5', '    outcome: concerns', '    note: Streak rewards pull the child back daily.', '    evidence: [screens/05-play.png]', '    by: A. Investigator', '    at: 2026-03-03'];

function errorOf(action: () => unknown): InputFileError {
  try {
    action();
  } catch (error) {
    if (error instanceof InputFileError) return error;
    throw error;
  }
  throw new Error('expected an InputFileError');
}

describe('investigators’ findings file', () => {
  it('reads a manual standard assessment and a check overrule', () => {
    const file = write('ok.yaml', [
      'game: demo-leaky',
      'assessments:',
      ...standardFive,
      '  - check: nudge.consent-choice-parity',
      '    platform: web',
      '    outcome: fail',
      '    note: Confirmed on the screenshot.',
      '    evidence: [https://example.org/review/42]',
      '    by: B. Reviewer',
      '    at: 2026-03-04T09:30:00Z',
    ]);
    const findings = findingsForBundle(file, loadFindingsFile(file), 'demo-leaky', 'web', ['nudge.consent-choice-parity']);
    expect(findings).toEqual([
      { standard: 5, outcome: 'concerns', note: 'Streak rewards pull the child back daily.', evidence: ['screens/05-play.png'], by: 'A. Investigator', at: '2026-03-03' },
      { check: 'nudge.consent-choice-parity', outcome: 'fail', note: 'Confirmed on the screenshot.', evidence: ['https://example.org/review/42'], by: 'B. Reviewer', at: '2026-03-04T09:30:00Z' },
    ]);
    // The platform-specific overrule does not apply to another platform's bundle.
    expect(findingsForBundle(file, loadFindingsFile(file), 'demo-leaky', 'android', ['nudge.consent-choice-parity'])).toHaveLength(1);
  });

  it('keeps the manifest hash of the bundle an assessment reviewed, and names a malformed one (issue 21, item 9)', () => {
    const hash = '2a612ba40ec5f1af9282c695201fe10afbd262fa28ec4a1ba83a863aef78bd60';
    const file = write('reviewed.yaml', ['game: demo-leaky', 'assessments:', ...standardFive, `    reviewedBundle: ${hash}`]);
    expect(findingsForBundle(file, loadFindingsFile(file), 'demo-leaky', 'web', [])[0]!.reviewedBundle).toBe(hash);
    const bad = write('reviewed-bad.yaml', ['game: demo-leaky', 'assessments:', ...standardFive, '    reviewedBundle: 0bb28ab8']);
    expect(errorOf(() => loadFindingsFile(bad)).message).toBe(`${bad}: assessments[0].reviewedBundle (line 9): the manifest hash of the bundle reviewed: 64 lower-case hex digits, as \`gameaudit verify\` prints it`);
  });

  it('names the file, line and field of an unknown field', () => {
    const file = write('unknown.yaml', ['game: demo-leaky', 'assessments:', ...standardFive, '    reviewer: someone']);
    const error = errorOf(() => loadFindingsFile(file));
    expect(error.message).toBe(`${file}: assessments[0].reviewer (line 9): unknown field; remove it or check its spelling`);
  });

  it('asks for exactly one of standard or check', () => {
    const file = write('both.yaml', ['game: demo-leaky', 'assessments:', ...standardFive, '    check: nudge.consent-choice-parity']);
    expect(errorOf(() => loadFindingsFile(file)).message).toContain('assessments[0].check (line 9): give exactly one of standard (a number) or check (a check id)');
  });

  it('rejects a check outcome given for a standard', () => {
    const file = write('outcome.yaml', ['game: demo-leaky', 'assessments:', ...standardFive.map((line) => line.replace('concerns', 'fail'))]);
    expect(errorOf(() => loadFindingsFile(file)).message).toContain('assessments[0].outcome (line 4): for a standard the outcome is one of conforms, concerns, does-not-conform, not-assessed');
  });

  it('requires the evidence relied on, and who decided', () => {
    const noEvidence = write('no-evidence.yaml', ['game: demo-leaky', 'assessments:', ...standardFive.map((line) => line.replace('[screens/05-play.png]', '[]'))]);
    expect(errorOf(() => loadFindingsFile(noEvidence)).message).toContain('list at least one file or URL');
    const noBy = write('no-by.yaml', ['game: demo-leaky', 'assessments:', ...standardFive.filter((line) => !line.includes('by:'))]);
    expect(errorOf(() => loadFindingsFile(noBy)).message).toContain('assessments[0].by');
  });

  it('rejects the same standard assessed twice', () => {
    const file = write('twice.yaml', ['game: demo-leaky', 'assessments:', ...standardFive, ...standardFive]);
    expect(errorOf(() => loadFindingsFile(file)).message).toContain('standard 5 is already assessed at assessments[0]');
  });

  it('rejects a findings file of another game and an unknown check id', () => {
    const file = write('other.yaml', ['game: demo-careful', 'assessments:', ...standardFive]);
    expect(errorOf(() => findingsForBundle(file, loadFindingsFile(file), 'demo-leaky', 'web', [])).message).toContain('does not match the bundle\'s game "demo-leaky"');
    const misspelt = write('misspelt.yaml', ['game: demo-leaky', 'assessments:', '  - check: nudge.consent-parity', '    outcome: fail', ...standardFive.slice(2)]);
    expect(errorOf(() => findingsForBundle(misspelt, loadFindingsFile(misspelt), 'demo-leaky', 'web', ['nudge.consent-choice-parity'])).message).toContain(
      'assessments[0].check: no check is called "nudge.consent-parity"; did you mean nudge.consent-choice-parity?',
    );
  });

  it('accepts the demo findings file shipped in audits/findings, against the real check ids', () => {
    const file = path.resolve('audits/findings/demo-leaky.yaml');
    const findings = findingsForBundle(file, loadFindingsFile(file), 'demo-leaky', 'web', allChecks.map((check) => check.id));
    expect(findings.map((finding) => finding.standard ?? finding.check)).toEqual([5, 'age-assurance.age-check']);
    expect(findings.every((finding) => finding.by.length > 0 && finding.evidence.length > 0)).toBe(true);
  });

  it('finds audits/findings/<game>.yaml under the working directory, and complains about a missing --findings file', () => {
    expect(resolveFindingsFile('demo-leaky', undefined, directory)).toBeUndefined();
    expect(() => resolveFindingsFile('demo-leaky', path.join(directory, 'nope.yaml'))).toThrow(/findings file not found/);
  });
});
