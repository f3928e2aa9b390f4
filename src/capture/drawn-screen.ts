// A game that draws its own interface (a WebGL canvas, a Unity surface): its DOM or page source
// holds no dialog, no button and no switch, so the consent dialog and the settings are read from
// the screenshot (src/screen/) and tapped at the centre of what was read. The same walk serves
// the web (Playwright's mouse) and a device (Appium's W3C actions) through a DrawnSurface.
import type { Bounds, Button, ConsentDialog, PixelReading, SettingControl } from '../evidence/schema.ts';
import type { Locator, RecipeStep } from '../plan/schema.ts';
import { ageQuestionOnScreen, choiceFor, consentOnScreen, findScreenText, screenShows, settingsEntryOnScreen, toggleBeside, unsureAgeQuestion, type ScreenChoice } from '../screen/finders.ts';
import { answerAge, birthdateForAge, choiceForAge } from './answer-age.ts';
import type { DrawnChoice, DrawnToggle, ScreenElement, ScreenModel } from '../screen/screen-types.ts';
import { centre } from '../screen/shapes.ts';
import type { CaptureRecorder } from './recorder.ts';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodePng } from '../screen/pixels.ts';
import { matchTemplate } from '../screen/template-match.ts';

/** Pictures settings discovery looks for when no settings words are read (data/templates/README.md). */
const discoveryTemplatesDir = fileURLToPath(new URL('../../data/templates/', import.meta.url));
/** A template match this close (1 − mean grey difference) is the same picture. */
const defaultImageThreshold = 0.9;

/** Where a template picture is on a screenshot this capture took, as an element to tap. */
function findImage(recorder: CaptureRecorder, file: string, templateFile: string, threshold: number): (ScreenElement & { score: number }) | undefined {
  const png = recorder.screens.png(file);
  if (!png) return undefined;
  const match = matchTemplate(decodePng(png), decodePng(readFileSync(templateFile)), threshold);
  return match && { text: path.basename(templateFile), bounds: match.bounds, source: 'ocr', confidence: match.score, score: match.score };
}

/** What the walk needs from a backend: taps at a point, and the size its own bounds are in. */
export interface DrawnSurface {
  /** Taps a point given in the backend's own units (CSS pixels on the web, device pixels on a device), then lets the game redraw. */
  tapAt(point: { x: number; y: number }): Promise<void>;
  /** The width of the screen in the backend's units, to scale screenshot pixels to them. */
  width(): Promise<number | undefined>;
  back(): Promise<void>;
  scroll(direction: 'up' | 'down'): Promise<void>;
  /** Types text with the keyboard into whatever the last tap focused (Playwright's keyboard, W3C key actions). */
  type(text: string): Promise<void>;
  /**
   * Taps drawn link words (which have no href) and says where they led: the window or page they
   * opened on the web, the activity or browser address on a device. The place is shown while
   * `whileShown` runs (so a snapshot shows it), then the game is brought back.
   */
  followLink(point: { x: number; y: number }, whileShown: (place: OpenedPlace) => Promise<void>): Promise<OpenedPlace | undefined>;
}

/** Where tapped link words led. */
export interface OpenedPlace {
  /** The address opened (a URL; on a device, the URL or the activity's name). */
  href: string;
  title?: string;
  /** How it opened, in words for the report: "a new window", "the same page", "the activity …". */
  how: string;
  /** Set by the walk while the place is shown: its snapshot in the bundle. */
  screenshot?: string;
}

/** Without settings words on screen, the first discovery template (a gear) found there. */
function discoveryPicture(recorder: CaptureRecorder, file: string): ScreenElement | undefined {
  for (const name of readdirSync(discoveryTemplatesDir).filter((entry) => entry.endsWith('.png')).sort()) {
    const found = findImage(recorder, file, path.join(discoveryTemplatesDir, name), defaultImageThreshold);
    if (found) return { ...found, text: `the picture ${name}` };
  }
  return undefined;
}

