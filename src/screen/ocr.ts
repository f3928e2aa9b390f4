// Reads the words on a screenshot with tesseract.js, offline: the English LSTM model comes from
// the @tesseract.js-data/eng package on disk (never the CDN tesseract.js falls back to), and no
// cache file is written beside the run. tesseract.js rather than Debian's tesseract CLI because
// `npm ci` alone sets it up on a fresh machine, and one long-lived worker thread reads a phone
// screenshot in well under a second here (npm run bench:ocr) with no process started per image.
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
