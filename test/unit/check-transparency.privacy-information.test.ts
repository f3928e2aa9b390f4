import { describe, expect, it } from 'vitest';
import check from '../../checks/transparency.privacy-information.ts';
import type { EvidenceInput } from '../../src/evidence/schema.ts';
import { appendixA1Evidence, dialogWithPrivacyButton, makeAndroidEvidence } from './fixtures/android-evidence.ts';
import { during, input, makeEvidence } from './fixtures/evidence-factory.ts';

const consentDialog = (privacyLinks: { text: string; href: string }[]): NonNullable<EvidenceInput['consentDialogs']>[number] => ({
  eventId: 'ev-0007',
  phase: 'consent',
  at: during('consent'),
  detectedBy: 'plan',
  text: 'We use your data for ads.',
  buttons: [{ text: 'Accept', role: 'accept' }],
  privacyLinks,
  stepsToAccept: 1,
  stepsToDecline: 1,
  declined: true,
  screenshot: 'screens/02-consent.png',
});
const locationPrompt = (explained: boolean): NonNullable<EvidenceInput['permissionPrompts']>[number] => ({
  eventId: 'ev-0031',
  phase: 'play',
  at: during('play'),
  permission: 'android.permission.ACCESS_COARSE_LOCATION',
  group: 'location',
  text: 'Allow Test Game to access this device’s approximate location?',
  buttons: [],
  answer: 'denied',
  screenshot: 'screens/05-play-permission.png',
  ...(explained ? { precededByExplanation: { text: 'We use your town to find races near you. Ask a grown-up first!', screenshot: 'screens/04-play-explain.png' } } : {}),
});

describe('transparency.privacy-information', () => {
  it('passes with a privacy policy link in the first dialog and an explained permission request', () => {
    const evidence = makeEvidence({ consentDialogs: [consentDialog([{ text: 'Privacy policy', href: 'https://test-game.example/privacy' }])], permissionPrompts: [locationPrompt(true)] });
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('pass');
    expect(result.findings.map((finding) => finding.severity)).toEqual(['info', 'info']);
    expect(result.findings[1]!.evidence).toContainEqual({ kind: 'screenshot', file: 'screens/04-play-explain.png' });
  });

  it('passes with the link only in the settings', () => {
    const evidence = makeEvidence({
      consentDialogs: [consentDialog([])],
      settings: { source: 'recipe', readable: true, controls: [], privacyLinks: [{ text: 'How we use your data', href: 'https://test-game.example/kids-privacy' }] },
    });
    expect(check.evaluate(input(evidence)).outcome).toBe('pass');
  });

  it('fails when neither the dialog nor the settings link to privacy information', () => {
    const result = check.evaluate(input(makeEvidence({ consentDialogs: [consentDialog([])] })));
    expect(result.outcome).toBe('fail');
    expect(result.summary).toBe('No privacy notice is linked from the first privacy dialog or the settings.');
    expect(result.findings[0]!.evidence).toContainEqual({ kind: 'event', id: 'ev-0007' });
  });

  it('fails when the system asks for location with no explanation from the game', () => {
    const evidence = makeEvidence({ consentDialogs: [consentDialog([{ text: 'Privacy', href: 'https://test-game.example/privacy' }])], permissionPrompts: [locationPrompt(false)] });
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('fail');
    expect(result.summary).toBe('1 permission request came with no explanation from the game.');
    expect(result.findings.find((finding) => finding.severity === 'fail')!.evidence).toContainEqual({ kind: 'event', id: 'ev-0031' });
  });

  it('fails when a web page asks for the position at launch, which nothing can have explained', () => {
    const evidence = makeEvidence({
      consentDialogs: [consentDialog([{ text: 'Privacy', href: 'https://test-game.example/privacy' }])],
      geolocation: { calls: [{ eventId: 'ev-0003', phase: 'launch', at: during('launch'), api: 'getCurrentPosition' }] },
    });
    expect(check.evaluate(input(evidence)).outcome).toBe('fail');
  });

  it('is inconclusive when there was no dialog and the settings could not be read', () => {
    const evidence = makeEvidence({ settings: { source: 'discovery', readable: false, controls: [] } });
    expect(check.evaluate(input(evidence)).outcome).toBe('inconclusive');
  });

  it('on Android, where links were not looked for, is inconclusive and says so instead of "no link was found"', () => {
    const result = check.evaluate(input(makeAndroidEvidence({ consentDialogs: [{ ...consentDialog([]), stepsToAccept: null }] })));
    expect(result.outcome).toBe('inconclusive');
    expect(result.summary).toBe('Whether privacy information is reachable where the child makes choices could not be seen in this capture.');
    expect(result.findings.map((finding) => [finding.severity, finding.message])).toEqual([
      ['info', 'The mobile consent and settings walks do not read where a link or button leads, so links to a privacy notice were not looked for on this device.'],
    ]);
  });

  it('review Appendix A #1 (Android, a "Privacy policy" button, a launch location prompt): not a fail, the button is reported and the explanation marked as not looked for', () => {
    const result = check.evaluate(input(appendixA1Evidence()));
    expect(result.outcome).toBe('inconclusive');
    expect(result.summary).toBe(
      'Whether privacy information is reachable where the child makes choices, and whether the game explained its permission requests first, could not be seen in this capture.',
    );
    expect(result.findings.map((finding) => [finding.severity, finding.message])).toEqual([
      ['info', 'The first privacy dialog shows "Privacy policy"; where it leads was not recorded.'],
      ['info', 'The mobile consent and settings walks do not read where a link or button leads, so links to a privacy notice were not looked for on this device.'],
      [
        'info',
        "The system asked for android.permission-group.LOCATION (location) during the launch phase; whether the game explained why first was not looked for on this device: the mobile capture records the system's permission dialogs but does not look for the game's own explanation shown before them.",
      ],
    ]);
    expect(result.findings[0]!.evidence).toContainEqual({ kind: 'ui-node', label: 'Privacy policy', locator: '//*[@text="Privacy policy"]', screenshot: 'screens/02-consent.png' });
  });

  it('a "Privacy policy" button whose target was not read is not a missing link, on the web too', () => {
    const result = check.evaluate(input(makeEvidence({ consentDialogs: [{ ...dialogWithPrivacyButton }] })));
    expect(result.outcome).toBe('inconclusive');
    expect(result.findings.some((finding) => finding.severity === 'fail')).toBe(false);
  });

  it('on Android, a location request at launch with no prompt recorded is not called unexplained: explanations were not looked for', () => {
    const evidence = makeAndroidEvidence({
      consentDialogs: [{ ...consentDialog([{ text: 'Privacy', href: 'https://test-game.example/privacy' }]), stepsToAccept: null }],
      notCollected: [{ item: 'permission-explanations', reason: "The mobile capture records the system's permission dialogs but does not look for the game's own explanation shown before them." }],
      geolocation: { calls: [{ eventId: 'ev-0003', phase: 'launch', at: during('launch'), api: 'android-location-request' }] },
    });
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('inconclusive');
    expect(result.summary).toBe('Whether the game explained its permission requests first could not be seen in this capture.');
  });
});
