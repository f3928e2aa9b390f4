// How sure a drawn control's reading is, from two signs read on their own (a switch's knob side
// and its track's fill; a check box's tick and its fill; a radio's dot and its colour). When they
// agree the reading is sure; one sign alone is a guess a plan may refuse; none, or a
// disagreement, is not read at all.
export interface SignedReading {
  on: boolean | null;
  confidence: number;
}

/** Agreeing signs: 0.95. The shape's sign alone (a themed control may use any colour): 0.6. Otherwise unknown: 0.3. */
export function readFromSigns(shapeSays: boolean | null, colourSays: boolean | null): SignedReading {
  if (shapeSays !== null && shapeSays === colourSays) return { on: shapeSays, confidence: 0.95 };
  if (shapeSays !== null && colourSays === null) return { on: shapeSays, confidence: 0.6 };
  return { on: null, confidence: 0.3 };
}

/** Saturated enough to be a fill rather than grey: Material's and iOS's greens and blues are well above. */
export const filledSaturation = 0.35;
/** At or below this a colour is grey, white or black. */
export const greySaturation = 0.15;

export const colourSays = (saturation: number): boolean | null => (saturation >= filledSaturation ? true : saturation <= greySaturation ? false : null);
