// The settings phase on a native screen: follow the plan's recipe to the settings and read its
// named controls, or, without a recipe, find the settings entry by its words and read every
// switch, checkbox, radio button and drop-down there. Controls are read, never changed, and only
// on the game's own settings screen: never a consent dialog's purpose switches, never whatever
// screen happens to be showing when no settings entry was found.
import { recordSettingsBehindOpenDialog } from '../settings-behind-open-dialog.ts';
import type { SettingControl } from '../../evidence/schema.ts';
import type { Locator, RecipeStep } from '../../plan/schema.ts';
import type { CaptureRecorder } from '../recorder.ts';
import { findConsentDialog } from './consent-dialog-finder.ts';
import { locatorToXpath, matchesLocator } from './locator-xpath.ts';
import { pause, type MobileScreen } from './mobile-screen.ts';
import { allNodes, nodeBounds, type UiNode } from './page-source.ts';
import { notCollectedOnMobile } from './mobile-not-collected.ts';
import { isScreenLocator, readDrawnSettings } from '../drawn-screen.ts';
import { engineSurface } from './engine-surface.ts';
import { collectControls, controlValue, findSettingsEntry, looksCanvasOnly, locatorOf, nearestLabel } from './ui-controls.ts';
import { crossReadSettingsLater } from '../screen-cross-reading.ts';

const locationWords = /location|gps|nearby|where you are|map/i;

async function runStep(screen: MobileScreen, recorder: CaptureRecorder, step: RecipeStep, signal: AbortSignal): Promise<void> {
  switch (step.action) {
    case 'tap': {
      const xpath = locatorToXpath(step.target, screen.platform);
      await screen.tap(xpath);
      recorder.event('tap', { xpath, what: 'settings recipe step' });
      return;
    }
    case 'scroll':
      await screen.scroll(step.direction);
      recorder.event('scroll', { direction: step.direction });
      return;
    case 'back':
      await screen.back();
      recorder.event('back');
      return;
    case 'wait':
      await pause(step.seconds, signal);
      return;
    case 'enterAge':
      // The device screen can tap, scroll and go back, not type: the step is said to be skipped.
      recorder.note('The recipe\'s enterAge step was not run: the mobile capture cannot type into a field, so no age was given on this device.');
      return;
  }
}

function findByLocator(root: UiNode, locator: Locator, screen: MobileScreen): UiNode | undefined {
  return allNodes(root).find((node) => matchesLocator(node.attributes, locator, screen.platform));
}

/** Records each control read (an event each, location controls also under geolocation); used by the assisted capture too. */
export function recordControls(recorder: CaptureRecorder, controls: SettingControl[]): SettingControl[] {
  return controls.map((control) => {
    const eventId = recorder.event('setting-read', { label: control.label, name: control.name, kind: control.kind, value: control.value });
    if (locationWords.test(control.label)) recorder.draft.geolocation.inAppLocationControls ??= [];
    if (locationWords.test(control.label)) recorder.draft.geolocation.inAppLocationControls!.push({ label: control.label, value: control.value });
    return { ...control, eventId };
  });
}

