// UiAutomator2's bounds attribute, "[left,top][right,bottom]", as a rectangle.
export function parseBounds(bounds) {
  const match = /^\[(-?\d+),(-?\d+)\]\[(-?\d+),(-?\d+)\]$/.exec(bounds ?? '');
  if (!match) return undefined;
  const [left, top, right, bottom] = match.slice(1).map(Number);
  return { x: left, y: top, width: right - left, height: bottom - top };
}
