// How prominent a choice is, from its pixels: the area its shape covers, the contrast of its text
// and of its shape against what is around it, and its colour. The ICO's own example of a nudge
// is a bright "yes" against a small-print "no": these are the measures that show it.
import type { Bounds } from '../evidence/schema.ts';
import type { Prominence } from './screen-types.ts';
import { contrastRatio, dominantColour, hex, inkColour, saturation, type Pixels } from './pixels.ts';

/** A ring a few pixels outside a box: what a shape stands against. */
function around(bounds: Bounds, image: Pixels): Bounds {
  const margin = Math.max(6, Math.round(bounds.height * 0.25));
  return { x: Math.max(0, bounds.x - margin), y: Math.max(0, bounds.y - margin), width: Math.min(image.width, bounds.width + margin * 2), height: Math.min(image.height, bounds.height + margin * 2) };
}

export function measureProminence(image: Pixels, text: Bounds, shape: { bounds: Bounds } | undefined): Prominence {
  const screenArea = image.width * image.height;
  const background = dominantColour(image, text);
  const ink = inkColour(image, text, background);
  if (!shape) {
    return {
      areaShare: Math.round((text.width * text.height / screenArea) * 10_000) / 10_000,
      textContrast: contrastRatio(ink, background),
      shapeContrast: 1,
      colour: hex(ink),
      saturation: saturation(ink),
      textHeight: Math.round(text.height),
    };
  }
  const fill = dominantColour(image, shape.bounds);
  const outside = dominantColour(image, around(shape.bounds, image), shape.bounds);
  return {
    areaShare: Math.round((shape.bounds.width * shape.bounds.height / screenArea) * 10_000) / 10_000,
    textContrast: contrastRatio(ink, fill),
    shapeContrast: contrastRatio(fill, outside),
    colour: hex(fill),
    saturation: saturation(fill),
    textHeight: Math.round(text.height),
  };
}
