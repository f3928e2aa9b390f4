// Reads the words on a screenshot with tesseract.js, offline: the English LSTM model comes from
// the @tesseract.js-data/eng package on disk (never the CDN tesseract.js falls back to), and no
// cache file is written beside the run. tesseract.js rather than Debian's tesseract CLI because
// `npm ci` alone sets it up on a fresh machine, and one long-lived worker thread reads a phone
// screenshot in about 0.6 core-seconds here with no process and no model load per image
// (npm run bench:ocr; the CLI took 0.7–1.3 s wall a screenshot, one thread).
import { createRequire } from 'node:module';
import path from 'node:path';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import type { Bounds } from '../evidence/schema.ts';
import type { OcrLine } from './screen-types.ts';

const require = createRequire(import.meta.url);

/**
 * The integer-quantised "best" model: reads screen text as well as the float model here and is
 * several times smaller and faster, which is what keeps OCR beside the capture rather than after it.
 */
export const ocrLanguagePath = path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');

/** Named in every reading, so an investigator can say what read the pixels. */
export const ocrEngine = 'tesseract.js 7.0.0, eng 4.0.0_best_int (LSTM)';

/** An idle worker is ended after this long, so a finished run does not wait on a thread. */
const idleMs = 2000;

let sharedWorker: Promise<Worker> | undefined;
let idleTimer: NodeJS.Timeout | undefined;
/** Readings run one after another on the one worker: a second would only compete for the same two cores. */
let queue: Promise<unknown> = Promise.resolve();
/** Readings asked for and not finished: the worker is idle (and may be ended) only at 0. */
let pending = 0;

async function startWorker(): Promise<Worker> {
  const worker = await createWorker('eng', OEM.LSTM_ONLY, {
    langPath: ocrLanguagePath,
    gzip: true,
    // Read the model from the package every time; never write eng.traineddata into the working folder.
    cacheMethod: 'none',
  });
  // A screen is blocks of text anywhere (a dialog over a game), not one column of prose. A
  // screenshot says nothing of its resolution: a fixed figure keeps tesseract from guessing.
  await worker.setParameters({ tessedit_pageseg_mode: PSM.SPARSE_TEXT, user_defined_dpi: '300' });
  return worker;
}

function ocrWorker(): Promise<Worker> {
  sharedWorker ??= startWorker().catch((error: unknown) => {
    sharedWorker = undefined;
    throw error;
  });
  return sharedWorker;
}

const box = (bbox: { x0: number; y0: number; x1: number; y1: number }, offset: { x: number; y: number }): Bounds => ({
  x: bbox.x0 + offset.x,
  y: bbox.y0 + offset.y,
  width: bbox.x1 - bbox.x0,
  height: bbox.y1 - bbox.y0,
});
const twoPlaces = (value: number): number => Math.round(value * 100) / 100;

/**
 * The lines of words OCR reads in a PNG, with boxes moved by `offset` (where a crop sat in its
 * screenshot) and tesseract's confidence as 0–1; a line is only as sure as its least sure word.
 */
export async function readLines(png: Uint8Array, offset = { x: 0, y: 0 }): Promise<OcrLine[]> {
  const trimmed = trimInk(png);
  if (trimmed === 'blank') return [];
  if (trimmed) return readImage(trimmed.image, { x: offset.x + trimmed.x, y: offset.y + trimmed.y });
  return readImage(png, offset);
}

/** White kept around the ink of a trimmed re-read, as inkOnWhite keeps around its crop. */
const trimMargin = 16;

/**
 * A black-on-white greyscale PGM (the pixel readers' re-reads: src/screen/pixels.ts inkOnWhite)
 * cut down to the box its ink fills. A dialog panel is re-read with what was already read left
 * white, so most of it is blank, and tesseract's time grows with the page, not with the words.
 * 'blank' when there is no ink at all (nothing to read); undefined for any other image.
 */
function trimInk(image: Uint8Array): { image: Buffer; x: number; y: number } | 'blank' | undefined {
  const header = /^P5\n(\d+) (\d+)\n255\n/.exec(Buffer.from(image.subarray(0, 32)).toString('latin1'));
  if (!header) return undefined;
  const width = Number(header[1]);
  const height = Number(header[2]);
  const start = header[0].length;
  let minX = width, minY = height, maxX = -1, maxY = -1;
  for (let y = 0; y < height; y++) {
    const row = start + y * width;
    for (let x = 0; x < width; x++) {
      if (image[row + x]! >= 128) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (maxX < 0) return 'blank';
  const x0 = Math.max(0, minX - trimMargin);
  const y0 = Math.max(0, minY - trimMargin);
  const x1 = Math.min(width, maxX + 1 + trimMargin);
  const y1 = Math.min(height, maxY + 1 + trimMargin);
  const head = Buffer.from(`P5\n${x1 - x0} ${y1 - y0}\n255\n`, 'latin1');
  const out = Buffer.alloc(head.length + (x1 - x0) * (y1 - y0));
  head.copy(out);
  for (let y = y0; y < y1; y++) out.set(image.subarray(start + y * width + x0, start + y * width + x1), head.length + (y - y0) * (x1 - x0));
  return { image: out, x: x0, y: y0 };
}

async function readImage(png: Uint8Array, offset: { x: number; y: number }): Promise<OcrLine[]> {
  clearTimeout(idleTimer);
  pending += 1;
  const run = queue.then(async () => {
    const worker = await ocrWorker();
    const result = await worker.recognize(Buffer.from(png), {}, { blocks: true, text: false });
    const lines: OcrLine[] = [];
    for (const block of result.data.blocks ?? []) {
      for (const paragraph of block.paragraphs) {
        for (const line of paragraph.lines) {
          const words = line.words
            .filter((word) => word.text.trim() !== '')
            .map((word) => ({ text: word.text, confidence: twoPlaces(word.confidence / 100), bounds: box(word.bbox, offset) }));
          if (words.length === 0) continue;
          lines.push({
            text: words.map((word) => word.text).join(' '),
            confidence: Math.min(...words.map((word) => word.confidence)),
            bounds: box(line.bbox, offset),
            words,
          });
        }
      }
    }
    return lines;
  });
  queue = run.catch(() => undefined).finally(() => {
    pending -= 1;
    // Ended only when nothing is waiting: a reading still queued must not lose its worker.
    clearTimeout(idleTimer);
    if (pending === 0) idleTimer = setTimeout(() => void stopOcr(), idleMs);
  });
  return run;
}

/** Ends the worker thread now (the next reading starts another). */
export async function stopOcr(): Promise<void> {
  clearTimeout(idleTimer);
  const worker = sharedWorker;
  sharedWorker = undefined;
  if (worker) await (await worker).terminate().catch(() => undefined);
}
