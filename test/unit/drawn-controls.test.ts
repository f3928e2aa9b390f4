// Check boxes, radio buttons and drop-downs read from the pixels of the canvas demo's settings
// screen (test/fixtures/screen/, see its README), in both states: as the game first shows them
// (canvas-settings.png) and after a child's taps set each the other way (canvas-settings-changed.png).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choiceFor, toggleBeside } from '../../src/screen/finders.ts';
import { stopOcr } from '../../src/screen/ocr.ts';
import { readScreen } from '../../src/screen/screen-model.ts';
import type { ScreenModel } from '../../src/screen/screen-types.ts';

const fixture = (name: string): Buffer => readFileSync(path.resolve(import.meta.dirname, '../fixtures/screen', name));
let asFound: ScreenModel;
let changed: ScreenModel;

beforeAll(async () => {
  asFound = await readScreen(fixture('canvas-settings.png'));
  changed = await readScreen(fixture('canvas-settings-changed.png'));
}, 180_000);
afterAll(() => stopOcr());

describe('a drawn check box', () => {
  it('is ticked when a mark sits in a coloured square, and not when the square is empty and white', () => {
    expect(toggleBeside(asFound, 'Send me game news')).toEqual({
      label: 'Send me game news',
      kind: 'checkbox',
      on: true,
      confidence: 0.95,
      bounds: { x: 63, y: 675, width: 69, height: 69 },
      evidence: 'a mark inside the box (36% of it), fill #2e6be6 (saturation 0.8)',
    });
    expect(toggleBeside(changed, 'Send me game news')).toMatchObject({ on: false, confidence: 0.95, evidence: 'no mark inside the box (0% of it), fill #ffffff (saturation 0)' });
  });

  it('is not guessed when its signs disagree: a tick on a grey fill (the blue repainted grey)', async () => {
    // canvas-settings.png with the check box's blue (#2e6be6) repainted mid grey, the tick left white.
    const image = PNG.sync.read(fixture('canvas-settings.png'));
    for (let y = 675; y < 744; y++) {
      for (let x = 63; x < 132; x++) {
        const offset = (y * image.width + x) * 4;
        if (image.data[offset + 2]! > 200 && image.data[offset]! < 120) image.data.set([128, 128, 128], offset);
      }
    }
    const grey = await readScreen(PNG.sync.write(image));
    expect(toggleBeside(grey, 'Send me game news')).toMatchObject({ on: null, confidence: 0.3, evidence: 'a mark inside the box (36% of it), fill #808080 (saturation 0)' });
  }, 60_000);
});

describe('a drawn radio pair', () => {
  it('is read as one group under its question, its value the option whose ring holds a dot', () => {
    expect(choiceFor(asFound, 'radio', 'Who sees my scores')).toEqual({
      label: 'Who sees my scores',
      kind: 'radio',
      value: 'Everyone',
      options: ['Everyone', 'Only me'],
      confidence: 0.95,
      bounds: { x: 63, y: 951, width: 332, height: 201 },
      evidence: '"Everyone": a dot (middle #2e6be6, saturation 0.8); "Only me": no dot (middle #ffffff, saturation 0)',
    });
    expect(choiceFor(changed, 'radio', 'Only me')).toMatchObject({ label: 'Who sees my scores', value: 'Only me', confidence: 0.95 });
  });
});

describe('a drawn drop-down', () => {
  it('is a box with a chevron, its value the words OCR read in it, the chevron left out', () => {
    expect(choiceFor(asFound, 'select', 'Chat with')).toEqual({
      label: 'Chat with',
      kind: 'select',
      value: 'Anyone',
      confidence: 0.95,
      bounds: { x: 549, y: 1239, width: 468, height: 108 },
      evidence: 'a box with a chevron at its right end (8% ink), showing "Anyone"',
    });
    expect(choiceFor(changed, 'select', 'Chat with')).toMatchObject({ value: 'Nobody', confidence: 0.95 });
  });

  it('keeps a word read twice once: the simulated device\'s engine screen (audits/demo/android/engine/engine-settings.png)', async () => {
    // Whole-screen OCR reads "| Anyone" (the box's border as a bar) and the box read on its own reads "Anyone" again.
    const engine = await readScreen(readFileSync(path.resolve(import.meta.dirname, '../../audits/demo/android/engine/engine-settings.png')));
    expect(choiceFor(engine, 'select', 'Chat with')).toMatchObject({ value: 'Anyone', confidence: 0.95, bounds: { x: 573, y: 1179, width: 444, height: 105 } });
  }, 60_000);

  it('is not taken for a button: "Back to game" has no chevron and is no control', () => {
    expect((asFound.choices ?? []).map((choice) => [choice.kind, choice.label])).toEqual([['radio', 'Who sees my scores'], ['select', 'Chat with']]);
  });
});

describe('a drawn radio pair on a second rendering of the same screen', () => {
  it('reads the same, because its labels are read again without the ring OCR took for a glyph', async () => {
    const loaded = fixture('canvas-settings-loaded.png');
    // Not the same picture: the text and rings are anti-aliased differently.
    const [a, b] = [PNG.sync.read(fixture('canvas-settings.png')), PNG.sync.read(loaded)];
    let differing = 0;
    for (let index = 0; index < a.data.length; index += 4) if (a.data.readUInt32BE(index) !== b.data.readUInt32BE(index)) differing += 1;
    expect(differing).toBe(13_771);
    const model = await readScreen(loaded);
    expect(model.ocr!.lines.filter((line) => ['Everyone', 'Only me'].includes(line.text)).map((line) => [line.text, line.confidence])).toEqual([['Everyone', 0.96], ['Only me', 0.96]]);
    expect(choiceFor(model, 'radio', 'Who sees my scores')).toMatchObject({ value: 'Everyone', options: ['Everyone', 'Only me'], confidence: 0.95 });
  }, 60_000);
});
