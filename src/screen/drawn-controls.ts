// Check boxes, radio buttons and drop-downs as a game draws them, read from their pixels:
// - a check box is a small square left of its label; ticked when a mark is drawn inside it and
//   it is filled with a colour, not ticked when it is an empty white or grey square;
// - a radio button is a small circle left of its label; chosen when a dot of another colour sits
//   in its middle; the radios stacked in one column are one group, named by the words above it;
// - a drop-down is a box, wider than high, with a chevron at its right end; its value is the
//   words OCR read inside it (the chevron left out), its label the words to its left.
// Each state is read from two signs (shape and colour) and carries a confidence (signs.ts).
import type { Bounds } from '../evidence/schema.ts';
import { colourDistance, dominantColour, hex, pixelAt, saturation, type Pixels, type Rgb } from './pixels.ts';
import type { DrawnChoice, DrawnToggle, OcrLine, OcrWord } from './screen-types.ts';
import { centre, contains, intersectionArea, type Shape } from './shapes.ts';
import { colourSays, readFromSigns } from './signs.ts';
import { labelFor } from './toggles.ts';

/** Channel difference at which a pixel is ink (a tick, a chevron) rather than the fill behind it. */
const inkDistance = 80;

interface Label {
  text: string;
  confidence: number;
  bounds: Bounds;
}

const hasLetters = (word: OcrWord): boolean => /[\p{L}\p{N}]/u.test(word.text);

function joinWords(words: OcrWord[]): Label | undefined {
  if (words.length === 0) return undefined;
  const left = Math.min(...words.map((word) => word.bounds.x));
  const top = Math.min(...words.map((word) => word.bounds.y));
  const right = Math.max(...words.map((word) => word.bounds.x + word.bounds.width));
  const bottom = Math.max(...words.map((word) => word.bounds.y + word.bounds.height));
  return {
    text: words.map((word) => word.text).join(' '),
    confidence: Math.min(...words.map((word) => word.confidence)),
    bounds: { x: left, y: top, width: right - left, height: bottom - top },
  };
}

/**
 * The words right of a small control on its row. OCR often reads the control itself as a glyph
 * ("(®)" for a radio ring): only words that start past the control and hold a letter are the label.
 */
function labelRightOf(box: Bounds, lines: OcrLine[]): Label | undefined {
  const middle = centre(box).y;
  const right = box.x + box.width;
  for (const line of lines) {
    if (Math.abs(centre(line.bounds).y - middle) > Math.max(box.height, line.bounds.height) * 0.6) continue;
    const words = line.words.filter((word) => word.bounds.x >= right - 2 && hasLetters(word));
    if (words.length > 0 && words[0]!.bounds.x - right <= box.width * 2) return joinWords(words);
  }
  return undefined;
}