export async function walkSettings(screen: MobileScreen, recorder: CaptureRecorder, exclude: (node: UiNode) => boolean, signal: AbortSignal): Promise<void> {
  const recipe = recorder.plan.settings;
  const { draft } = recorder;
  recorder.notCollected('privacy-links', notCollectedOnMobile['privacy-links']);
  recorder.notCollected('parental-controls', notCollectedOnMobile['parental-controls']);
  const first = await screen.source();
  // A consent dialog the consent phase could not close hides the settings (settings-behind-open-dialog.ts).
  if (findConsentDialog(first.root, screen.platform, recorder.plan.consent, exclude, 'manage')) {
    await recordSettingsBehindOpenDialog(recorder);
    return;
  }

  // A recipe that names words on screen, or a screen an engine draws, is read from its pixels.
  const recipeReadsScreen = Boolean(recipe && [...recipe.open.flatMap((step) => (step.action === 'tap' ? [step.target] : [])), ...recipe.controls.map((control) => control.target)].some(isScreenLocator));
  if ((recipeReadsScreen || looksCanvasOnly(first.root)) && (await readDrawnSettings(engineSurface(screen), recorder)) === 'read') return;

  if (recipe && (recipe.open.length > 0 || recipe.controls.length > 0)) {
    for (const step of recipe.open) await runStep(screen, recorder, step, signal);
    const screenshot = await recorder.snapshot('Settings screen (plan recipe)');
    const { root } = await screen.source();
    const controls: SettingControl[] = [];
    const missing: string[] = [];
    for (const wanted of recipe.controls) {
      if (wanted.target.xpath) {
        // The page-source reader does not evaluate XPath; ask the driver for this one.
        try {
          const attributes = await screen.attributes(wanted.target.xpath, ['checked', 'text', 'value']);
          const value = wanted.kind === 'select' || wanted.kind === 'text' ? attributes.text ?? attributes.value ?? '' : (attributes.checked ?? attributes.value) === 'true' || attributes.value === '1';
          controls.push({ name: wanted.name, label: wanted.label ?? wanted.name, kind: wanted.kind, value, locator: wanted.target.xpath });
        } catch {
          missing.push(wanted.name);
        }
        continue;
      }
      const node = findByLocator(root, wanted.target, screen);
      if (!node) {
        missing.push(wanted.name);
        continue;
      }
      const kind = wanted.kind;
      const value = kind === 'text' ? (node.attributes.text ?? '') : controlValue(node, kind === 'select' ? 'select' : kind);
      controls.push({ name: wanted.name, label: wanted.label ?? nearestLabel(node, root), kind, value, bounds: nodeBounds(node), locator: locatorOf(node) ?? locatorToXpath(wanted.target, screen.platform) });
    }
    if (missing.length > 0) recorder.markIncomplete(`Settings controls named in the plan were not found on screen: ${missing.join(', ')}`, ['settings']);
    const canvas = controls.length === 0 && looksCanvasOnly(root);
    if (canvas) recorder.notCollected('settings', canvasNote);
    draft.settings = {
      source: 'recipe',
      readable: !canvas,
      note: canvas ? canvasNote : missing.length > 0 ? `Not found: ${missing.join(', ')}` : undefined,
      screenshot,
      controls: recordControls(recorder, controls),
      parentalControls: [],
      privacyLinks: [],
    };
    crossReadSettingsLater(recorder, 'page-source');
    return;
  }

  if (looksCanvasOnly(first.root)) {
    const screenshot = await recorder.snapshot('Game screen: drawn on one canvas, no widgets');
    recorder.notCollected('settings', canvasNote);
    draft.settings = { source: 'discovery', readable: false, note: canvasNote, screenshot, controls: [], parentalControls: [], privacyLinks: [] };
    return;
  }
  const entry = findSettingsEntry(first.root, exclude);
  if (!entry) {
    // Whatever is on screen now is not known to be the settings: reading it would report a
    // menu's or a dialog's controls as the game's defaults.
    recorder.note('No settings entry (settings, options, gear, privacy) was found; no settings were read.');
    const screenshot = await recorder.snapshot('Current screen (no settings entry found)');
    draft.settings = { source: 'discovery', readable: false, note: noEntryNote, screenshot, controls: [], parentalControls: [], privacyLinks: [] };
    return;
  }
  const xpath = locatorOf(entry) ?? `//*[@text="${(entry.attributes.text ?? '').replace(/"/g, '')}"]`;
  await screen.tap(xpath);
  recorder.event('tap', { xpath, what: 'settings entry (found by its words)' });
  const screenshot = await recorder.snapshot('Settings screen (discovered)');
  const { root } = await screen.source();
  const dialog = findConsentDialog(root, screen.platform, recorder.plan.consent, exclude, 'manage');
  const controls = collectControls(root, (node) => exclude(node) || (dialog !== undefined && isWithin(node, dialog.container)));
  const canvas = controls.length === 0 && looksCanvasOnly(root);
  if (canvas) recorder.notCollected('settings', canvasNote);
  draft.settings = {
    source: 'discovery',
    readable: !canvas,
    note: canvas ? canvasNote : controls.length === 0 ? 'No switches, checkboxes, radio buttons or drop-downs were found.' : undefined,
    screenshot,
    controls: recordControls(recorder, controls),
    parentalControls: [],
    privacyLinks: [],
  };
  crossReadSettingsLater(recorder, 'page-source');
}

function isWithin(node: UiNode, container: UiNode): boolean {
  for (let current: UiNode | undefined = node; current; current = current.parent) if (current === container) return true;
  return false;
}

const noEntryNote = 'No way into the game\'s settings was found on screen, so no settings were read; the screenshot shows what was there.';
export const canvasNote =
  'The game draws its interface on one canvas (as Unity and Unreal games do), so its settings expose no widgets to read. ' +
  'The screenshots are kept; the settings must come from the investigator\'s findings file.';
