// The finders that read a screen model: the consent dialog, its buttons' roles, the settings
// entry, a recipe's `{ screenText }` target and the privacy links. They read elements whatever
// their source (accessibility node or OCR), so a DOM, a page source and a canvas are read alike.
import type { Bounds } from '../evidence/schema.ts';
import { buttonRole, normaliseButtonText, type ButtonRole } from '../capture/button-role.ts';
import type { DrawnChoice, DrawnToggle, ScreenElement, ScreenModel } from './screen-types.ts';
import { centre } from './shapes.ts';

/** Words that make a panel a privacy or consent dialog (as the DOM discovery reads them). */
const privacyWords = /cookie|privacy|consent|personal data|your data|partners|personalis|personaliz|\bads\b|advert|tracking/i;
/** A choice is a few words; a sentence of the dialog's text is not a button. */
const choiceWords = 5;

export interface ScreenChoice {
  element: ScreenElement;
  role: ButtonRole;
}

export interface ConsentOnScreen {
  text: string;
  bounds: Bounds;
  choices: ScreenChoice[];
  /** Words the dialog may hold that OCR read too unsurely to count (for the investigator). */
  unsure: ScreenElement[];
}

const union = (boxes: Bounds[]): Bounds => {
  const x = Math.min(...boxes.map((box) => box.x));
  const y = Math.min(...boxes.map((box) => box.y));
  return { x, y, width: Math.max(...boxes.map((box) => box.x + box.width)) - x, height: Math.max(...boxes.map((box) => box.y + box.height)) - y };
};


/** Whether the centre of `inner` lies within `outer`. */
function holds(outer: Bounds, inner: Bounds): boolean {
  const x = inner.x + inner.width / 2;
  const y = inner.y + inner.height / 2;
  return x >= outer.x && x <= outer.x + outer.width && y >= outer.y && y <= outer.y + outer.height;
}

/** A privacy or consent dialog on the screen, with its choices and their roles; undefined when none is read. */
export function consentOnScreen(model: ScreenModel, minConfidence: number): ConsentOnScreen | undefined {
  const sure = model.elements.filter((element) => element.confidence >= minConfidence);
  const privacyText = sure.find((element) => privacyWords.test(element.text));
  if (!privacyText) return undefined;
  // The dialog's own panel, where one is drawn around its words: a button elsewhere on the screen
  // (the game's gear above a modal) is not one of the dialog's choices.
  const panel = model.panels?.find((bounds) => holds(bounds, privacyText.bounds));
  const screenArea = model.width * model.height;
  const choices = sure
    .filter((element) => element.text.split(/\s+/).length <= choiceWords)
    // A node over a quarter of the screen (a WebView's title, a Unity surface) is a container, not a choice.
    .filter((element) => element.bounds.width * element.bounds.height <= screenArea * 0.25)
    .filter((element) => !panel || holds(panel, element.bounds))
    .map((element) => ({ element, role: buttonRole(element.text) }))
    // Bare words that name no choice (a heading) are not buttons; words drawn on a shape are.
    .filter((choice) => choice.role !== 'other' || choice.element.shape);
  if (!choices.some((choice) => choice.role !== 'link')) return undefined;
  const unsure = model.elements.filter((element) => element.confidence < minConfidence && element.text.length > 2);
  return { text: sure.map((element) => element.text).join('\n'), bounds: union(sure.map((element) => element.bounds)), choices, unsure };
}

const squash = (text: string): string => normaliseButtonText(text).replace(/\s+/g, ' ');

/**
 * The element a `{ screenText, near }` locator names: the words as read (case and spacing do not
 * matter), whole or as the start of a longer line, nearest the `near` words when several match.
 */
export function findScreenText(model: ScreenModel, text: string, near: string | undefined, minConfidence: number): ScreenElement | undefined {
  const wanted = squash(text);
  const candidates = model.elements
    .filter((element) => element.confidence >= minConfidence)
    .filter((element) => squash(element.text) === wanted || squash(element.text).startsWith(`${wanted} `));
  if (candidates.length <= 1 || !near) return candidates[0];
  const anchor = findScreenText(model, near, undefined, minConfidence);
  if (!anchor) return candidates[0];
  const to = centre(anchor.bounds);
  const distance = (element: ScreenElement): number => Math.hypot(centre(element.bounds).x - to.x, centre(element.bounds).y - to.y);
  return [...candidates].sort((a, b) => distance(a) - distance(b))[0];
}

/** Words that open a game's settings when it has no recipe: the first screens are searched for them. */
const settingsEntryWords = /^(settings|options|privacy|privacy settings|⚙)$/;

