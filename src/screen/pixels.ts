// A screenshot's pixels, and the few measures the pixel readers share: colours, WCAG contrast,
// saturation and the dominant colour of a box.
import { PNG } from 'pngjs';
import type { Bounds } from '../evidence/schema.ts';

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, row by row. */
  data: Uint8Array;
}

export type Rgb = readonly [number, number, number];

export function decodePng(png: Uint8Array): Pixels {
  const image = PNG.sync.read(Buffer.from(png));
  return { width: image.width, height: image.height, data: image.data };
}

/** A PNG's width from its header alone (bytes 16–19 of the IHDR chunk), without decoding it. */
export function pngWidth(png: Uint8Array): number | undefined {
  if (png.length < 24) return undefined;
  return new DataView(png.buffer, png.byteOffset, png.byteLength).getUint32(16);
}

export function pixelAt(image: Pixels, x: number, y: number): Rgb {
  const offset = (Math.min(image.height - 1, Math.max(0, y)) * image.width + Math.min(image.width - 1, Math.max(0, x))) * 4;
  return [image.data[offset]!, image.data[offset + 1]!, image.data[offset + 2]!];
}

/** Largest channel difference: two colours closer than ~24 look the same on a screen. */
export function colourDistance(a: Rgb, b: Rgb): number {
  return Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2]));
}

export const hex = (colour: Rgb): string => `#${colour.map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;

function relativeLuminance(colour: Rgb): number {
  const [r, g, b] = colour.map((channel) => {
    const value = channel / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio, 1–21: the measure an accessibility reviewer would use for the same pixels. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100;
}

/** HSV saturation, 0–1: a bright orange button is near 1; grey, white and black are 0. */
export function saturation(colour: Rgb): number {
  const max = Math.max(...colour);
  const min = Math.min(...colour);
  return max === 0 ? 0 : Math.round(((max - min) / max) * 100) / 100;
}

/** The most common colour in a box (quantised to 8 levels a channel, then averaged): the background behind text. */
export function dominantColour(image: Pixels, bounds: Bounds, exclude?: Bounds): Rgb {
  const buckets = new Map<number, { count: number; sum: [number, number, number] }>();
  const step = Math.max(1, Math.floor(Math.min(bounds.width, bounds.height) / 24));
  for (let y = Math.floor(bounds.y); y < bounds.y + bounds.height; y += step) {
    for (let x = Math.floor(bounds.x); x < bounds.x + bounds.width; x += step) {
      if (exclude && x >= exclude.x && x < exclude.x + exclude.width && y >= exclude.y && y < exclude.y + exclude.height) continue;
      const colour = pixelAt(image, x, y);
      const key = ((colour[0] >> 5) << 6) | ((colour[1] >> 5) << 3) | (colour[2] >> 5);
      const bucket = buckets.get(key) ?? { count: 0, sum: [0, 0, 0] };
      bucket.count += 1;
      bucket.sum[0] += colour[0];
      bucket.sum[1] += colour[1];
      bucket.sum[2] += colour[2];
      buckets.set(key, bucket);
    }
  }
  const best = [...buckets.values()].sort((a, b) => b.count - a.count)[0];
  if (!best) return pixelAt(image, bounds.x, bounds.y);
  return [best.sum[0] / best.count, best.sum[1] / best.count, best.sum[2] / best.count];
}

/** The colour of the ink in a box: the pixels furthest from its background, averaged. */
export function inkColour(image: Pixels, bounds: Bounds, background: Rgb): Rgb {
  // A big box (a button-sized node) is sampled, not read pixel by pixel.
  const step = Math.max(1, Math.floor(Math.sqrt((bounds.width * bounds.height) / 40_000)));
  const samples: Array<{ colour: Rgb; distance: number }> = [];
  let furthest = 0;
  for (let y = Math.floor(bounds.y); y < bounds.y + bounds.height; y += step) {
    for (let x = Math.floor(bounds.x); x < bounds.x + bounds.width; x += step) {
      const colour = pixelAt(image, x, y);
      const distance = colourDistance(colour, background);
      if (distance > furthest) furthest = distance;
      samples.push({ colour, distance });
    }
  }
  const ink = samples.filter((sample) => sample.distance >= furthest * 0.75);
  if (ink.length === 0 || furthest === 0) return background;
  const sum: [number, number, number] = [0, 0, 0];
  for (const sample of ink) {
    sum[0] += sample.colour[0];
    sum[1] += sample.colour[1];
    sum[2] += sample.colour[2];
  }
  return [sum[0] / ink.length, sum[1] / ink.length, sum[2] / ink.length];
}

/**
 * A crop as black ink on white: pixels far from the crop's background are ink, whatever their
 * colours. Boxes in `blank` (words already read) are left white, so OCR reads only what is new.
 * Written as a greyscale PGM, which tesseract reads as it reads a PNG: it is only ever handed to
 * OCR, and compressing it (as PNG) cost more than reading it.
 */
export function inkOnWhite(image: Pixels, bounds: Bounds, background: Rgb, margin = 16, blank: Bounds[] = []): Buffer {
  const width = Math.round(bounds.width) + margin * 2;
  const height = Math.round(bounds.height) + margin * 2;
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'ascii');
  const out = Buffer.alloc(header.length + width * height, 255);
  header.copy(out);
  const [red, green, blue] = background;
  for (let y = 0; y < bounds.height; y++) {
    const atY = Math.min(image.height - 1, Math.max(0, Math.round(bounds.y) + y));
    for (let x = 0; x < bounds.width; x++) {
      const atX = Math.round(bounds.x) + x;
      const offset = (atY * image.width + Math.min(image.width - 1, Math.max(0, atX))) * 4;
      // colourDistance, inline: this runs once a pixel of every panel and button re-read.
      const ink = Math.max(Math.abs(image.data[offset]! - red), Math.abs(image.data[offset + 1]! - green), Math.abs(image.data[offset + 2]! - blue)) > 80;
      if (!ink || blank.some((box) => atX >= box.x && atX < box.x + box.width && Math.round(bounds.y) + y >= box.y && Math.round(bounds.y) + y < box.y + box.height)) continue;
      out[header.length + (y + margin) * width + (x + margin)] = 0;
    }
  }
  return out;
}

/** A part of a screenshot as its own PNG, for a finding to point at what it was read from. */
export function cropPng(image: Pixels, bounds: Bounds, margin = 12): Buffer {
  const x0 = Math.max(0, Math.floor(bounds.x - margin));
  const y0 = Math.max(0, Math.floor(bounds.y - margin));
  const x1 = Math.min(image.width, Math.ceil(bounds.x + bounds.width + margin));
  const y1 = Math.min(image.height, Math.ceil(bounds.y + bounds.height + margin));
  const out = new PNG({ width: Math.max(1, x1 - x0), height: Math.max(1, y1 - y0) });
  for (let y = y0; y < y1; y++) {
    const from = (y * image.width + x0) * 4;
    Buffer.from(image.data.buffer, image.data.byteOffset + from, (x1 - x0) * 4).copy(out.data, (y - y0) * (x1 - x0) * 4);
  }
  return PNG.sync.write(out);
}
