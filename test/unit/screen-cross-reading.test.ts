// Comparing the DOM finder's consent buttons with the screen-model finder's, on the careful game's
// consent screen as its screen model holds it (the accessibility elements and boxes that
// test/integration/screen-model-nodes.test.ts reads from audits/demo/sites/careful in Chromium).
import { describe, expect, it } from 'vitest';
import { crossReadConsent } from '../../src/capture/screen-cross-reading.ts';
import type { ScreenElement, ScreenModel } from '../../src/screen/screen-types.ts';

const node = (text: string, role: string, bounds: ScreenElement['bounds']): ScreenElement => ({ text, bounds, source: 'accessibility', confidence: 1, role });

// index.html's consent dialog: its question, its two .choice buttons and the small-print link.
const carefulConsent: ScreenModel = {
  width: 1080,
  height: 2400,
  elements: [
    node('Before you play', 'text', { x: 95, y: 900, width: 400, height: 70 }),
    node('Can we show you ads that use information about how you play?', 'text', { x: 95, y: 1000, width: 893, height: 120 }),
    node('No thanks', 'button', { x: 95, y: 1178, width: 431, height: 137 }),
    node("Yes, that's OK", 'button', { x: 557, y: 1178, width: 431, height: 137 }),
    node('Our privacy notice for kids', 'link', { x: 95, y: 1348, width: 487, height: 42 }),
  ],
  toggles: [],
};

describe('crossReadConsent', () => {
  it('agrees when both find the same buttons with the same roles', () => {
    const reading = crossReadConsent(carefulConsent, 'screens/003.png', {
      tree: 'dom',
      buttons: [{ text: 'No thanks', role: 'decline' }, { text: "Yes, that's OK", role: 'accept' }],
      links: ['Our privacy notice for kids'],
    }, 0.8);
    expect(reading).toEqual({
      screenshot: 'screens/003.png',
      comparedWith: 'dom',
      dialogFound: true,
      buttons: [
        { text: 'No thanks', role: 'decline', bounds: { x: 95, y: 1178, width: 431, height: 137 }, source: 'accessibility' },
        { text: "Yes, that's OK", role: 'accept', bounds: { x: 557, y: 1178, width: 431, height: 137 }, source: 'accessibility' },
        { text: 'Our privacy notice for kids', role: 'link', bounds: { x: 95, y: 1348, width: 487, height: 42 }, source: 'accessibility' },
      ],
      agrees: true,
      disagreements: [],
    });
  });

  it('names a button the DOM has that the screen does not show, and a role read differently', () => {
    const reading = crossReadConsent(carefulConsent, 'screens/003.png', {
      tree: 'dom',
      buttons: [{ text: 'No thanks', role: 'manage' }, { text: "Yes, that's OK", role: 'accept' }, { text: 'Our privacy notice for kids', role: 'link' }, { text: 'Options', role: 'manage' }],
    }, 0.8);
    expect(reading.agrees).toBe(false);
    expect(reading.disagreements).toEqual([
      '"No thanks" is read as manage from the DOM and as decline from the screen model.',
      'The DOM has the button "Options" (manage) that the screen model does not show.',
    ]);
  });

  it('says so when the screen model finds no dialog, without listing every button as missing', () => {
    const noDialog: ScreenModel = { ...carefulConsent, elements: [node('Continue', 'button', { x: 95, y: 1178, width: 431, height: 137 })] };
    const reading = crossReadConsent(noDialog, 'screens/003.png', { tree: 'page-source', buttons: [{ text: 'Accept all', role: 'accept' }] }, 0.8);
    expect(reading.dialogFound).toBe(false);
    expect(reading.buttons).toEqual([]);
    expect(reading.disagreements).toEqual(['The screen-model finder found no consent dialog on this screenshot; the page source finder did.']);
  });
});
