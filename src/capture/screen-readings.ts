// OCR beside the capture: every screenshot is read on the OCR worker while the capture goes on
// (a timed phase never waits for it), and the reading is written beside the screenshot as
// screens/<name>.ocr.json, so the manifest seals it with the rest. A driver that must act on
// what a screen shows (a consent dialog drawn on a canvas) waits for that screen's reading only.
import type { Bounds } from '../evidence/schema.ts';
import type { BundleWriter } from '../evidence/bundle-writer.ts';
import { readScreen, type AccessibilityNode } from '../screen/screen-model.ts';
import { cropPng, decodePng, type Pixels } from '../screen/pixels.ts';
import type { ScreenModel } from '../screen/screen-types.ts';

/** A reading that takes longer than this is given up (and noted), so a capture never waits on OCR for ever. */
const readingLimitMs = 180_000;

function withinLimit<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the reading did not finish within ${readingLimitMs / 1000} s`)), readingLimitMs);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export class ScreenReadings {
  private readonly readings = new Map<string, Promise<ScreenModel | undefined>>();
  private readonly pngs = new Map<string, Uint8Array>();
  private readonly writes: Array<Promise<unknown>> = [];
  private crops = 0;
  /** The last screenshot cropped, decoded: a drawn dialog's choices are cropped one after another from the same screenshot. */
  private decoded: { file: string; pixels: Pixels } | undefined;
  /** Readings wait on this while a timed phase runs, so OCR never takes the capture's CPU then. */
  private gate: Promise<void> = Promise.resolve();
  private openGate: (() => void) | undefined;

  constructor(
    private readonly bundle: BundleWriter,
    /** Called when a reading fails: recorded as a note, never fatal to the capture. */
    private readonly onFailure: (file: string, message: string) => void,
  ) {}

  /** Starts reading a saved screenshot; resolves to the bundle path of its .ocr.json. */
  start(file: string, png: Uint8Array, nodes: AccessibilityNode[] = []): Promise<string | undefined> {
    this.pngs.set(file, png);
    // Only `npm run bench:ocr` turns reading off, to time the same capture without it.
    if (process.env.GAMEAUDIT_BENCH_NO_SCREEN_READING === '1') return Promise.resolve(undefined);
    const reading = this.gate.then(() => withinLimit(readScreen(png, nodes))).catch((error: unknown) => {
      this.onFailure(file, (error as Error).message);
      return undefined;
    });
    this.readings.set(file, reading);
    const written = reading.then((model) => {
      if (!model) return undefined;
      const { ocr, ...read } = model;
      return this.bundle.file(file.replace(/\.png$/, '.ocr.json'), `${JSON.stringify({ screenshot: file, engine: ocr?.engine, lines: ocr?.lines ?? [], ...read }, null, 1)}\n`);
    }).catch((error: unknown) => {
      this.onFailure(file, (error as Error).message);
      return undefined;
    });
    this.writes.push(written);
    return written;
  }

  /**
   * Holds new readings back while a timed phase (launch, play) runs: the phase lasts what the
   * plan says and the game gets the machine; what was held is read once the phase ends.
   */
  hold(): void {
    if (this.openGate) return;
    this.gate = new Promise((resolve) => {
      this.openGate = resolve;
    });
  }

  /**
   * Lets the held readings go once the phase has ended. The gate opens on the next turn of the
   * event loop, not now: a held reading starts with synchronous pixel work (decoding the PNG,
   * finding shapes) that would otherwise run in the same microtask queue as the phase's own end,
   * before the session stamps it, and so count in the phase's time.
   */
  release(): void {
    const open = this.openGate;
    this.openGate = undefined;
    if (open) setImmediate(open);
  }

  /** The screen model of a screenshot this capture took (undefined when it could not be read). */
  async model(file: string): Promise<ScreenModel | undefined> {
    return this.readings.get(file);
  }

  /** The PNG of a screenshot this capture took. */
  png(file: string): Uint8Array | undefined {
    return this.pngs.get(file);
  }

  /** Saves the part of a screenshot a reading came from; returns its bundle path. */
  crop(file: string, bounds: Bounds, label: string): string | undefined {
    const png = this.pngs.get(file);
    if (!png) return undefined;
    this.crops += 1;
    const safe = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'element';
    if (this.decoded?.file !== file) this.decoded = { file, pixels: decodePng(png) };
    return this.bundle.file(file.replace(/\.png$/, `.crop-${String(this.crops).padStart(2, '0')}-${safe}.png`), cropPng(this.decoded.pixels, bounds));
  }

  /**
   * Work that uses a screen model once it is read (a second reading of a dialog): it runs
   * without holding up the phase, and the bundle is sealed only after it. The work records its
   * own failures.
   */
  track(work: Promise<unknown>): void {
    this.writes.push(work.catch(() => undefined));
  }

  /** Every reading started so far, finished: the bundle is sealed only after this. */
  async settled(): Promise<void> {
    await Promise.all(this.writes);
  }
}
