// Tells whether the phone shows another screen than at the last screenshot, so the assisted
// capture keeps one screenshot per screen rather than one a second. Two screenshots are compared
// on a coarse grid of grey levels: a blinking cursor, a clock ticking or PNG re-encoding changes
// few cells; a new menu, dialog or level changes many.
import { PNG } from 'pngjs';

export interface ScreenSignature {
  bytes: Buffer;
  cells: number[];
}

const gridColumns = 24;
const gridRows = 48;
/** A cell counts as changed when its mean grey level moved by more than this (of 255). */
const cellThreshold = 12;
/** The screen counts as changed when more than this share of cells did (3 %, about 35 of 1,152 cells: far more than a cursor, a clock or a pressed button, less than a dialog). */
const changedShare = 0.03;

export function screenSignature(png: Uint8Array): ScreenSignature {
  const bytes = Buffer.from(png);
  const image = PNG.sync.read(bytes);
  const sums = new Array<number>(gridColumns * gridRows).fill(0);
  const counts = new Array<number>(gridColumns * gridRows).fill(0);
  // Every 4th pixel in each direction is plenty for a grid this coarse.
  for (let y = 0; y < image.height; y += 4) {
    const row = Math.min(gridRows - 1, Math.floor((y / image.height) * gridRows));
    for (let x = 0; x < image.width; x += 4) {
      const column = Math.min(gridColumns - 1, Math.floor((x / image.width) * gridColumns));
      const offset = (y * image.width + x) * 4;
      const grey = 0.299 * image.data[offset]! + 0.587 * image.data[offset + 1]! + 0.114 * image.data[offset + 2]!;
      sums[row * gridColumns + column]! += grey;
      counts[row * gridColumns + column]! += 1;
    }
  }
  return { bytes, cells: sums.map((sum, cell) => (counts[cell] ? sum / counts[cell]! : 0)) };
}

export function screenChanged(before: ScreenSignature | undefined, after: ScreenSignature): boolean {
  if (!before) return true;
  if (before.bytes.equals(after.bytes)) return false;
  const changed = after.cells.filter((grey, cell) => Math.abs(grey - before.cells[cell]!) > cellThreshold).length;
  return changed > after.cells.length * changedShare;
}
