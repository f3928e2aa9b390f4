// The state of a switch drawn beside a label, from its pixels: which side the knob is on and
// whether the track is filled with a colour (on) or grey (off). Each sign is read on its own;
// when they agree the reading is sure, when one is missing or they disagree it is not, and a
// reading below the plan's confidence is reported as unknown rather than guessed.
import type { Bounds } from '../evidence/schema.ts';
import type { DrawnToggle, OcrLine } from './screen-types.ts';
import { saturation, hex } from './pixels.ts';
import { centre, contains, type Shape } from './shapes.ts';
import { colourSays, readFromSigns } from './signs.ts';

/** A track is a rounded bar about twice as wide as high. */
const isTrackShaped = (bounds: Bounds): boolean => bounds.width >= bounds.height * 1.4 && bounds.width <= bounds.height * 2.8;


export interface ToggleShape {
  track: Shape;
  knob: Shape;
}

/** Switches on the screen: a track-shaped region with a round knob of another colour inside it. */
export function findToggleShapes(shapes: Shape[]): ToggleShape[] {
  const toggles: ToggleShape[] = [];
  for (const track of shapes) {
    if (!isTrackShaped(track.bounds)) continue;
    const knob = shapes.find((inner) => inner !== track && contains(track.bounds, inner.bounds, 3)
      && inner.bounds.height >= track.bounds.height * 0.55 && Math.abs(inner.bounds.width - inner.bounds.height) <= inner.bounds.height * 0.25);
    if (knob) toggles.push({ track, knob });
  }
  return toggles;
}

/** The label a switch (or a drop-down) belongs to: the nearest line of words to its left on the same row. */
export function labelFor(track: Bounds, lines: OcrLine[]): OcrLine | undefined {
  const middle = centre(track).y;
  return lines
    .filter((line) => line.bounds.x + line.bounds.width <= track.x && Math.abs(centre(line.bounds).y - middle) <= Math.max(track.height, line.bounds.height))
    .sort((a, b) => track.x - (a.bounds.x + a.bounds.width) - (track.x - (b.bounds.x + b.bounds.width)))[0];
}

export function readToggles(shapes: Shape[], lines: OcrLine[]): DrawnToggle[] {
  const toggles: DrawnToggle[] = [];
  for (const { track, knob } of findToggleShapes(shapes)) {
    const label = labelFor(track.bounds, lines);
    if (!label) continue;
    const offset = (centre(knob.bounds).x - centre(track.bounds).x) / (track.bounds.width / 2);
    // A knob within a fifth of the middle is on neither side.
    const knobSays = offset > 0.2 ? true : offset < -0.2 ? false : null;
    const trackSaturation = saturation(track.colour);
    const { on, confidence } = readFromSigns(knobSays, colourSays(trackSaturation));
    toggles.push({
      label: label.text,
      kind: 'switch',
      on,
      confidence: Math.min(confidence, label.confidence),
      bounds: track.bounds,
      evidence: `knob ${knobSays === null ? 'in the middle' : knobSays ? 'on the right' : 'on the left'}, track ${hex(track.colour)} (saturation ${trackSaturation})`,
    });
  }
  return toggles;
}
