import { describe, expect, it } from 'vitest';
import check from '../../checks/transparency.privacy-information.ts';
import type { EvidenceInput } from '../../src/evidence/schema.ts';
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
});
