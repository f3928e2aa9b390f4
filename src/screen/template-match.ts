// Finds a small picture (a recipe's `{ image: templates/gear.png }`) on a screenshot: the place
// where the screenshot's grey levels differ least from the template's. Both are shrunk first so
// the template is about 24 pixels wide, which is enough to tell a gear from a star and keeps a
// whole phone screenshot to a few million comparisons. The template is expected at the
// screenshot's own scale (cut from a screenshot of the same device).
import type { Bounds } from '../evidence/schema.ts';
import type { Pixels } from './pixels.ts';

export interface TemplateMatch {
  bounds: Bounds;
  /** 1 − the mean grey-level difference (0–1): 1 is identical, 0.9 is close. */
  score: number;
}

function shrunkGrey(image: Pixels, factor: number): { width: number; height: number; grey: Float32Array } {
  const width = Math.max(1, Math.floor(image.width / factor));
  const height = Math.max(1, Math.floor(image.height / factor));
  const grey = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      let count = 0;
      for (let dy = 0; dy < factor; dy++) {
        for (let dx = 0; dx < factor; dx++) {
          const offset = ((y * factor + dy) * image.width + (x * factor + dx)) * 4;
          sum += 0.299 * image.data[offset]! + 0.587 * image.data[offset + 1]! + 0.114 * image.data[offset + 2]!;
          count += 1;
        }
      }
      grey[y * width + x] = sum / count;
    }
  }
  return { width, height, grey };
}

/** The best place for the template on the screenshot, or undefined when none scores `threshold` or more. */
export function matchTemplate(screen: Pixels, template: Pixels, threshold: number): TemplateMatch | undefined {
  const factor = Math.max(1, Math.floor(template.width / 24));
  const big = shrunkGrey(screen, factor);
  const small = shrunkGrey(template, factor);
  let best: { x: number; y: number; difference: number } | undefined;
  for (let y = 0; y + small.height <= big.height; y++) {
    for (let x = 0; x + small.width <= big.width; x++) {
      let difference = 0;
      const limit = best ? best.difference : Infinity;
      for (let row = 0; row < small.height && difference < limit; row++) {
        for (let column = 0; column < small.width; column++) {
          difference += Math.abs(big.grey[(y + row) * big.width + x + column]! - small.grey[row * small.width + column]!);
        }
      }
      if (!best || difference < best.difference) best = { x, y, difference };
    }
  }
  if (!best) return undefined;
  const score = Math.round((1 - best.difference / (small.width * small.height * 255)) * 1000) / 1000;
  if (score < threshold) return undefined;
  return { bounds: { x: best.x * factor, y: best.y * factor, width: template.width, height: template.height }, score };
}
