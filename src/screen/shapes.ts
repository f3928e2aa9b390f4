// Shapes drawn on a screen: regions of one colour that stand apart from what is around them.
// A button drawn by an engine is such a region with words inside; a switch is a small rounded
// track; a dialog is a large panel. Found by flood fill on a coarse grid, which is enough for
// shapes a finger can tap (a grid cell is a few pixels; a button is hundreds).
import type { Bounds } from '../evidence/schema.ts';
import { colourDistance, pixelAt, type Pixels, type Rgb } from './pixels.ts';

export interface Shape {
  bounds: Bounds;
  colour: Rgb;
  /** Share of the box the colour fills: text and a knob leave holes, a star leaves corners. */
  fillRatio: number;
}

/** Cells per side of the grid: a 1080-pixel-wide phone screenshot is read every 3 pixels. */
const gridStep = 3;
/** Channel difference within which neighbouring cells are the same fill (anti-aliased edges are not). */
const sameFill = 18;

/** Every region of one colour at least `minSide` pixels wide and high, apart from the screen's own background. */
export function findShapes(image: Pixels, minSide = 24): Shape[] {
  const columns = Math.floor(image.width / gridStep);
  const rows = Math.floor(image.height / gridStep);
  const seen = new Uint8Array(columns * rows);
  const shapes: Shape[] = [];
  const stack: number[] = [];
  for (let start = 0; start < columns * rows; start++) {
    if (seen[start]) continue;
    const seed = pixelAt(image, (start % columns) * gridStep, Math.floor(start / columns) * gridStep);
    let count = 0;
    const sum: [number, number, number] = [0, 0, 0];
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    stack.push(start);
    seen[start] = 1;
    while (stack.length > 0) {
      const cell = stack.pop()!;
      const column = cell % columns;
      const row = (cell - column) / columns;
      count += 1;
      const colour = pixelAt(image, column * gridStep, row * gridStep);
      sum[0] += colour[0];
      sum[1] += colour[1];
      sum[2] += colour[2];
      if (column < minX) minX = column;
      if (column > maxX) maxX = column;
      if (row < minY) minY = row;
      if (row > maxY) maxY = row;
      const neighbours = [column > 0 ? cell - 1 : -1, column < columns - 1 ? cell + 1 : -1, row > 0 ? cell - columns : -1, row < rows - 1 ? cell + columns : -1];
      for (const next of neighbours) {
        if (next < 0 || seen[next]) continue;
        if (colourDistance(pixelAt(image, (next % columns) * gridStep, Math.floor(next / columns) * gridStep), seed) > sameFill) continue;
        seen[next] = 1;
        stack.push(next);
      }
    }
    const bounds = { x: minX * gridStep, y: minY * gridStep, width: (maxX - minX + 1) * gridStep, height: (maxY - minY + 1) * gridStep };
    if (bounds.width < minSide || bounds.height < minSide) continue;
    // The screen's own background is not a shape on it.
    if (bounds.width >= image.width * 0.95 && bounds.height >= image.height * 0.95) continue;
    // The average of the region, not the seed: a rounded shape's first cell is an anti-aliased corner.
    const colour: Rgb = [Math.round(sum[0] / count), Math.round(sum[1] / count), Math.round(sum[2] / count)];
    shapes.push({ bounds, colour, fillRatio: Math.round((count / ((maxX - minX + 1) * (maxY - minY + 1))) * 100) / 100 });
  }
  return shapes;
}

export const contains = (outer: Bounds, inner: Bounds, slack = 0): boolean =>
  inner.x >= outer.x - slack && inner.y >= outer.y - slack && inner.x + inner.width <= outer.x + outer.width + slack && inner.y + inner.height <= outer.y + outer.height + slack;

export const centre = (bounds: Bounds): { x: number; y: number } => ({ x: bounds.x + bounds.width / 2, y: bounds.y + bounds.height / 2 });

/** The area two boxes share (0 when apart). */
export function intersectionArea(a: Bounds, b: Bounds): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}
