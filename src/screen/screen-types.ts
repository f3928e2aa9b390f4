// The screen model's types: one shape for a DOM, a page source and a canvas, so the finders
// (consent, buttons, age gate, privacy links, settings) read every backend the same way.
import type { Bounds } from '../evidence/schema.ts';

export interface OcrWord {
  text: string;
  /** tesseract's confidence in the word, 0–1. */
  confidence: number;
  /** Screenshot pixels. */
  bounds: Bounds;
}

export interface OcrLine {
  text: string;
  /** The least sure word's confidence: a line is only as readable as its worst word. */
  confidence: number;
  bounds: Bounds;
  words: OcrWord[];
}

/** What OCR read on one screenshot: stored beside it in the bundle as `<name>.ocr.json`. */
export interface OcrReading {
  engine: string;
  lines: OcrLine[];
}

/** How a choice stands out, from its pixels. */
export interface Prominence {
  /** Share of the screenshot the choice's shape (or, without one, its words) covers, 0–1. */
  areaShare: number;
  /** WCAG contrast ratio of the text against what is directly behind it (1–21). */
  textContrast: number;
  /** WCAG contrast ratio of the shape's fill against the panel around it (1 without a shape). */
  shapeContrast: number;
  /** The shape's fill (or, without one, the text's colour) as #rrggbb. */
  colour: string;
  /** HSV saturation of that colour, 0–1: a bright orange is near 1, grey text near 0. */
  saturation: number;
  /** Text height in screenshot pixels: small print is small. */
  textHeight: number;
}

export interface ScreenElement {
  text: string;
  /** Screenshot pixels. */
  bounds: Bounds;
  /** Where the element was read: an accessibility node (DOM, UiAutomator2, XCUITest) or OCR on the pixels. */
  source: 'accessibility' | 'ocr';
  /** How sure the reading is, 0–1 (accessibility nodes are 1: the text is given, not read). */
  confidence: number;
  /** A filled or outlined shape around the text (a button as drawn), with its box. */
  shape?: { kind: 'filled' | 'outlined'; bounds: Bounds };
  prominence?: Prominence;
  /** Accessibility nodes only: what the tree says the node is (button, link, android.widget.Switch, …). */
  role?: string;
  /** Accessibility nodes only: the node's locator (resource id, CSS path). */
  locator?: string;
}

/** A switch or checkbox as drawn beside a label. */
export interface DrawnToggle {
  label: string;
  kind: 'switch' | 'checkbox';
  /** null when the pixels do not tell (the reading's confidence is below what counts). */
  on: boolean | null;
  confidence: number;
  bounds: Bounds;
  /** What showed the state: the knob's side and the track's fill. */
  evidence: string;
}

/** A setting whose value is words: a radio group (the chosen option's label) or a drop-down (the words shown in it). */
export interface DrawnChoice {
  /** The question above a radio group, the words left of a drop-down ('' when none was read). */
  label: string;
  kind: 'radio' | 'select';
  /** null when the pixels do not tell (no option, or two, read as chosen; no words read in the box). */
  value: string | null;
  /** A radio group's options as read; a closed drop-down shows only its value. */
  options?: string[];
  confidence: number;
  bounds: Bounds;
  /** What showed the value: each radio's dot, the drop-down's chevron. */
  evidence: string;
}

export interface ScreenModel {
  width: number;
  height: number;
  elements: ScreenElement[];
  /** Switches and check boxes. */
  toggles: DrawnToggle[];
  /** Radio groups and drop-downs (absent on models made before they were read). */
  choices?: DrawnChoice[];
  /** Large one-colour panels a dialog is drawn on, in screenshot pixels (absent on older models). */
  panels?: Bounds[];
  /** The OCR reading it was built from (stored beside the screenshot). */
  ocr?: OcrReading;
}