/** A recipe locator that only the screen reading can follow. */
export const isScreenLocator = (locator: Locator): boolean => locator.screenText !== undefined || locator.image !== undefined;

interface Reading {
  file: string;
  model: ScreenModel;
  /** Screenshot pixels per CSS pixel. */
  scale: number;
}

async function readNow(surface: DrawnSurface, recorder: CaptureRecorder, caption: string): Promise<Reading | undefined> {
  const file = await recorder.snapshot(caption);
  if (!file) return undefined;
  const model = await recorder.screens.model(file);
  if (!model) return undefined;
  const width = await surface.width();
  return { file, model, scale: width ? model.width / width : 1 };
}

const toCss = (bounds: Bounds, scale: number): Bounds => ({
  x: Math.round(bounds.x / scale),
  y: Math.round(bounds.y / scale),
  width: Math.round(bounds.width / scale),
  height: Math.round(bounds.height / scale),
});

async function tap(surface: DrawnSurface, element: { bounds: Bounds; shape?: { bounds: Bounds } }, scale: number): Promise<void> {
  const point = centre(element.shape?.bounds ?? element.bounds);
  await surface.tapAt({ x: Math.round(point.x / scale), y: Math.round(point.y / scale) });
}

function pixelReading(recorder: CaptureRecorder, reading: Reading, element: ScreenElement): PixelReading {
  const crop = recorder.screens.crop(reading.file, element.shape?.bounds ?? element.bounds, element.text) ?? reading.file;
  return {
    confidence: element.confidence,
    crop,
    shape: element.shape ? element.shape.kind : 'none',
    ...(element.prominence ? { prominence: element.prominence } : {}),
  };
}

function toButton(recorder: CaptureRecorder, reading: Reading, choice: ScreenChoice): Button {
  return { text: choice.element.text, role: choice.role, bounds: toCss(choice.element.bounds, reading.scale), visible: true, pixels: pixelReading(recorder, reading, choice.element) };
}

/** The answer typed into a drawn field of this kind, for this age. */
function typedAnswer(inputKind: 'birthdate' | 'age' | 'year', age: number): string {
  if (inputKind === 'year') return String(new Date().getUTCFullYear() - age);
  if (inputKind === 'birthdate') {
    // UK order, as a UK child would type it: day/month/year.
    const [year, month, day] = birthdateForAge(age).split('-');
    return `${day}/${month}/${year}`;
  }
  return String(age);
}

/**
 * An age question drawn on the screen is answered as the capture's persona (or the audited
 * child): the drawn field is tapped, the age typed with the keyboard and read back from the
 * pixels, then the drawn confirm button is tapped; or the age-band choice covering the age is
 * tapped. Every step keeps its screenshot and crops. A question read below the plan's confidence
 * is not acted on: the age question counts as not seen, and says why. Returns the screen to go
 * on from (the one after the answer, or the one given).
 */
