// OCR and the pixel readers on screenshots the canvas demo game produced (test/fixtures/screen/,
// see its README): real tesseract.js with the packaged English model, literal expectations.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentOnScreen, findScreenText, onPrivacyChoice, settingsEntryOnScreen, toggleBeside } from '../../src/screen/finders.ts';
import { stopOcr } from '../../src/screen/ocr.ts';
import { readScreen } from '../../src/screen/screen-model.ts';
import type { ScreenModel } from '../../src/screen/screen-types.ts';

const fixture = (name: string): Buffer => readFileSync(path.resolve(import.meta.dirname, '../fixtures/screen', name));
let consent: ScreenModel;
let game: ScreenModel;
let settings: ScreenModel;

beforeAll(async () => {
  consent = await readScreen(fixture('canvas-consent.png'));
  game = await readScreen(fixture('canvas-game.png'));
  settings = await readScreen(fixture('canvas-settings.png'));
}, 120_000);
afterAll(() => stopOcr());

describe('the drawn consent dialog', () => {
  it('reads every line of it, including white words on the orange button', () => {
    expect(consent.elements.filter((element) => element.confidence >= 0.8).map((element) => element.text)).toEqual([
      'Your privacy',
      'We and our partners use your',
      'data to show personalised ads.',
      'Accept all',
      'No thanks',
      'Privacy policy',
    ]);
  });

  it('finds the dialog and gives each choice its role; only "Accept all" is drawn as a button', () => {
    const found = consentOnScreen(consent, 0.8)!;
    expect(found.choices.map((choice) => [choice.element.text, choice.role, choice.element.shape?.kind ?? 'none'])).toEqual([
      ['Accept all', 'accept', 'filled'],
      ['No thanks', 'decline', 'none'],
      ['Privacy policy', 'link', 'none'],
    ]);
    expect(found.choices[0]!.element.shape!.bounds).toEqual({ x: 126, y: 840, width: 831, height: 168 });
  });

  it('measures the nudge: a big, saturated orange "yes" against small grey words for "no"', () => {
    const accept = consent.elements.find((element) => element.text === 'Accept all')!.prominence!;
    const decline = consent.elements.find((element) => element.text === 'No thanks')!.prominence!;
    expect(accept).toMatchObject({ colour: '#ff7a00', saturation: 1, areaShare: 0.0586 });
    expect(decline).toMatchObject({ saturation: 0, shapeContrast: 1, textHeight: 26 });
    expect(decline.areaShare).toBe(0.0018);
    expect(accept.shapeContrast).toBeGreaterThan(2.5);
  });

  it('never lets play press a drawn consent choice', () => {
    expect(onPrivacyChoice(consent, { x: 540, y: 924 })?.text).toBe('Accept all');
    expect(onPrivacyChoice(game, { x: 540, y: 1500 })).toBeUndefined();
  });
});

describe('the simulated device\'s engine screen (audits/demo/android/engine/, drawn by the canvas game at 1080 × 2400)', () => {
  it('reads the grey small-print "No thanks" on the dialog\'s panel as well as the bright button', async () => {
    const engine = await readScreen(readFileSync(path.resolve(import.meta.dirname, '../../audits/demo/android/engine/engine-consent.png')));
    expect(consentOnScreen(engine, 0.8)!.choices.map((choice) => [choice.element.text, choice.role])).toEqual([
      ['Accept all', 'accept'],
      ['No thanks', 'decline'],
      ['Privacy policy', 'link'],
    ]);
  }, 60_000);
});

describe('the drawn game and settings screens', () => {
  it('finds the settings entry by its words, as discovery and a { screenText } recipe do', () => {
    expect(settingsEntryOnScreen(game, 0.8)).toMatchObject({ text: 'Settings', shape: { kind: 'filled' } });
    expect(findScreenText(game, '  settings ', undefined, 0.8)?.bounds).toEqual(findScreenText(game, 'Settings', undefined, 0.8)?.bounds);
    expect(findScreenText(game, 'Options', undefined, 0.8)).toBeUndefined();
  });

  it('reads each switch beside its label, with the knob and the fill agreeing', () => {
    expect(settings.toggles.filter((toggle) => toggle.kind === 'switch').map((toggle) => [toggle.label, toggle.on, toggle.confidence])).toEqual([
      ['Personalised ads', true, 0.95],
      ['Share my location', false, 0.95],
    ]);
    expect(toggleBeside(settings, 'personalised   ads')?.evidence).toBe('knob on the right, track #2e9e44 (saturation 0.71)');
    expect(toggleBeside(settings, 'Share my location')?.evidence).toBe('knob on the left, track #9aa3ad (saturation 0.11)');
  });

  it('keeps an accessibility node\'s text over the OCR reading of the same place', async () => {
    // engine.js draws "Back to game" at 24,560 (364 × 52 CSS pixels), 2.625 screenshot pixels each.
    const merged = await readScreen(fixture('canvas-settings.png'), [{ text: 'Back to the game', bounds: { x: 63, y: 1470, width: 956, height: 137 }, locator: 'back-node' }]);
    const back = merged.elements.filter((element) => element.bounds.y === 1470 || /back/i.test(element.text));
    expect(back.map((element) => [element.text, element.source, element.confidence])).toEqual([['Back to the game', 'accessibility', 1]]);
  }, 60_000);
});

describe('template matching for { image } locators and gear discovery', () => {
  it('finds the demo gear (data/templates/gear.png) where the game drew it, and not on the settings screen', async () => {
    const { decodePng } = await import('../../src/screen/pixels.ts');
    const { matchTemplate } = await import('../../src/screen/template-match.ts');
    const gear = decodePng(readFileSync(path.resolve(import.meta.dirname, '../../data/templates/gear.png')));
    // The template was cut at 921,50; matching on a 4-pixel grid lands at 920,52, hence not a perfect 1.
    expect(matchTemplate(decodePng(fixture('canvas-game.png')), gear, 0.9)).toEqual({ bounds: { x: 920, y: 52, width: 110, height: 110 }, score: 0.938 });
    expect(matchTemplate(decodePng(fixture('canvas-settings.png')), gear, 0.9)).toBeUndefined();
  });
});

describe('the age-question finder on the screen model', () => {
  it('reads an age question among OCR lines, and finds none on the canvas demo (which asks none)', async () => {
    const { ageQuestionOnScreen } = await import('../../src/screen/finders.ts');
    const asked: ScreenModel = { width: 1082, height: 2202, toggles: [], elements: [
      { text: 'How old are you?', bounds: { x: 100, y: 400, width: 500, height: 60 }, source: 'ocr', confidence: 0.93 },
      { text: 'Continue', bounds: { x: 100, y: 800, width: 300, height: 60 }, source: 'ocr', confidence: 0.95 },
    ] };
    expect(ageQuestionOnScreen(asked, 0.8)).toMatchObject({ question: { text: 'How old are you?' }, inputKind: 'age' });
    expect(ageQuestionOnScreen({ ...asked, elements: [{ ...asked.elements[0]!, confidence: 0.6 }] }, 0.8)).toBeUndefined();
    expect(ageQuestionOnScreen(consent, 0.8)).toBeUndefined();
  });
});
