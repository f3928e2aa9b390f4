// transparency.privacy-information on a drawn "Privacy policy" (no href): the capture tapped it and
// recorded where it led. The values are those of a capture of the canvas demo game (demo-canvas).
import { describe, expect, it } from 'vitest';
import check from '../../checks/transparency.privacy-information.ts';
import type { EvidenceInput } from '../../src/evidence/schema.ts';
import { during, input, makeEvidence } from './fixtures/evidence-factory.ts';

const drawnDialog = (privacyLinks: NonNullable<EvidenceInput['consentDialogs']>[number]['privacyLinks']): NonNullable<EvidenceInput['consentDialogs']>[number] => ({
  eventId: 'ev-0016',
  phase: 'consent',
  at: during('consent'),
  detectedBy: 'screen-reading',
  text: 'Your privacy\nWe and our partners use your\ndata to show personalised ads.\nAccept all\nNo thanks\nPrivacy policy',
  buttons: [{ text: 'Accept all', role: 'accept' }, { text: 'No thanks', role: 'decline' }, { text: 'Privacy policy', role: 'link' }],
  privacyLinks,
  stepsToAccept: null,
  stepsToDecline: 1,
  declined: true,
  screenshot: 'screens/04-consent-after-answering-the-age-question-read-from-pixels.png',
});

describe('transparency.privacy-information, drawn privacy link', () => {
  it('passes on the page a tap on the drawn words opened, citing the crop and a snapshot of that page', () => {
    const evidence = makeEvidence({
      consentDialogs: [drawnDialog([{
        text: 'Privacy policy',
        href: 'https://canvas.demo-games.test/privacy.html',
        openedByTap: { how: 'a new window', title: 'Privacy policy — Star Engine Quest', screenshot: 'screens/05-consent-where-the-drawn-privacy-policy-led.png', crop: 'screens/04-consent.crop-06-privacy-policy.png' },
      }])],
    });
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('pass');
    expect(result.findings[0]!.message).toBe('The first privacy dialog shows the words "Privacy policy" (drawn, with no address); tapping them opened https://canvas.demo-games.test/privacy.html ("Privacy policy — Star Engine Quest") in a new window.');
    expect(result.findings[0]!.evidence.slice(0, 2)).toEqual([
      { kind: 'screenshot', file: 'screens/04-consent.crop-06-privacy-policy.png' },
      { kind: 'screenshot', file: 'screens/05-consent-where-the-drawn-privacy-policy-led.png' },
    ]);
  });

  it('stays inconclusive when the drawn words were tapped and nothing opened', () => {
    const result = check.evaluate(input(makeEvidence({ consentDialogs: [drawnDialog([])] })));
    expect(result.outcome).toBe('inconclusive');
  });
});