async function answerDrawnAgeQuestion(surface: DrawnSurface, recorder: CaptureRecorder, reading: Reading): Promise<Reading> {
  if (recorder.draft.ageGate?.present) return reading;
  const minConfidence = recorder.plan.screenReading.minConfidence;
  const found = ageQuestionOnScreen(reading.model, minConfidence);
  if (!found) {
    const unsure = unsureAgeQuestion(reading.model, minConfidence);
    if (unsure) {
      const reason = `Words that may ask the player's age were read on the screen below the plan's confidence ("${unsure.text}", confidence ${unsure.confidence}, below ${minConfidence}), so no age was given and whether the game asks the age was not seen.`;
      delete recorder.draft.ageGate;
      recorder.notCollected('age-gate', reason);
      recorder.note(reason);
    }
    return reading;
  }
  const { question, inputKind } = found;
  const crop = (element: ScreenElement, file = reading.file): string => recorder.screens.crop(file, element.shape?.bounds ?? element.bounds, element.text) ?? file;
  const eventId = recorder.event('age-gate', { question: question.text, inputKind, readFrom: 'pixels', confidence: question.confidence });
  const gate: NonNullable<typeof recorder.draft.ageGate> = {
    present: true,
    phase: recorder.phaseOrLaunch,
    eventId,
    question: question.text,
    inputKind,
    screenshot: reading.file,
    pixels: { confidence: question.confidence, crops: [crop(question)] },
  };
  recorder.draft.ageGate = gate;
  const age = answerAge(recorder);
  const notAnswered = (why: string): Reading => {
    gate.answerGiven = `not answered: ${why}`;
    recorder.note(`An age question drawn on the screen was read from its pixels ("${question.text}", confidence ${question.confidence}) but not answered: ${why}.`);
    return reading;
  };
  let answer: string;
  let press: ScreenElement;
  const band = choiceForAge(found.choices, age);
  if (band) {
    answer = band.text;
    press = band;
    gate.pixels!.crops.push(crop(band));
  } else if (found.field && found.confirm) {
    answer = typedAnswer(inputKind, age);
    gate.pixels!.crops.push(crop(found.field), crop(found.confirm));
    await tap(surface, found.field, reading.scale);
    await surface.type(answer);
    const typed = await readNow(surface, recorder, `Age typed into the drawn field: ${answer}`);
    if (typed) {
      gate.pixels!.typedScreenshot = typed.file;
      // The field as it shows now: the digits OCR reads there are what the game received.
      gate.pixels!.readBack = screenShows(typed.model, answer, found.field.shape?.bounds ?? found.field.bounds);
      if (!gate.pixels!.readBack) recorder.note(`The age ${answer} was typed into the drawn field, but OCR did not read it back there; whether the game took it was not seen.`);
    }
    press = found.confirm;
  } else {
    return notAnswered(found.field ? 'no button to send the answer was read on the screen' : found.choices.length > 0 ? `no age-band choice covers ${age}` : 'no field or age-band choice was read on the screen');
  }
  gate.answerGiven = answer;
  recorder.event('age-gate-answered', { answer, readFrom: 'pixels', pressed: press.text });
  await tap(surface, press, reading.scale);
  const after = await readNow(surface, recorder, 'After answering the age question (read from pixels)');
  if (!after) return reading;
  gate.pixels!.afterScreenshot = after.file;
  if (ageQuestionOnScreen(after.model, minConfidence)?.question.text === question.text) {
    recorder.note(`The drawn age question was still shown after "${press.text}" was tapped; the game may not have taken the answer.`);
  } else {
    recorder.note(`An age question drawn on the screen was read from its pixels ("${question.text}", confidence ${question.confidence}) and answered with ${JSON.stringify(answer)} by ${band ? `tapping "${band.text}"` : `typing into the drawn field and tapping "${press.text}"`}.`);
  }
  return after;
}

/**
 * Finds a consent dialog drawn on the screen, records it with every choice read (its role, its
 * shape and prominence, a crop of it), and declines where a decline is drawn. Says 'none' when
 * the screen was read and shows no consent dialog read with the plan's confidence, and
 * 'unreadable' when no screenshot could be read at all (then nothing was looked for).
 */
