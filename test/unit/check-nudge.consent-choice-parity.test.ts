import { describe, expect, it } from 'vitest';
import check from '../../checks/nudge.consent-choice-parity.ts';
import type { EvidenceInput } from '../../src/evidence/schema.ts';
import { during, input, makeEvidence } from './fixtures/evidence-factory.ts';

type Dialog = NonNullable<EvidenceInput['consentDialogs']>[number];
type ButtonInput = Dialog['buttons'][number];
const button = (text: string, role: ButtonInput['role'], x: number, y: number, width: number, height: number): ButtonInput => ({
  text,
  role,
  bounds: { x, y, width, height },
  locator: `#${text.toLowerCase().replace(/[^a-z]+/g, '-')}`,
});
const dialog = (fields: Partial<Dialog>): Dialog => ({
  eventId: 'ev-0007',
  phase: 'consent',
  at: during('consent'),
  detectedBy: 'plan',
  text: 'We and our partners use your data to show ads and measure the game.',
  buttons: [],
  stepsToAccept: 1,
  stepsToDecline: 1,
  declined: true,
  screenshot: 'screens/02-consent.png',
  ...fields,
});
const withDialog = (fields: Partial<Dialog>) => makeEvidence({ consentDialogs: [dialog(fields)] });

describe('nudge.consent-choice-parity', () => {
  it('passes on equal Accept and Reject buttons side by side', () => {
    const result = check.evaluate(input(withDialog({ buttons: [button('Accept', 'accept', 24, 600, 170, 48), button('Reject', 'decline', 218, 600, 170, 48)] })));
    expect(result.outcome).toBe('pass');
    expect(result.findings[0]!.evidence).toContainEqual({ kind: 'ui-node', label: 'Reject', locator: '#reject', screenshot: 'screens/02-consent.png' });
  });

  it('fails on a large "Accept all" beside a small "Manage options" link that takes more steps', () => {
    const evidence = withDialog({
      buttons: [button('Accept all', 'accept', 24, 560, 364, 64), button('Manage options', 'manage', 150, 640, 110, 18)],
      stepsToDecline: 3,
      declineScreens: ['screens/03-consent-manage.png'],
    });
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('fail');
    const steps = result.findings.find((finding) => finding.data?.stepsToDecline === 3)!;
    expect(steps.evidence).toContainEqual({ kind: 'screenshot', file: 'screens/03-consent-manage.png' });
    const size = result.findings.find((finding) => finding.data?.areaRatio !== undefined)!;
    expect(size.data).toMatchObject({ accept: 'Accept all', decline: 'Manage options', areaRatio: 11.8 });
    expect(size.severity).toBe('fail');
  });

  it('compares accept with the "manage" link when the decline button is only on the screen behind it', () => {
    // As the web capture records it: first-screen buttons, then those found after "manage".
    const evidence = withDialog({
      buttons: [button('Accept all', 'accept', 24, 560, 364, 64), button('Manage options', 'manage', 150, 640, 110, 18), button('Reject all', 'decline', 24, 560, 364, 64)],
      stepsToDecline: 2,
    });
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('fail');
    expect(result.findings.find((finding) => finding.data?.areaRatio !== undefined)!.data).toMatchObject({ decline: 'Manage options' });
    expect(result.findings.find((finding) => finding.data?.stepsToDecline === 2)!.message).toContain('(through "Manage options")');
  });

  it('warns when accept is between 1.5 and 2 times the size of decline', () => {
    const evidence = withDialog({ buttons: [button('Accept', 'accept', 24, 600, 200, 48), button('Reject', 'decline', 240, 600, 120, 48)] });
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('warn');
    expect(result.findings[0]!.data?.areaRatio).toBe(1.7);
  });

  it('fails on an accept-only dialog', () => {
    const result = check.evaluate(input(withDialog({ buttons: [button('OK, got it', 'accept', 24, 600, 364, 48)], stepsToDecline: null, declined: false })));
    expect(result.outcome).toBe('fail');
    expect(result.findings[0]!.message).toContain('no way to decline');
  });

  it('fails on a pre-ticked box even when the buttons are equal', () => {
    const evidence = withDialog({
      buttons: [button('Accept', 'accept', 24, 600, 170, 48), button('Reject', 'decline', 218, 600, 170, 48)],
      checkboxes: [
        { label: 'Personalised ads', checked: true },
        { label: 'Newsletter', checked: false },
      ],
    });
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('fail');
    expect(result.findings.filter((finding) => finding.severity === 'fail').map((finding) => finding.data?.checkbox)).toEqual(['Personalised ads']);
  });

  it('warns when the decline button is below the visible screen', () => {
    const evidence = withDialog({ buttons: [button('Accept', 'accept', 24, 600, 170, 48), button('Reject', 'decline', 24, 1200, 170, 48)] });
    expect(check.evaluate(input(evidence)).outcome).toBe('warn');
  });

  it('is inconclusive when the button sizes were not recorded', () => {
    const evidence = withDialog({ buttons: [{ text: 'Accept', role: 'accept' }, { text: 'Reject', role: 'decline' }] });
    expect(check.evaluate(input(evidence)).outcome).toBe('inconclusive');
  });

  it('is not applicable when no dialog was shown, and inconclusive when the consent phase broke', () => {
    expect(check.evaluate(input(makeEvidence())).outcome).toBe('not-applicable');
    const broken = makeEvidence({ phases: [{ name: 'consent', startedAt: during('consent', 0), status: 'failed' }] });
    expect(check.evaluate(input(broken)).outcome).toBe('inconclusive');
  });
});