/** Share of a box's pixels far from the colour that fills it: a tick, a dot, a chevron. */
function inkShare(image: Pixels, box: Bounds, fill: Rgb): { share: number; ink?: Bounds } {
  let total = 0;
  let ink = 0;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let y = Math.round(box.y); y < box.y + box.height; y += 1) {
    for (let x = Math.round(box.x); x < box.x + box.width; x += 1) {
      total += 1;
      if (colourDistance(pixelAt(image, x, y), fill) <= inkDistance) continue;
      ink += 1;
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  const share = total === 0 ? 0 : Math.round((ink / total) * 100) / 100;
  return ink === 0 ? { share } : { share, ink: { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 } };
}

const inset = (box: Bounds, fraction: number): Bounds => {
  const dx = box.width * fraction;
  const dy = box.height * fraction;
  return { x: box.x + dx, y: box.y + dy, width: box.width - dx * 2, height: box.height - dy * 2 };
};

/**
 * How many corners of a small square-bounded shape are empty: a circle leaves the box's corners
 * showing what is behind it (the same colour as just beside it), a square fills them with its
 * border or fill. Sampled on the diagonal at 4% and 9% of the side, inside where a circle ends (15%).
 */
function emptyCorners(image: Pixels, box: Bounds): number {
  const side = box.width;
  const behind = pixelAt(image, Math.round(box.x - side * 0.12), Math.round(box.y + box.height / 2));
  const corners: Array<[number, number, number, number]> = [[box.x, box.y, 1, 1], [box.x + side, box.y, -1, 1], [box.x, box.y + box.height, 1, -1], [box.x + side, box.y + box.height, -1, -1]];
  return corners.filter(([x, y, dx, dy]) => [0.04, 0.09].every((depth) =>
    colourDistance(pixelAt(image, Math.round(x + dx * side * depth), Math.round(y + dy * side * depth)), behind) <= 6)).length;
}

interface SmallControl {
  bounds: Bounds;
  round: boolean;
  label: Label;
}

/** Small square-bounded shapes, the outer one where a ring holds a fill: where check boxes and radios may be. */
export function smallSquareShapes(image: Pixels, shapes: Shape[], exclude: Set<Shape>): Shape[] {
  const smallest = image.width * 0.025;
  const largest = image.width * 0.1;
  const candidates = shapes.filter((shape) => !exclude.has(shape)
    && Math.abs(shape.bounds.width - shape.bounds.height) <= Math.max(shape.bounds.width, shape.bounds.height) * 0.2
    && shape.bounds.width >= smallest && shape.bounds.width <= largest);
  // A control's ring and the fill inside it are two shapes: the outer one is the control.
  return candidates.filter((shape) => !candidates.some((other) => other !== shape && contains(other.bounds, shape.bounds, 3) && other.bounds.width > shape.bounds.width));
}

/** Small square-bounded shapes with words to their right: check boxes (square) and radios (round). */
function smallControls(image: Pixels, shapes: Shape[], lines: OcrLine[], exclude: Set<Shape>): SmallControl[] {
  const controls: SmallControl[] = [];
  for (const shape of smallSquareShapes(image, shapes, exclude)) {
    const label = labelRightOf(shape.bounds, lines);
    if (!label) continue;
    const empty = emptyCorners(image, shape.bounds);
    if (empty === 2) continue; // neither a square nor a circle
    controls.push({ bounds: shape.bounds, round: empty > 2, label });
  }
  return controls;
}

function readCheckbox(image: Pixels, control: SmallControl): DrawnToggle {
  const inner = inset(control.bounds, 0.2);
  const fill = dominantColour(image, inner);
  const { share } = inkShare(image, inner, fill);
  // A tick covers a tenth or more of the inside; an empty box has nothing in it.
  const markSays = share >= 0.06 ? true : share <= 0.01 ? false : null;
  const fillSaturation = saturation(fill);
  const { on, confidence } = readFromSigns(markSays, colourSays(fillSaturation));
  return {
    label: control.label.text,
    kind: 'checkbox',
    on,
    confidence: Math.min(confidence, control.label.confidence),
    bounds: control.bounds,
    evidence: `${markSays === null ? 'unclear mark' : markSays ? 'a mark' : 'no mark'} inside the box (${Math.round(share * 100)}% of it), fill ${hex(fill)} (saturation ${fillSaturation})`,
  };
}

/** A radio's dot: the colour at its middle against the colour between the dot and the ring. */
function readRadio(image: Pixels, control: SmallControl): { chosen: boolean | null; confidence: number; evidence: string } {
  const side = control.bounds.width;
  const { x, y } = centre(control.bounds);
  const middle = dominantColour(image, { x: x - side * 0.1, y: y - side * 0.1, width: side * 0.2, height: side * 0.2 });
  const between = dominantColour(image, { x: x - side * 0.04, y: y - side * 0.32, width: side * 0.08, height: side * 0.06 });
  const difference = colourDistance(middle, between);
  const dotSays = difference > 60 ? true : difference < 25 ? false : null;
  const middleSaturation = saturation(middle);
  const { on, confidence } = readFromSigns(dotSays, colourSays(middleSaturation));
  return {
    chosen: on,
    confidence: Math.min(confidence, control.label.confidence),
    evidence: `${dotSays === null ? 'unclear dot' : dotSays ? 'a dot' : 'no dot'} (middle ${hex(middle)}, saturation ${middleSaturation})`,
  };
}

/** The words just above a radio group, within three radios' height: its question. */
function headingAbove(box: Bounds, lines: OcrLine[], used: Bounds[]): Label | undefined {
  const above = lines
    .filter((line) => line.bounds.y + line.bounds.height <= box.y + 2 && box.y - (line.bounds.y + line.bounds.height) <= box.height * 3
      && !used.some((label) => contains(line.bounds, label, 2)))
    .sort((a, b) => b.bounds.y - a.bounds.y)[0];
  return above && joinWords(above.words.filter(hasLetters));
}

function readRadioGroups(image: Pixels, radios: SmallControl[], lines: OcrLine[]): DrawnChoice[] {
  const sorted = [...radios].sort((a, b) => a.bounds.y - b.bounds.y);
  const groups: SmallControl[][] = [];
  for (const radio of sorted) {
    const group = groups.find((members) => {
      const last = members[members.length - 1]!;
      return Math.abs(last.bounds.x - radio.bounds.x) <= radio.bounds.width * 0.5 && radio.bounds.y - (last.bounds.y + last.bounds.height) <= radio.bounds.height * 3;
    });
    if (group) group.push(radio);
    else groups.push([radio]);
  }
  const labels = radios.map((radio) => radio.label.bounds);
  return groups.map((members) => {
    const readings = members.map((radio) => ({ radio, ...readRadio(image, radio) }));
    const chosen = readings.filter((reading) => reading.chosen === true);
    const allRead = readings.every((reading) => reading.chosen !== null);
    const sure = allRead && chosen.length === 1;
    const left = Math.min(...members.map((radio) => radio.bounds.x));
    const top = members[0]!.bounds.y;
    const right = Math.max(...members.map((radio) => radio.label.bounds.x + radio.label.bounds.width));
    const bottom = Math.max(...members.map((radio) => radio.bounds.y + radio.bounds.height));
    const heading = headingAbove(members[0]!.bounds, lines, labels);
    return {
      label: heading?.text ?? '',
      kind: 'radio' as const,
      value: sure ? chosen[0]!.radio.label.text : null,
      options: members.map((radio) => radio.label.text),
      // A group is read as surely as its least sure radio; none chosen, or two, is not a reading.
      confidence: sure ? Math.min(...readings.map((reading) => reading.confidence), heading?.confidence ?? 1) : 0.3,
      bounds: { x: left, y: top, width: right - left, height: bottom - top },
      evidence: readings.map((reading) => `"${reading.radio.label.text}": ${reading.evidence}`).join('; '),
    };
  });
}

/**
 * Words read twice (by the whole-screen pass and again inside the box) are kept once, as read
 * most surely, in reading order.
 */
function readOnce(words: OcrWord[]): OcrWord[] {
  const kept: OcrWord[] = [];
  for (const word of [...words].sort((a, b) => b.confidence - a.confidence)) {
    const area = word.bounds.width * word.bounds.height;
    if (!kept.some((other) => intersectionArea(other.bounds, word.bounds) >= Math.min(area, other.bounds.width * other.bounds.height) * 0.5)) kept.push(word);
  }
  return kept.sort((a, b) => a.bounds.x - b.bounds.x);
}

/** Boxes with a chevron at their right end, their value the words inside. */
function readDropdowns(image: Pixels, shapes: Shape[], lines: OcrLine[], exclude: Set<Shape>): DrawnChoice[] {
  const dropdowns: DrawnChoice[] = [];
  for (const shape of shapes) {
    const box = shape.bounds;
    if (exclude.has(shape) || box.width < box.height * 2.5 || box.height < image.width * 0.03 || box.height > image.width * 0.15 || shape.fillRatio < 0.6) continue;
    // The chevron sits in the last square of the box, clear of its border.
    const zone = { x: box.x + box.width - box.height, y: box.y + box.height * 0.2, width: box.height * 0.85, height: box.height * 0.6 };
    const { share, ink } = inkShare(image, zone, shape.colour);
    // A chevron lies on its side (wider than high) and is a thin stroke, not a word or a fill.
    const chevron = ink !== undefined && share >= 0.03 && share <= 0.4 && ink.width >= ink.height * 1.3;
    if (!chevron) continue;
    const inside = lines.flatMap((line) => line.words)
      .filter((word) => hasLetters(word) && contains(box, word.bounds, 4) && centre(word.bounds).x < zone.x);
    const value = joinWords(readOnce(inside));
    const label = labelFor(box, lines);
    if (!label) continue;
    dropdowns.push({
      label: label.text,
      kind: 'select',
      value: value?.text ?? null,
      confidence: value ? Math.min(0.95, value.confidence, label.confidence) : 0.3,
      bounds: box,
      evidence: `a box with a chevron at its right end (${Math.round(share * 100)}% ink), ${value ? `showing "${value.text}"` : 'with no words read inside'}`,
    });
  }
  return dropdowns;
}

/** Check boxes (as toggles) and radio groups and drop-downs (as choices) drawn on the screen. */
export function readDrawnControls(image: Pixels, shapes: Shape[], lines: OcrLine[], toggleParts: Set<Shape>): { checkboxes: DrawnToggle[]; choices: DrawnChoice[] } {
  const small = smallControls(image, shapes, lines, toggleParts);
  return {
    checkboxes: small.filter((control) => !control.round).map((control) => readCheckbox(image, control)),
    choices: [...readRadioGroups(image, small.filter((control) => control.round), lines), ...readDropdowns(image, shapes, lines, toggleParts)],
  };
}