export function settingsEntryOnScreen(model: ScreenModel, minConfidence: number): ScreenElement | undefined {
  return model.elements.find((element) => element.confidence >= minConfidence && settingsEntryWords.test(squash(element.text)));
}

/** The switch drawn beside a label (the recipe's `{ screenText }` target of a control). */
export function toggleBeside(model: ScreenModel, label: string): DrawnToggle | undefined {
  const wanted = squash(label);
  return model.toggles.find((toggle) => squash(toggle.label) === wanted || squash(toggle.label).startsWith(wanted));
}

/**
 * The radio group or drop-down a recipe names: by the words of its question or label, or (a
 * radio group) by any of its options' words.
 */
export function choiceFor(model: ScreenModel, kind: DrawnChoice['kind'], label: string): DrawnChoice | undefined {
  const wanted = squash(label);
  const says = (text: string): boolean => squash(text) === wanted || squash(text).startsWith(wanted);
  const choices = (model.choices ?? []).filter((choice) => choice.kind === kind);
  return choices.find((choice) => says(choice.label)) ?? choices.find((choice) => (choice.options ?? []).some(says));
}

/** Whether a point (screenshot pixels) falls on a choice that answers consent or opens privacy controls. */
export function onPrivacyChoice(model: ScreenModel, point: { x: number; y: number }): ScreenElement | undefined {
  const inside = (box: Bounds): boolean => point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height;
  const consent = consentOnScreen(model, 0);
  if (consent && inside(consent.bounds)) return consent.choices[0]?.element;
  return model.elements.find((element) => inside(element.shape?.bounds ?? element.bounds)
    && (['accept', 'decline', 'manage'].includes(buttonRole(element.text)) || privacyWords.test(element.text)));
}

/** Words that ask a player's age (as the DOM's age-gate probe reads them). */
const ageQuestionWords = /how old are you|what is your age|your age|date of birth|birthday|when were you born|year (were you |you were )?born|enter your age/i;

/** Words on the button that sends an answer. */
const confirmWords = /^(continue|next|ok|okay|done|go|play|submit|enter|confirm|start)\b/i;
/** Words that stand for an age or an age band ("8", "Under 13", "13+", "10-12"). */
const ageChoiceWords = /^(\d{1,2}\+?|\d{1,2}\s*(?:-|–|to)\s*\d{1,2}|(?:under|below|younger than|over|older than)\s*\d{1,2}|\d{1,2}\s*(?:or|and)\s*(?:under|younger|over|older))$/i;

export interface AgeQuestionOnScreen {
  question: ScreenElement;
  inputKind: 'birthdate' | 'age' | 'year';
  /** The drawn field to type into: the shape nearest below the question that is not a button to press. */
  field?: ScreenElement;
  /** The button that sends the answer. */
  confirm?: ScreenElement;
  /** Age-band choices to tap instead of typing ("Under 13", "13+"). */
  choices: ScreenElement[];
}

/** An age question drawn on the screen, its field, its confirm button or its age-band choices. */
export function ageQuestionOnScreen(model: ScreenModel, minConfidence: number): AgeQuestionOnScreen | undefined {
  const sure = model.elements.filter((element) => element.confidence >= minConfidence);
  const question = sure.find((element) => ageQuestionWords.test(element.text));
  if (!question) return undefined;
  const inputKind = /birth|born/i.test(question.text) ? (/year/i.test(question.text) ? 'year' : 'birthdate') : 'age';
  const below = sure.filter((element) => element !== question && element.bounds.y > question.bounds.y).sort((a, b) => a.bounds.y - b.bounds.y);
  const choices = below.filter((element) => ageChoiceWords.test(squash(element.text)));
  const confirm = below.find((element) => confirmWords.test(squash(element.text)));
  const field = below.find((element) => element.shape && element !== confirm && !choices.includes(element));
  return { question, inputKind, ...(field ? { field } : {}), ...(confirm ? { confirm } : {}), choices };
}

/** Words of an age question read below the plan's confidence: seen, but not surely enough to act on. */
export function unsureAgeQuestion(model: ScreenModel, minConfidence: number): ScreenElement | undefined {
  return model.elements.find((element) => element.confidence < minConfidence && ageQuestionWords.test(element.text));
}

/** Whether the words read on the screen include the given answer (a typed age read back from the field). */
export function screenShows(model: ScreenModel, words: string, within?: Bounds): boolean {
  const inside = (box: Bounds): boolean => !within || (box.x < within.x + within.width && within.x < box.x + box.width && box.y < within.y + within.height && within.y < box.y + box.height);
  return model.elements.some((element) => inside(element.bounds) && squash(element.text).split(' ').includes(squash(words)));
}
