// OCR on a DOM game's screenshots (test/fixtures/screen/dom-careful-*.png, taken by gameaudit from
// the careful demo game, see the folder's README): the phone-sized HTML screens bench:ocr times
// beside the drawn ones, read with real tesseract.js and literal expectations.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { consentOnScreen } from '../../src/screen/finders.ts';
import { stopOcr } from '../../src/screen/ocr.ts';
import { readScreen } from '../../src/screen/screen-model.ts';

const fixture = (name: string): Buffer => readFileSync(path.resolve(import.meta.dirname, '../fixtures/screen', name));
afterAll(() => stopOcr());

describe('a DOM game\'s screenshots read from pixels alone', () => {
  it('reads the careful game\'s consent dialog, its two outlined choices and its privacy link', async () => {
    const consent = await readScreen(fixture('dom-careful-consent.png'));
    expect(consent.elements.filter((element) => element.confidence >= 0.8).map((element) => element.text)).toEqual([
      'Before you play',
      'Can we show you ads that use information',
      'about how you play? If you say no, you still get',
      'the whole game, and ads will not use anything',
      'about you.',
      'Ask a grown-up to help you choose.',
      'No thanks',
      "Yes, that's OK",
      'Our privacy notice for kids',
    ]);
    expect(consentOnScreen(consent, 0.8)!.choices.map((choice) => [choice.element.text, choice.role, choice.element.shape?.kind ?? 'none'])).toEqual([
      ['No thanks', 'decline', 'filled'],
      ["Yes, that's OK", 'accept', 'filled'],
      ['Our privacy notice for kids', 'link', 'none'],
    ]);
  }, 120_000);

  it('reads the settings page\'s labels and small print', async () => {
    const settings = await readScreen(fixture('dom-careful-settings.png'));
    expect(settings.elements.filter((element) => element.confidence >= 0.9).map((element) => element.text)).toEqual([
      'Settings',
      'PRIVACY',
      'Personalised ads',
      'Who can see my profile',
      'Who can chat with me',
      'Share my location with other players',
      'Location sharing lets friends see which town',
      'you are in. It switches off again when you close',
      'the game.',
      'PARENTS',
      'Parental controls: your grown-up can set a',
      'daily play-time limit. When a grown-up looks',
      'top of the screen.',
      'Our privacy notice for kids',
      'Back to the game',
    ]);
  }, 120_000);
});