export async function handleDrawnConsent(surface: DrawnSurface, recorder: CaptureRecorder): Promise<'found' | 'none' | 'unreadable'> {
  const minConfidence = recorder.plan.screenReading.minConfidence;
  const shown = await readNow(surface, recorder, 'Screen read for a consent dialog (drawn by the game)');
  if (!shown) return 'unreadable';
  const first = await answerDrawnAgeQuestion(surface, recorder, shown);
  const found = consentOnScreen(first.model, minConfidence);
  if (!found) return 'none';
  recorder.notCollected('steps-to-accept', 'The capture never accepts a consent dialog, so the number of steps to accept was not measured.');
  const dialog: ConsentDialog = {
    eventId: '',
    phase: recorder.phaseOrLaunch,
    at: new Date().toISOString(),
    detectedBy: 'screen-reading',
    text: found.text,
    bounds: toCss(found.bounds, first.scale),
    buttons: found.choices.map((choice) => toButton(recorder, first, choice)),
    checkboxes: [],
    // Drawn words have no address: they are tapped below, and where they led is recorded.
    privacyLinks: [],
    stepsToAccept: null,
    stepsToDecline: null,
    declined: false,
    screenshot: first.file,
    declineScreens: [],
  };
  if (found.unsure.length > 0) {
    recorder.note(`On the consent screen OCR read ${found.unsure.length} piece(s) of text below the plan's confidence (${minConfidence}): ${found.unsure.map((element) => `"${element.text}" (${element.confidence})`).join(', ')}; they were not used.`);
  }
  dialog.privacyLinks = await followDrawnPrivacyLinks(surface, recorder, dialog.buttons);
  let decline = found.choices.find((choice) => choice.role === 'decline');
  let reading = first;
  let steps = 1;
  const manage = found.choices.find((choice) => choice.role === 'manage');
  if (!decline && manage) {
    await tap(surface, manage.element, first.scale);
    const options = await readNow(surface, recorder, 'Consent options after "manage" (drawn)');
    const there = options && consentOnScreen(options.model, minConfidence);
    if (options && there) {
      dialog.declineScreens.push(options.file);
      dialog.buttons.push(...there.choices.filter((choice) => !found.choices.some((known) => known.element.text === choice.element.text)).map((choice) => toButton(recorder, options, choice)));
      decline = there.choices.find((choice) => choice.role === 'decline');
      reading = options;
      steps = 2;
    }
  }
  if (decline) {
    await tap(surface, decline.element, reading.scale);
    const after = await readNow(surface, recorder, 'After declining (read from pixels)');
    const stillShown = after ? consentOnScreen(after.model, minConfidence) !== undefined : true;
    if (after) dialog.declineScreens.push(after.file);
    dialog.closed = after ? !stillShown : undefined;
    if (stillShown) {
      recorder.markIncomplete('The drawn consent dialog was still shown after its decline was tapped; whether the game took the refusal was not seen.', ['consent']);
    } else {
      dialog.declined = true;
      dialog.stepsToDecline = steps;
    }
  } else {
    dialog.closed = false;
    recorder.note('The consent dialog drawn on the screen offered no decline the screen reading could find; nothing was accepted and it was left open.');
  }
  dialog.eventId = recorder.event('consent-dialog', { detectedBy: dialog.detectedBy, stepsToAccept: null, stepsToDecline: dialog.stepsToDecline, declined: dialog.declined, readFrom: 'pixels' });
  recorder.draft.consentDialogs.push(dialog);
  return 'found';
}

/** Link words that lead to privacy information. */
const privacyLinkWords = /privacy|datenschutz|confidentialit|data protection/i;

/**
 * Taps each drawn privacy link of a consent dialog (words with no href) and records where it led:
 * the address, its title and a snapshot of it, then the game is brought back. A tap that opened
 * nothing is said so, and the link stays a button whose target was not recorded.
 */
async function followDrawnPrivacyLinks(surface: DrawnSurface, recorder: CaptureRecorder, buttons: Button[]): Promise<ConsentDialog['privacyLinks']> {
  const links: ConsentDialog['privacyLinks'] = [];
  for (const button of buttons.filter((candidate) => candidate.role === 'link' && privacyLinkWords.test(candidate.text) && candidate.bounds)) {
    // The button's bounds are already in the surface's units (toButton); its crop is the words as read.
    const point = centre(button.bounds!);
    const crop = button.pixels?.crop;
    const place = await surface.followLink({ x: Math.round(point.x), y: Math.round(point.y) }, async (shown) => {
      shown.screenshot = await recorder.snapshot(`Where the drawn "${button.text}" led: ${shown.href}`);
    });
    if (!place) {
      recorder.note(`The drawn words "${button.text}" were tapped; nothing the capture could see opened (no new window or page on the web; no change of foreground activity on a device), so where they lead was not recorded.`);
      continue;
    }
    recorder.event('privacy-link-followed', { text: button.text, href: place.href, title: place.title, how: place.how, readFrom: 'pixels' });
    links.push({
      text: button.text,
      href: place.href,
      openedByTap: { how: place.how, ...(place.title ? { title: place.title } : {}), ...(place.screenshot ? { screenshot: place.screenshot } : {}), ...(crop ? { crop } : {}) },
    });
  }
  return links;
}

