// A second, recorded reading of a consent dialog on a DOM or page-source capture: the screenshot's
// screen model (accessibility nodes merged with OCR) goes through the same finder a canvas game's
// dialog goes through, and what it finds is kept beside what the DOM or page-source finder found,
// with every difference in words. The verdict still rests on the DOM / page-source reading; this
// shows the investigator whether the two ways of reading the screen agree.
import type { Button, ConsentDialog, ScreenCrossReading, SettingControl, SettingsCrossReading } from '../evidence/schema.ts';
import { consentOnScreen, toggleBeside } from '../screen/finders.ts';
import type { ScreenModel } from '../screen/screen-types.ts';
import { normaliseButtonText } from './button-role.ts';
import type { CaptureRecorder } from './recorder.ts';

/** What the first finder read, and what it is called in the notes ("the DOM", "the page source"). */
export interface TreeReading {
  tree: ScreenCrossReading['comparedWith'];
  buttons: Pick<Button, 'text' | 'role'>[];
  /** Links the tree finder keeps apart from the buttons (the web's privacy links): the screen reads them as link-role choices. */
  links?: string[];
}

const treeNames: Record<TreeReading['tree'], string> = { dom: 'the DOM', 'page-source': 'the page source' };

const same = (a: string, b: string): boolean => normaliseButtonText(a) === normaliseButtonText(b);

/** Compares the screen model's reading of a consent dialog with the tree finder's; pure, for the tests. */
export function crossReadConsent(model: ScreenModel, screenshot: string, tree: TreeReading, minConfidence: number): ScreenCrossReading {
  const treeName = treeNames[tree.tree];
  const found = consentOnScreen(model, minConfidence);
  const buttons = (found?.choices ?? []).map((choice) => ({
    text: choice.element.text,
    role: choice.role,
    bounds: choice.element.bounds,
    source: choice.element.source,
  }));
  const disagreements: string[] = [];
  if (!found) disagreements.push(`The screen-model finder found no consent dialog on this screenshot; ${treeName} finder did.`);
  for (const button of tree.buttons) {
    const seen = buttons.find((read) => same(read.text, button.text));
    if (!seen) {
      if (found) disagreements.push(`${capitalise(treeName)} has the button "${button.text}" (${button.role}) that the screen model does not show.`);
    } else if (seen.role !== button.role) {
      disagreements.push(`"${button.text}" is read as ${button.role} from ${treeName} and as ${seen.role} from the screen model.`);
    }
  }
  for (const read of buttons) {
    if (tree.buttons.some((button) => same(button.text, read.text))) continue;
    if (read.role === 'link' && (tree.links ?? []).some((link) => same(link, read.text))) continue;
    disagreements.push(`The screen model shows "${read.text}" (${read.role}, read by ${read.source === 'ocr' ? 'OCR' : 'an accessibility node'}) that ${treeName} finder did not list as a button.`);
  }
  return { screenshot, comparedWith: tree.tree, dialogFound: Boolean(found), buttons, agrees: disagreements.length === 0, disagreements };
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Cross-reads the consent screenshot once its screen model is read, and adds the reading to the
 * dialog already in the draft. It does not hold up the consent phase (whose time is limited):
 * the bundle is sealed only after it. No reading (with a note) when the screenshot could not be
 * read, so a missing second reading is never shown as agreement.
 */
export function crossReadConsentLater(recorder: CaptureRecorder, dialog: ConsentDialog, tree: TreeReading): void {
  const screenshot = dialog.screenshot;
  if (!screenshot) return;
  const treeName = treeNames[tree.tree];
  recorder.screens.track(recorder.screens.model(screenshot).then((model) => {
    if (!model) {
      recorder.note(`The consent dialog's screenshot ${screenshot} could not be read as a screen model, so the dialog was read from ${treeName} only.`);
      return;
    }
    const reading = crossReadConsent(model, screenshot, tree, recorder.plan.screenReading.minConfidence);
    if (!reading.agrees) recorder.note(`The consent dialog read from the screen model differs from ${treeName}: ${reading.disagreements.join(' ')}`);
    dialog.screenModelReading = reading;
  }).catch((error: unknown) => recorder.note(`The consent dialog could not be read again from the screen model: ${(error as Error).message}`)));
}

type OnOff = SettingControl & { kind: 'switch' | 'checkbox'; value: boolean };
const isOnOff = (control: SettingControl): control is OnOff => (control.kind === 'switch' || control.kind === 'checkbox') && typeof control.value === 'boolean';

/** Compares each on/off setting the tree gives with the switch the screen model reads beside its label; pure, for the tests. */
export function crossReadSettings(model: ScreenModel, screenshot: string, tree: TreeReading['tree'], controls: SettingControl[], minConfidence: number): SettingsCrossReading {
  const treeName = treeNames[tree];
  const disagreements: string[] = [];
  const read = controls.filter(isOnOff).map((control) => {
    const toggle = toggleBeside(model, control.label);
    const onScreen = toggle && toggle.confidence >= minConfidence ? toggle.on : null;
    const words = (on: boolean): string => (on ? 'on' : 'off');
    if (onScreen === null) disagreements.push(`"${control.label}" is ${words(control.value)} in ${treeName}; the screen model read no ${control.kind} state beside it${toggle ? ` with the plan's confidence (${toggle.confidence})` : ''}.`);
    else if (onScreen !== control.value) disagreements.push(`"${control.label}" is ${words(control.value)} in ${treeName} and ${words(onScreen)} as the screen model reads it.`);
    return { label: control.label, kind: control.kind, value: control.value, onScreen, ...(toggle ? { confidence: toggle.confidence } : {}) };
  });
  return { screenshot, comparedWith: tree, controls: read, agrees: disagreements.length === 0, disagreements };
}

/**
 * Cross-reads the settings just recorded in the draft (when they hold on/off controls and a
 * screenshot) once the screenshot's model is read, without holding up the settings phase.
 */
export function crossReadSettingsLater(recorder: CaptureRecorder, tree: TreeReading['tree']): void {
  const settings = recorder.draft.settings;
  const screenshot = settings?.screenshot;
  if (!settings || !screenshot || !settings.controls.some(isOnOff)) return;
  recorder.screens.track(recorder.screens.model(screenshot).then((model) => {
    if (!model) {
      recorder.note(`The settings screenshot ${screenshot} could not be read as a screen model, so the settings were read from ${treeNames[tree]} only.`);
      return;
    }
    const reading = crossReadSettings(model, screenshot, tree, settings.controls, recorder.plan.screenReading.minConfidence);
    if (!reading.agrees) recorder.note(`The settings read from the screen model differ from ${treeNames[tree]}: ${reading.disagreements.join(' ')}`);
    settings.screenModelReading = reading;
  }).catch((error: unknown) => recorder.note(`The settings could not be read again from the screen model: ${(error as Error).message}`)));
}
