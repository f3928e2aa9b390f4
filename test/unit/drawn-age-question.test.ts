// The drawn age question's finder on screenshots the canvas demo game produced
// (test/fixtures/screen/README.md): real tesseract.js, literal expectations.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choiceForAge } from '../../src/capture/answer-age.ts';
import { ageQuestionOnScreen, consentOnScreen, screenShows, unsureAgeQuestion } from '../../src/screen/finders.ts';
import { stopOcr } from '../../src/screen/ocr.ts';
import { readScreen } from '../../src/screen/screen-model.ts';
import type { ScreenModel } from '../../src/screen/screen-types.ts';

const fixture = (name: string): Buffer => readFileSync(path.resolve(import.meta.dirname, '../fixtures/screen', name));
let question: ScreenModel;
let typed: ScreenModel;

beforeAll(async () => {
  question = await readScreen(fixture('canvas-age-question.png'));
  typed = await readScreen(fixture('canvas-age-typed.png'));
}, 120_000);
afterAll(() => stopOcr());

describe('a drawn age question', () => {
  it('is found with its field and its confirm button, each drawn on a shape', () => {
    const found = ageQuestionOnScreen(question, 0.8)!;
    expect(found.question.text).toBe('How old are you?');
    expect(found.inputKind).toBe('age');
    expect([found.field?.text, found.field?.shape?.kind]).toEqual(['Type your age', 'filled']);
    expect([found.confirm?.text, found.confirm?.shape?.kind]).toEqual(['Continue', 'filled']);
    expect(found.choices).toEqual([]);
    // Nothing on it is a privacy or consent dialog: it is not mistaken for one.
    expect(consentOnScreen(question, 0.8)).toBeUndefined();
  });

  it('reads back the typed age inside the field, and only there', () => {
    const field = ageQuestionOnScreen(question, 0.8)!.field!;
    expect(screenShows(typed, '10', field.shape!.bounds)).toBe(true);
    expect(screenShows(question, '10', field.shape!.bounds)).toBe(false);
    expect(screenShows(typed, '14', field.shape!.bounds)).toBe(false);
  });

  it('is not acted on when its words are read below the confidence the plan asks for', () => {
    expect(ageQuestionOnScreen(question, 0.99)).toBeUndefined();
    expect(unsureAgeQuestion(question, 0.99)?.text).toBe('How old are you?');
  });
});

describe('age-band choices', () => {
  it('picks the band that covers the age', () => {
    const bands = [{ text: 'Under 13' }, { text: '13-17' }, { text: '18+' }];
    expect([8, 14, 25].map((age) => choiceForAge(bands, age)?.text)).toEqual(['Under 13', '13-17', '18+']);
  });
});