async function runScreenStep(surface: DrawnSurface, recorder: CaptureRecorder, step: RecipeStep, index: number): Promise<void> {
  if (step.action === 'wait') return new Promise((resolve) => setTimeout(resolve, step.seconds * 1000));
  if (step.action === 'back') return surface.back();
  if (step.action === 'scroll') return surface.scroll(step.direction);
  const target = step.target;
  if (target.image) {
    const templateFile = path.resolve(path.dirname(recorder.loadedPlan.file), target.image);
    const threshold = target.threshold ?? defaultImageThreshold;
    const reading = await readNow(surface, recorder, `Settings recipe step ${index + 1}: looking for ${target.image}`);
    const found = reading && findImage(recorder, reading.file, templateFile, threshold);
    if (!reading || !found) throw new Error(`settings.open[${index}]: ${target.image} was not found on the screen with a score of ${threshold} or more`);
    recorder.event('image-found', { template: target.image, score: found.score, bounds: found.bounds });
    return tap(surface, found, reading.scale);
  }
  if (!target.screenText) throw new Error(`settings.open[${index}]: a game drawn on a canvas is tapped by { screenText } (its DOM or page source has no ${Object.keys(target)[0]} to find)`);
  const reading = await readNow(surface, recorder, `Settings recipe step ${index + 1}: looking for "${target.screenText}"`);
  const element = reading && findScreenText(reading.model, target.screenText, target.near, recorder.plan.screenReading.minConfidence);
  if (!reading || !element) throw new Error(`settings.open[${index}]: "${target.screenText}" was not read on the screen with confidence ${recorder.plan.screenReading.minConfidence} or more`);
  await tap(surface, element, reading.scale);
}

/** What an investigator calls each kind of control, for the note on what was not read. */
const controlNames: Record<SettingControl['kind'], string> = { switch: 'switch', checkbox: 'check box', radio: 'radio group', select: 'drop-down', text: 'text field' };

/**
 * The settings of a game drawn on a canvas: the recipe's `{ screenText }` steps, or else the
 * first "Settings"/"Options"/"Privacy" words on the screen, then every switch, check box, radio
 * group and drop-down drawn beside a label is read from its pixels, never changed. A control read
 * below the plan's confidence is not guessed: it is left out and said to be unread, so the check is inconclusive about it.
 */
