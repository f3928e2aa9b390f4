// One screen model for every backend: the accessibility nodes a DOM or page source gives (where
// there are any) merged with what OCR and the pixel readers find on the screenshot. A node's text
// is given, so it is kept; OCR adds what no node names (everything, on a canvas or a Unity
// surface). Each element says where it came from and how sure the reading is.
import type { Bounds } from '../evidence/schema.ts';
import { ocrEngine, readLines } from './ocr.ts';
import { decodePng, dominantColour, inkOnWhite, type Pixels } from './pixels.ts';
import { measureProminence } from './prominence.ts';
import type { OcrLine, ScreenElement, ScreenModel } from './screen-types.ts';
import { contains, findShapes, intersectionArea, type Shape } from './shapes.ts';
import { findToggleShapes, readToggles } from './toggles.ts';
import { readDrawnControls, smallSquareShapes } from './drawn-controls.ts';


/** An element the backend's own tree names, in screenshot pixels. */
export interface AccessibilityNode {
  text: string;
  bounds: Bounds;
  /** What the tree says the node is: button, link, checkbox, android.widget.Switch, text, … */
  role?: string;
  locator?: string;
}

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

const overlaps = (a: Bounds, b: Bounds): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** A node over a quarter of the screen is a container (a WebView, a Unity surface, a dialog), not words. */
const containerShare = 0.25;

/**
 * Whether a node already names the words OCR read there: it is not a container, and it says the
 * same words or holds the line (OCR's misreading of small print inside a text node is that node's
 * text read badly). What is drawn on a container (a Unity surface described "Game view", a
 * WebView titled by its page) is read from the pixels.
 */
function namesLine(node: ScreenElement, line: OcrLine, screenArea: number): boolean {
  if (!overlaps(node.bounds, line.bounds) || node.bounds.width * node.bounds.height > screenArea * containerShare) return false;
  const said = new Set(words(node.text));
  const read = words(line.text);
  if (read.length > 0 && read.filter((word) => said.has(word)).length >= read.length / 2) return true;
  return intersectionArea(node.bounds, line.bounds) >= line.bounds.width * line.bounds.height * 0.6;
}

/**
 * Shapes a button is drawn as: a region of one colour, wider than high, small beside the screen
 * (a dialog's panel is a shape too, but holds many lines), and solid apart from its words.
 */
function buttonShapes(image: Pixels, shapes: Shape[], toggleParts: Set<Shape>): Shape[] {
  const screenArea = image.width * image.height;
  return shapes.filter((shape) => !toggleParts.has(shape) && shape.fillRatio >= 0.75
    && shape.bounds.width >= shape.bounds.height * 1.5 && shape.bounds.width * shape.bounds.height <= screenArea * 0.12
    && shape.bounds.height >= image.width * 0.06);
}

/**
 * Panels a dialog is drawn on: a large region of one colour holding the dialog's words. Small
 * print on them (grey "No thanks" on white) can fall on the light side of tesseract's one global
 * threshold, so each panel is read again on its own.
 */
function panelShapes(image: Pixels, shapes: Shape[]): Shape[] {
  const screenArea = image.width * image.height;
  return shapes.filter((shape) => shape.fillRatio >= 0.6 && shape.bounds.width * shape.bounds.height > screenArea * 0.12);
}

/**
 * Reads the words inside a drawn button that the whole-screen pass missed: light words on a
 * bright or dark fill fall through tesseract's one global threshold, so the crop is redrawn as
 * black ink (anything far from the fill) on white first.
 */
async function readInsideShape(image: Pixels, shape: Shape, alreadyRead: Bounds[] = []): Promise<OcrLine[]> {
  // A panel's rounded corners are its background's colour: a fixed inset keeps them out.
  const inset = Math.round(Math.min(shape.bounds.height * 0.12, 40));
  return readBoxAlone(image, { x: shape.bounds.x + inset, y: shape.bounds.y + inset, width: shape.bounds.width - inset * 2, height: shape.bounds.height - inset * 2 }, alreadyRead);
}

/** A box of the screenshot read on its own, redrawn as black ink on white, its lines in screenshot pixels. */
function readBoxAlone(image: Pixels, box: Bounds, alreadyRead: Bounds[] = []): Promise<OcrLine[]> {
  const margin = 16;
  return readLines(inkOnWhite(image, box, dominantColour(image, box), margin, alreadyRead), { x: box.x - margin, y: box.y - margin });
}

/**
 * OCR reads a radio's ring or a check box drawn just left of its label as a glyph in the label's
 * line ("(®) Everyone"), and the glyph drags the words' confidence down with it: two renderings of
 * the same demo screen that differ only in anti-aliasing read "Everyone" at 0.79 and at 0.95,
 * either side of the plan's threshold. Such a line is read again without the control, and the
 * clean reading replaces it.
 */
