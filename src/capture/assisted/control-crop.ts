// Cuts one control out of a screenshot, so the investigator (and later the report's reader) sees
// exactly what the reading was taken from. Page-source bounds are in the device's pixels; a
// screenshot of another size is scaled to them.
import { PNG } from 'pngjs';
import type { Bounds } from '../../evidence/schema.ts';

/** Room around the control, in screenshot pixels, so its label beside it shows too. */
const margin = 24;

export function cropControl(png: Uint8Array, bounds: Bounds, screenWidth?: number): Buffer | undefined {
  let image: PNG;
  try {
    image = PNG.sync.read(Buffer.from(png));
  } catch {
    return undefined;
  }
  const scale = screenWidth ? image.width / screenWidth : 1;
  const left = Math.max(0, Math.floor(bounds.x * scale) - margin);
  const top = Math.max(0, Math.floor(bounds.y * scale) - margin);
  const right = Math.min(image.width, Math.ceil((bounds.x + bounds.width) * scale) + margin);
  const bottom = Math.min(image.height, Math.ceil((bounds.y + bounds.height) * scale) + margin);
  if (right <= left || bottom <= top) return undefined;
  const crop = new PNG({ width: right - left, height: bottom - top });
  PNG.bitblt(image, crop, left, top, right - left, bottom - top, 0, 0);
  return PNG.sync.write(crop);
}
