// A re-read of a dialog's panel (black ink on white, what was already read left blank) is cut down
// to its ink before OCR (src/screen/ocr.ts): the words and their boxes in screenshot pixels are
// those of the whole panel's reading, and a panel with nothing left on it is not read at all.
// Expected boxes are those tesseract.js gave for the uncut crop before the cut was added.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLines, stopOcr } from '../../src/screen/ocr.ts';
import { decodePng, inkOnWhite } from '../../src/screen/pixels.ts';

// The canvas demo's consent dialog (test/fixtures/screen/canvas-consent.png, see its README).
const image = decodePng(readFileSync(path.resolve(import.meta.dirname, '../fixtures/screen/canvas-consent.png')));
const white = [255, 255, 255] as const;
afterAll(() => stopOcr());

describe('re-reading part of a screenshot', () => {
  it('reads "No thanks" where it is on the screenshot, the "Privacy policy" below it left blank', async () => {
    const part = { x: 100, y: 1050, width: 880, height: 330 };
    const lines = await readLines(inkOnWhite(image, part, white, 16, [{ x: 100, y: 1250, width: 880, height: 130 }]), { x: part.x - 16, y: part.y - 16 });
    expect(lines).toEqual([{
      text: 'No thanks',
      confidence: 0.95,
      bounds: { x: 458, y: 1112, width: 167, height: 26 },
      words: [
        { text: 'No', confidence: 0.95, bounds: { x: 458, y: 1113, width: 41, height: 25 } },
        { text: 'thanks', confidence: 0.95, bounds: { x: 513, y: 1112, width: 112, height: 26 } },
      ],
    }]);
  }, 120_000);

  it('reads nothing when all of it was already read', async () => {
    const part = { x: 100, y: 1050, width: 880, height: 330 };
    expect(await readLines(inkOnWhite(image, part, white, 16, [part]), { x: part.x - 16, y: part.y - 16 })).toEqual([]);
  });
});