async function rereadLabelsBesideControls(image: Pixels, shapes: Shape[], lines: OcrLine[], exclude: Set<Shape>): Promise<void> {
  for (const control of smallSquareShapes(image, shapes, exclude)) {
    const right = control.bounds.x + control.bounds.width;
    // A word lying on the control (its glyph, ending about where the control ends) and words past it:
    // a letter that happens to be square ("Y" of "Your") lies inside a word that goes on past it.
    const glyphOnControl = (word: OcrLine['words'][number]): boolean => overlaps(word.bounds, control.bounds) && word.bounds.x + word.bounds.width <= right + control.bounds.width * 0.25;
    const index = lines.findIndex((line) => line.words.some(glyphOnControl) && line.words.some((word) => word.bounds.x >= right - 2));
    if (index < 0) continue;
    const line = lines[index]!;
    const top = Math.min(line.bounds.y, control.bounds.y);
    const bottom = Math.max(line.bounds.y + line.bounds.height, control.bounds.y + control.bounds.height);
    const label = { x: right + 2, y: top, width: line.bounds.x + line.bounds.width - right - 2, height: bottom - top };
    if (label.width <= 0) continue;
    const again = await readBoxAlone(image, label);
    // One line, as the label is: anything else is not a cleaner reading of the same words.
    if (again.length === 1) lines[index] = again[0]!;
  }
}

/**
 * The screen as a child sees it: OCR lines, drawn buttons (with their shape), switches (with
 * their state and confidence) and the backend's accessibility nodes, in screenshot pixels.
 */
export async function readScreen(png: Uint8Array, accessibilityNodes: AccessibilityNode[] = []): Promise<ScreenModel> {
  const image = decodePng(png);
  const shapes = findShapes(image, Math.round(image.width * 0.04));
  const lines = await readLines(png);
  const toggleParts = new Set(findToggleShapes(shapes).flatMap((toggle) => [toggle.track, toggle.knob]));
  const buttons = buttonShapes(image, shapes, toggleParts);
  for (const shape of buttons) {
    if (lines.some((line) => contains(shape.bounds, line.bounds, 4))) continue;
    lines.push(...(await readInsideShape(image, shape)).filter((line) => line.text.length > 1));
  }
  const panels = panelShapes(image, shapes);
  for (const panel of panels) {
    // What is already read (lines, and the buttons read on their own) is left blank: OCR reads only what is new.
    const again = await readInsideShape(image, panel, [...lines.map((line) => line.bounds), ...buttons.map((button) => button.bounds)]);
    // Only what the whole-screen pass missed: a line read twice is kept once, as first read.
    lines.push(...again.filter((line) => line.text.length > 1 && !lines.some((known) => overlaps(known.bounds, line.bounds))));
  }
  await rereadLabelsBesideControls(image, shapes, lines, toggleParts);
  lines.sort((a, b) => a.bounds.y - b.bounds.y || a.bounds.x - b.bounds.x);

  const elements: ScreenElement[] = accessibilityNodes
    .filter((node) => node.text.trim() !== '')
    .map((node) => ({
      text: node.text,
      bounds: node.bounds,
      source: 'accessibility' as const,
      confidence: 1,
      ...(node.role ? { role: node.role } : {}),
      ...(node.locator ? { locator: node.locator } : {}),
    }));
  for (const line of lines) {
    // A node already names these words: the tree's text is given, OCR's is read.
    if (elements.some((element) => element.source === 'accessibility' && namesLine(element, line, image.width * image.height))) continue;
    const shape = buttons.find((candidate) => contains(candidate.bounds, line.bounds, 4));
    elements.push({
      text: line.text,
      bounds: line.bounds,
      source: 'ocr',
      confidence: line.confidence,
      ...(shape ? { shape: { kind: 'filled' as const, bounds: shape.bounds } } : {}),
    });
  }
  for (const element of elements) {
    const shape = element.shape ?? buttons.find((candidate) => contains(candidate.bounds, element.bounds, 4));
    if (shape && !element.shape) element.shape = { kind: 'filled', bounds: shape.bounds };
    element.prominence = measureProminence(image, element.bounds, element.shape);
  }
  const { checkboxes, choices } = readDrawnControls(image, shapes, lines, toggleParts);
  return {
    width: image.width,
    height: image.height,
    elements,
    toggles: [...readToggles(shapes, lines), ...checkboxes],
    choices,
    panels: panels.map((panel) => panel.bounds),
    ocr: { engine: ocrEngine, lines },
  };
}
