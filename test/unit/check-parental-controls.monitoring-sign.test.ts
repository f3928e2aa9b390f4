import { describe, expect, it } from 'vitest';
import check from '../../checks/parental-controls.monitoring-sign.ts';
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
});
