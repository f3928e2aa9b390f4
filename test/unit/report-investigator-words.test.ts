// An investigator's decision in one wording (issue 21; report-reading-2026-12 items 4 and 9), on
// the committed fixture result of the leaky demo game (test/fixtures/results/demo-run) and on the
// shape of the real demo's findings file (audits/findings/demo-leaky.yaml: a date-only entry, and
// an overrule of the age check that names no standard).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { investigatorDate, overruleWords, reviewedBundleWords, standardDecidedBy } from '../../src/report/investigator-words.ts';
import { renderGameHtml } from '../../src/report/render-game.ts';
import { ResultSchema, type Result } from '../../src/scoring/result-schema.ts';
import { demoRunDir } from '../fixtures/results/generate.ts';

const bundle = path.join(demoRunDir, 'demo-leaky', 'web');
const leaky = ResultSchema.parse(JSON.parse(readFileSync(path.join(bundle, 'result.json'), 'utf8')));

describe('investigator words', () => {
  it('keeps a date-only entry a date, and a date-time in UTC', () => {
    expect(investigatorDate('2026-03-03')).toBe('2026-03-03');
    expect(investigatorDate('2026-03-04T09:30:00Z')).toBe('2026-03-04 09:30:00 UTC');
    expect(overruleWords('Does not conform', 'Concerns', { by: 'B. Reviewer (demo)', at: '2026-03-04T09:30:00Z' })).toBe('Does not conform: set by B. Reviewer (demo), 2026-03-04 09:30:00 UTC; automatic result: Concerns');
  });

  it('finds who decided a standard when only one of its checks was overruled', () => {
    const checkOnly: Result = {
      ...leaky,
      investigatorFindings: [{ check: 'age-assurance.age-check', outcome: 'fail', note: 'No age question anywhere.', evidence: ['network.har'], by: 'B. Reviewer (demo)', at: '2026-03-04T09:30:00Z' }],
      checks: leaky.checks.map((check) => (check.id === 'age-assurance.age-check' ? { ...check, outcome: 'warn' as const, overruledBy: 0 } : check)),
      standards: leaky.standards.map((standard) => (standard.number === 3 ? { number: 3, name: standard.name, status: 'does-not-conform' as const, automaticStatus: 'concerns' as const, checks: standard.checks } : standard)),
    };
    expect(standardDecidedBy(checkOnly, checkOnly.standards[2]!)?.by).toBe('B. Reviewer (demo)');
    expect(standardDecidedBy(checkOnly, checkOnly.standards[6]!)).toBeUndefined();
  });

  it('flags an assessment dated before the capture it sits beside', () => {
    const early: Result = { ...leaky, investigatorFindings: leaky.investigatorFindings.map((finding) => ({ ...finding, at: '2026-03-03' })) };
    const html = renderGameHtml(bundle, early);
    expect(html).toContain('A. Investigator, 2026-03-03<br>Which evidence the reviewer saw was not recorded.<br><strong>Dated before this capture started</strong>');
    expect(renderGameHtml(bundle, leaky)).not.toContain('Dated before this capture started');
  });
});

describe('which bundle an assessment reviewed (issue 21, item 9)', () => {
  // The manifest hash of the committed leaky demo result (test/fixtures/results/demo-run/demo-leaky/web).
  const manifest = '2a612ba40ec5f1af9282c695201fe10afbd262fa28ec4a1ba83a863aef78bd60';

  it('says when it was not recorded, when it is this bundle and when it is another one', () => {
    expect(reviewedBundleWords(undefined, manifest)).toBe('Which evidence the reviewer saw was not recorded.');
    expect(reviewedBundleWords(manifest, manifest)).toBe('Reviewed this evidence bundle (manifest 2a612ba40ec5…).');
    expect(reviewedBundleWords('0bb28ab8'.padEnd(64, '0'), manifest)).toBe('Reviewed another evidence bundle (manifest 0bb28ab80000…), not this one (manifest 2a612ba40ec5…).');
  });
});
