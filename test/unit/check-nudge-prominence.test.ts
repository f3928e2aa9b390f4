// The nudge check on choices read from pixels. The prominence figures are those the screen
// reading gave on the canvas demo's consent dialog (test/fixtures/screen/canvas-consent.png).
import { describe, expect, it } from 'vitest';
import check from '../../checks/nudge.consent-choice-parity.ts';
import type { EvidenceInput } from '../../src/evidence/schema.ts';
import { during, input, makeEvidence } from './fixtures/evidence-factory.ts';

type Dialog = NonNullable<EvidenceInput['consentDialogs']>[number];
type ButtonInput = Dialog['buttons'][number];
const shot = 'screens/02-consent-screen-read-for-a-consent-dialog-drawn-no-dom.png';
const acceptAll: ButtonInput = {
  text: 'Accept all', role: 'accept', bounds: { x: 48, y: 320, width: 316, height: 64 },
  pixels: { confidence: 0.95, crop: 'screens/02-consent.crop-01-accept-all.png', shape: 'filled', prominence: { areaShare: 0.0586, textContrast: 2.59, shapeContrast: 2.61, colour: '#ff7a00', saturation: 1, textHeight: 61 } },
};
const noThanks: ButtonInput = {
  text: 'No thanks', role: 'decline', bounds: { x: 48, y: 320, width: 316, height: 64 },
  pixels: { confidence: 0.96, crop: 'screens/02-consent.crop-02-no-thanks.png', shape: 'none', prominence: { areaShare: 0.0018, textContrast: 3.3, shapeContrast: 1, colour: '#8d8d8d', saturation: 0, textHeight: 26 } },
};
const drawnDialog = (buttons: ButtonInput[]): Dialog => ({
  eventId: 'ev-0011', phase: 'consent', at: during('consent'), detectedBy: 'screen-reading',
  text: 'Your privacy\nWe and our partners use your\ndata to show personalised ads.', buttons,
  stepsToAccept: null, stepsToDecline: 1, declined: true, screenshot: shot,
});

describe('nudge.consent-choice-parity on a dialog read from pixels', () => {
  it('fails a bright filled "yes" against grey bare words for "no", even at equal recorded sizes, pointing at both crops', () => {
    const result = check.evaluate(input(makeEvidence({ consentDialogs: [drawnDialog([acceptAll, noThanks])] })));
    expect(result.outcome).toBe('fail');
    const finding = result.findings.find((item) => item.message.startsWith('Read from the screenshot'))!;
    expect(finding.message).toBe('Read from the screenshot: "Accept all" is drawn on a filled shape while "No thanks" is bare words; "Accept all" is a bright colour (#ff7a00) and "No thanks" is grey (#8d8d8d); its words are 2.3 times as tall.');
    expect(finding.evidence).toContainEqual({ kind: 'screenshot', file: 'screens/02-consent.crop-01-accept-all.png' });
    expect(finding.evidence).toContainEqual({ kind: 'screenshot', file: 'screens/02-consent.crop-02-no-thanks.png' });
  });

  it('passes two choices drawn alike', () => {
    const rejectAll: ButtonInput = { ...acceptAll, text: 'Reject all', role: 'decline', pixels: { ...acceptAll.pixels!, crop: 'screens/02-consent.crop-02-reject-all.png' } };
    const result = check.evaluate(input(makeEvidence({ consentDialogs: [drawnDialog([acceptAll, rejectAll])] })));
    expect(result.outcome).toBe('pass');
  });
});

describe('default-settings.high-privacy on switches read from pixels', () => {
  it('says the value was read from the screenshot, how, and how sure, and points at the crop', async () => {
    const { default: defaults } = await import('../../checks/default-settings.high-privacy.ts');
    const evidence = makeEvidence({
      settings: {
        source: 'recipe', readable: true, screenshot: 'screens/05-settings-settings-as-found-read-from-pixels.png', parentalControls: [], privacyLinks: [],
        controls: [{ name: 'personalisedAds', label: 'Personalised ads', kind: 'switch', value: true, pixels: { confidence: 0.95, crop: 'screens/05-settings.crop-04-personalised-ads.png', evidence: 'knob on the right, track #2e9e44 (saturation 0.71)' } }],
      },
      expectations: { personalisedAds: false },
    });
    const result = defaults.evaluate(input(evidence));
    expect(result.outcome).toBe('fail');
    expect(result.findings[0]!.message).toBe('"Personalised ads" is set to true (read from the screenshot\'s pixels: knob on the right, track #2e9e44 (saturation 0.71); confidence 0.95); the plan expects false as its high-privacy default.');
    expect(result.findings[0]!.evidence).toContainEqual({ kind: 'screenshot', file: 'screens/05-settings.crop-04-personalised-ads.png' });
  });
});
