import { describe, expect, it } from 'vitest';
import check from '../../checks/nudge.consent-choice-parity.ts';
import type { EvidenceInput } from '../../src/evidence/schema.ts';
import { canvasConsentNotCollected, makeAndroidEvidence } from './fixtures/android-evidence.ts';
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
  stepsToAccept: null,
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

  it('points a pre-ticked box at the screen it was read on, with its box, and an older bundle at the dialog', () => {
    // As the leaky demo records it: the boxes live on the "Manage your choices" layer (screenshot 04).
    const evidence = withDialog({
      buttons: [button('Accept', 'accept', 24, 600, 170, 48), button('Reject', 'decline', 218, 600, 170, 48)],
      checkboxes: [
        { label: 'Personalised ads', checked: true, screenshot: 'screens/04-consent-consent-options-after-manage.png', bounds: { x: 36, y: 300, width: 340, height: 28 } },
        { label: 'Measure how you play', checked: true },
      ],
    });
    const boxes = check.evaluate(input(evidence)).findings.filter((finding) => finding.severity === 'fail' && finding.data?.checkbox);
    expect(boxes.map((finding) => finding.evidence[0])).toEqual([
      { kind: 'ui-node', label: 'Personalised ads', screenshot: 'screens/04-consent-consent-options-after-manage.png', bounds: { x: 36, y: 300, width: 340, height: 28 } },
      { kind: 'ui-node', label: 'Measure how you play', screenshot: 'screens/02-consent.png' },
    ]);
  });

  it('warns when the decline button is below the visible screen', () => {
    const evidence = withDialog({ buttons: [button('Accept', 'accept', 24, 600, 170, 48), button('Reject', 'decline', 24, 1200, 170, 48)] });
    expect(check.evaluate(input(evidence)).outcome).toBe('warn');
  });

  it('is inconclusive when the button sizes were not recorded', () => {
    const evidence = withDialog({ buttons: [{ text: 'Accept', role: 'accept' }, { text: 'Reject', role: 'decline' }] });
    expect(check.evaluate(input(evidence)).outcome).toBe('inconclusive');
  });

  it('is not applicable when no dialog was found on a screen that could be read, and inconclusive when the consent phase broke', () => {
    const none = check.evaluate(input(makeEvidence()));
    expect(none.outcome).toBe('not-applicable');
    expect(none.summary).toBe('No privacy or consent dialog was found during the capture, so there was no choice to compare.');
    const broken = makeEvidence({ phases: [{ name: 'consent', startedAt: during('consent', 0), status: 'failed' }] });
    expect(check.evaluate(input(broken)).outcome).toBe('inconclusive');
  });

  it('on a screen drawn by a game engine (Unity), where no dialog could be looked for, is inconclusive, never "the game showed no dialog" (review H4)', () => {
    const evidence = makeAndroidEvidence({ notCollected: [canvasConsentNotCollected], screenshots: [{ file: 'screens/02-consent.png', phase: 'consent', takenAt: during('consent', 2), caption: 'No consent dialog found' }] });
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('inconclusive');
    expect(result.summary).toBe('A privacy or consent dialog could not be looked for on this device, so the choice could not be compared.');
    expect(result.findings).toEqual([{ message: canvasConsentNotCollected.reason, evidence: [{ kind: 'screenshot', file: 'screens/02-consent.png' }], severity: 'info' }]);
  });

  it('does not compare steps when the steps to accept were not measured: a decline behind "manage" is a warning that says so', () => {
    const evidence = withDialog({ buttons: [button('Accept all', 'accept', 24, 560, 170, 48), button('Manage options', 'manage', 218, 560, 170, 48), button('Reject all', 'decline', 24, 560, 364, 64)], stepsToDecline: 2 });
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('warn');
    expect(result.findings.map((finding) => [finding.severity, finding.message])).toEqual([
      ['warn', 'Declining took 2 steps (through "Manage options"); the steps to accept were not measured, so the lengths of the two paths could not be compared.'],
    ]);
  });

  it('compares steps when both were measured (a findings file or an older bundle)', () => {
    const evidence = withDialog({ buttons: [button('Accept all', 'accept', 24, 560, 170, 48), button('Manage options', 'manage', 218, 560, 170, 48)], stepsToAccept: 1, stepsToDecline: 2 });
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('fail');
    expect(result.findings[0]!.message).toBe('Accepting takes 1 step but declining takes 2 steps (through "Manage options").');
  });

  it('passes on equal buttons without claiming the same number of steps when accepting was not measured', () => {
    const result = check.evaluate(input(withDialog({ buttons: [button('Accept', 'accept', 24, 600, 170, 48), button('Reject', 'decline', 218, 600, 170, 48)] })));
    expect(result.outcome).toBe('pass');
    expect(result.summary).toBe('The first consent dialog offers accept and decline on its first screen with the same prominence, and no pre-ticked boxes; the steps to accept were not measured.');
  });
});