export async function readDrawnSettings(surface: DrawnSurface, recorder: CaptureRecorder): Promise<'read' | 'unreadable'> {
  const minConfidence = recorder.plan.screenReading.minConfidence;
  const recipe = recorder.plan.settings;
  const hasRecipe = Boolean(recipe && (recipe.open.length > 0 || recipe.controls.length > 0));
  let note: string;
  if (hasRecipe) {
    for (const [index, step] of recipe!.open.entries()) await runScreenStep(surface, recorder, step, index);
    note = 'The game draws its own interface: the settings recipe was followed on the screen by OCR, and the controls were read from the screenshot\'s pixels.';
  } else {
    const start = await readNow(surface, recorder, 'Screen read for a settings entry (drawn by the game)');
    if (!start) return 'unreadable';
    const entry = settingsEntryOnScreen(start.model, minConfidence) ?? discoveryPicture(recorder, start.file);
    if (!entry) {
      recorder.draft.settings = { source: 'discovery', readable: false, note: 'The game draws its own interface and no "Settings", "Options" or "Privacy" words were read on its first screen, so no settings were read.', screenshot: start.file, controls: [], parentalControls: [], privacyLinks: [] };
      return 'read';
    }
    await tap(surface, entry, start.scale);
    note = `The game draws its own interface: its settings were opened by tapping ${entry.text.startsWith('the picture ') ? `${entry.text} found` : `the words "${entry.text}" read`} on the screen, and the controls were read from the screenshot's pixels.`;
  }
  const settings = await readNow(surface, recorder, 'Settings as found (read from pixels)');
  if (!settings) return 'unreadable';
  const controls: SettingControl[] = [];
  const unread: string[] = [];
  {
    // Each control as the pixels show it: a switch or check box (on/off), a radio group or a drop-down (words).
    type Reading = { label: string; kind: SettingControl['kind']; value: boolean | string | null; options?: string[]; confidence: number; bounds: Bounds; evidence: string };
    const fromToggle = (toggle: DrawnToggle | undefined): Reading | undefined => toggle && { ...toggle, value: toggle.on };
    const fromChoice = (choice: DrawnChoice | undefined): Reading | undefined => choice && { ...choice };
    const readingFor = (kind: SettingControl['kind'], label: string): Reading | undefined =>
      kind === 'radio' || kind === 'select' ? fromChoice(choiceFor(settings.model, kind, label)) : fromToggle(toggleBeside(settings.model, label));
    const wanted = hasRecipe
      ? recipe!.controls.map((control) => {
        const label = control.label ?? control.target.screenText ?? '';
        return { name: control.name as string | undefined, kind: control.kind, label, reading: control.target.screenText ? readingFor(control.kind, control.target.screenText) : undefined };
      })
      : [...settings.model.toggles.map(fromToggle), ...(settings.model.choices ?? []).map(fromChoice)]
        .map((reading) => ({ name: undefined as string | undefined, kind: reading!.kind, label: reading!.label, reading }));
    for (const control of wanted) {
      const reading = control.reading;
      if (!reading) {
        unread.push(`"${control.label}" (no ${controlNames[control.kind]} was read beside these words)`);
        continue;
      }
      const label = reading.label || control.label;
      if (reading.value === null || reading.confidence < minConfidence) {
        unread.push(`"${label}" (${reading.evidence}; confidence ${reading.confidence}, below ${minConfidence})`);
        continue;
      }
      const crop = recorder.screens.crop(settings.file, reading.bounds, label) ?? settings.file;
      controls.push({
        ...(control.name ? { name: control.name } : {}),
        label,
        kind: reading.kind,
        value: reading.value,
        ...(reading.options ? { options: reading.options } : {}),
        bounds: toCss(reading.bounds, settings.scale),
        pixels: { confidence: reading.confidence, crop, evidence: reading.evidence },
      });
    }
  }
  for (const control of controls) {
    control.eventId = recorder.event('setting-read', { name: control.name, label: control.label, kind: control.kind, value: control.value, readFrom: 'pixels', confidence: control.pixels?.confidence });
  }
  if (unread.length > 0) recorder.note(`Settings not read from the pixels with enough confidence: ${unread.join('; ')}. They count as unread, not as any value.`);
  recorder.draft.settings = {
    source: hasRecipe ? 'recipe' : 'discovery',
    readable: controls.length > 0,
    note: controls.length > 0 ? note : `${note} No control could be read with enough confidence.`,
    screenshot: settings.file,
    controls,
    parentalControls: [],
    privacyLinks: [],
  };
  // Back to the game, so play starts where a child would be.
  const back = settings.model.elements.find((element) => /^(back|close|done|back to (the )?game)$/i.test(element.text.trim()));
  if (back) await tap(surface, back, settings.scale);
  return 'read';
}
