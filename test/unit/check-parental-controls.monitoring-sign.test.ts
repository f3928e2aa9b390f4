import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/scoring/run-checks.ts';
import check from '../../checks/parental-controls.monitoring-sign.ts';
import { makeAndroidEvidence } from './fixtures/android-evidence.ts';
import { input, makeEvidence } from './fixtures/evidence-factory.ts';

const withParental = (parentalControls: { label: string; monitoringSignalled: boolean | null }[]) =>
  makeEvidence({ settings: { source: 'recipe', readable: true, screenshot: 'screens/03-settings.png', controls: [], parentalControls } });

describe('parental-controls.monitoring-sign', () => {
  it('passes when every parental control shows the child that monitoring is on', () => {
    const result = check.evaluate(input(withParental([{ label: 'Parent dashboard', monitoringSignalled: true }])));
    expect(result.outcome).toBe('pass');
    expect(result.findings[0]!.evidence).toContainEqual({ kind: 'ui-node', label: 'Parent dashboard', screenshot: 'screens/03-settings.png' });
  });

  it('fails when a parent can monitor with no sign to the child', () => {
    const result = check.evaluate(input(withParental([{ label: 'Parent dashboard', monitoringSignalled: true }, { label: 'Location for parents', monitoringSignalled: false }])));
    expect(result.outcome).toBe('fail');
    expect(result.findings.filter((finding) => finding.severity === 'fail').map((finding) => finding.data?.control)).toEqual(['Location for parents']);
  });

  it('is inconclusive when the sign could not be observed', () => {
    expect(check.evaluate(input(withParental([{ label: 'Parent PIN', monitoringSignalled: null }]))).outcome).toBe('inconclusive');
  });

  it('is not applicable when the settings hold no parental controls', () => {
    expect(check.evaluate(input(withParental([]))).outcome).toBe('not-applicable');
  });

  it('is inconclusive when the settings could not be read', () => {
    const evidence = makeEvidence({ settings: { source: 'discovery', readable: false, controls: [] } });
    expect(check.evaluate(input(evidence)).outcome).toBe('inconclusive');
  });

  it('on Android, where parental controls were not looked for, is inconclusive and says so, not "none were found"', () => {
    const result = check.evaluate(input(makeAndroidEvidence()));
    expect(result.outcome).toBe('inconclusive');
    expect(result.summary).toBe('Parental controls were not looked for on this device, so whether the child is shown a sign of monitoring could not be assessed.');
    expect(result.findings).toEqual([
      {
        message: 'The mobile settings walk reads switches, checkboxes, radio buttons and drop-downs only, so parental controls were not looked for on this device.',
        evidence: [{ kind: 'screenshot', file: 'screens/03-settings.png' }],
        severity: 'info',
      },
    ]);
  });

  it('on the web, readable settings looked at and holding none are still not applicable', () => {
    const result = check.evaluate(input(makeEvidence({ notCollected: [{ item: 'app-ops', reason: 'A browser capture has no Android app-ops.' }] })));
    expect(result.outcome).toBe('not-applicable');
    expect(result.summary).toBe('No parental controls were found in the game’s settings.');
  });
});

describe('what the settings text says, and what was not tested (issue 21, items 6 and 14)', () => {
  // The demo's two web games' parental-control lines (audits/demo/sites/leaky and careful settings screens).
  it('fails on the leaky game’s dashboard text, saying only what the text does not say', () => {
    const result = runCheck(check, input(withParental([{ label: 'Parent dashboard: your grown-up gets a weekly email of your games, chats and friends.', monitoringSignalled: false }])));
    expect(result.title).toBe('The settings do not say the child is shown when a parent monitors them');
    expect(result.summary).toBe('The settings text of the parental control found does not say that monitoring is shown to the child; whether a sign appears during monitoring was not tested.');
    expect(result.findings[0]!.message).toBe('"Parent dashboard: your grown-up gets a weekly email of your games, chats and friends.": the settings text does not say that monitoring is shown to the child; whether a sign appears during monitoring was not tested.');
  });

  it('passes on a promise of a sign without claiming the sign was seen', () => {
    const result = runCheck(check, input(withParental([{ label: 'Parent view', monitoringSignalled: true }, { label: 'Location for parents', monitoringSignalled: true }])));
    expect(result.summary).toBe('The settings text of both parental controls says that monitoring is shown to the child; whether a sign appears during monitoring was not tested.');
  });

  it('heads a settings screen with no parental controls with that, not with a claim about signs', () => {
    const result = runCheck(check, input(withParental([])));
    expect([result.outcome, result.title]).toEqual(['not-applicable', 'No parental controls were found in the settings']);
  });
});
