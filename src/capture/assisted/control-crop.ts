// Cuts one control's row out of a screenshot, so the investigator (and later the report's reader)
// sees exactly what the reading was taken from: the whole width, because a control's label sits
// beside it in the same row. Page-source bounds are in the device's pixels; a screenshot of
// another size is scaled to them.
import { PNG } from 'pngjs';
import type { Bounds } from '../../evidence/schema.ts';

/** Room above and below the control, in screenshot pixels, for a label set a little higher or lower. */
const margin = 24;

export function cropControl(png: Uint8Array, bounds: Bounds, screenWidth?: number): Buffer | undefined {
  let image: PNG;
  try {
    image = PNG.sync.read(Buffer.from(png));
  } catch {
    return undefined;
  }
  const scale = screenWidth ? image.width / screenWidth : 1;
  const left = 0;
  const right = image.width;
  const top = Math.max(0, Math.floor(bounds.y * scale) - margin);
  const bottom = Math.min(image.height, Math.ceil((bounds.y + bounds.height) * scale) + margin);
  if (right <= left || bottom <= top) return undefined;
  const crop = new PNG({ width: right - left, height: bottom - top });
  PNG.bitblt(image, crop, left, top, right - left, bottom - top, 0, 0);
  return PNG.sync.write(crop);
}
