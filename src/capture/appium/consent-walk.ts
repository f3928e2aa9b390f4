// The consent phase on a native screen: find the first privacy/consent dialog, record it with
// its buttons and their sizes, then decline it by the shortest path that exists (a decline
// button, or "manage" and then the decline or save-my-choices button there), counting the steps
// each answer takes. The phase ends with the dialog gone, or says that it could not close it:
// the settings walk must never read a consent dialog's purpose switches as the game's settings.
import type { Button, ConsentDialog } from '../../evidence/schema.ts';
import type { CaptureRecorder } from '../recorder.ts';
import { buttonRole } from '../button-role.ts';
import { dialogButtons, findConsentDialog, type FoundConsentDialog } from './consent-dialog-finder.ts';
import { locatorToXpath } from './locator-xpath.ts';
import { pause, type MobileScreen } from './mobile-screen.ts';
import type { UiNode } from './page-source.ts';
import { looksCanvasOnly } from './ui-controls.ts';
import { notCollectedOnMobile } from './mobile-not-collected.ts';
import { handleDrawnConsent } from '../drawn-screen.ts';
import { engineSurface } from './engine-surface.ts';
import { crossReadConsentLater } from '../screen-cross-reading.ts';

/** The consent dialog on the screen now, if any (the plan's locator or discovery). */
export async function consentDialogOnScreen(screen: MobileScreen, recorder: CaptureRecorder, exclude: (node: UiNode) => boolean): Promise<FoundConsentDialog | undefined> {
  const { root } = await screen.source();
  return findConsentDialog(root, screen.platform, recorder.plan.consent, exclude, 'manage');
}

function uniqueByLocator(buttons: Button[]): Button[] {
  return buttons.filter((button, index) => buttons.findIndex((other) => other.locator === button.locator) === index);
}

/** Dialogs fade out: a few looks, half a second apart, before saying one stayed. */
async function dialogAfterAnswer(screen: MobileScreen, recorder: CaptureRecorder, exclude: (node: UiNode) => boolean): Promise<FoundConsentDialog | undefined> {
  let shown: FoundConsentDialog | undefined;
  for (let look = 0; look < 3; look++) {
    if (look > 0) await pause(0.5);
    shown = await consentDialogOnScreen(screen, recorder, exclude).catch(() => undefined);
    if (!shown) return undefined;
  }
  return shown;
}

export async function walkConsent(screen: MobileScreen, recorder: CaptureRecorder, exclude: (node: UiNode) => boolean): Promise<void> {
  const recipe = recorder.plan.consent;
  recorder.notCollected('privacy-links', notCollectedOnMobile['privacy-links']);
  const { root } = await screen.source();
  const dialog = findConsentDialog(root, screen.platform, recipe, exclude);
  if (!dialog) {
    // An engine's surface names nothing: its consent dialog, if any, is pixels.
    if (looksCanvasOnly(root)) {
      const drawn = await handleDrawnConsent(engineSurface(screen), recorder);
      if (drawn === 'found') return;
      if (drawn === 'none') {
        recorder.note('No privacy or consent dialog was read on the screen in the consent phase (the game draws its own interface; OCR and the pixel readers looked).');
        return;
      }
      recorder.notCollected('consent-dialog', notCollectedOnMobile['consent-dialog']);
    }
    recorder.note('No privacy or consent dialog was found on the screen in the consent phase.');
    await recorder.snapshot('No consent dialog found');
    return;
  }
  const screenshot = await recorder.snapshot('Consent dialog as first shown');
  const eventId = recorder.event('consent-dialog', { detectedBy: dialog.detectedBy, text: dialog.text.slice(0, 500), buttons: dialog.buttons.map((button) => `${button.role}: ${button.text}`) });
  const byRole = (role: Button['role'], buttons: Button[] = dialog.buttons): Button | undefined => buttons.find((button) => button.role === role);
  const buttons = [...dialog.buttons];
  const checkboxes = [...dialog.checkboxes];
  const declineScreens: string[] = [];
  let stepsToDecline: number | null = null;
  let declineTapped = false;

  const tap = async (xpath: string, what: string): Promise<boolean> => {
    try {
      await screen.tap(xpath);
      recorder.event('tap', { xpath, what });
      return true;
    } catch (error) {
      recorder.note(`Could not tap ${what} (${xpath}): ${(error as Error).message}`);
      return false;
    }
  };

  const directDecline = recipe?.decline ? locatorToXpath(recipe.decline, screen.platform) : byRole('decline')?.locator;
  const manage = recipe?.manage ? locatorToXpath(recipe.manage, screen.platform) : byRole('manage')?.locator;
  if (directDecline) {
    declineTapped = await tap(directDecline, 'the decline button');
    if (declineTapped) stepsToDecline = 1;
  } else if (manage) {
    if (await tap(manage, 'the manage-options button')) {
      const shot = await recorder.snapshot('Consent options after "manage"');
      if (shot) declineScreens.push(shot);
      // On the options screen a "Confirm choices" / "Save & exit" button saves the choices as
      // shown: with nothing ticked that is the decline; with boxes ticked for the child it is not.
      const after = await screen.source();
      const options = findConsentDialog(after.root, screen.platform, recipe, exclude, 'manage');
      // The options may fill the screen rather than sit in a dialog: its buttons count wherever they are.
      const optionButtons = uniqueByLocator([...(options?.buttons ?? []), ...dialogButtons(after.root, exclude, 'manage')]);
      for (const box of options?.checkboxes ?? []) if (!checkboxes.some((known) => known.label === box.label)) checkboxes.push(box);
      const ticked = options?.checkboxes.filter((box) => box.checked) ?? [];
      // A decline on any screen ("Reject all") first; a save-my-choices button only with nothing ticked.
      const explicitDecline = optionButtons.find((button) => buttonRole(button.text) === 'decline');
      const saveChoices = ticked.length === 0 ? byRole('decline', optionButtons) : undefined;
      const second = recipe?.declineInManage ? locatorToXpath(recipe.declineInManage, screen.platform) : (explicitDecline ?? saveChoices)?.locator;
      // What the dialog offers there: its own buttons, and the decline wherever it was found (not the game's other buttons).
      const offered = [...(options?.buttons ?? []), ...optionButtons.filter((button) => button === explicitDecline || button === saveChoices)];
      for (const button of offered) if (!buttons.some((known) => known.locator === button.locator)) buttons.push(button);
      if (!second && ticked.length > 0) {
        recorder.note(`The consent options screen had ${ticked.length} choice(s) already ticked (${ticked.map((box) => box.label).join(', ')}) and no "reject all"; saving them would not be a decline, so nothing was saved.`);
      }
      if (second) {
        declineTapped = await tap(second, 'the decline button under "manage"');
        if (declineTapped) stepsToDecline = 2;
      }
    }
  }

  // Did the answer close the dialog? Read the screen again rather than trust the tap.
  const stillShown = !declineTapped ? dialog : await dialogAfterAnswer(screen, recorder, exclude);
  const closed = declineTapped && !stillShown;
  const declined = closed;
  if (!declineTapped) {
    recorder.note('The consent dialog could not be declined: no decline path was found or it could not be tapped. Nothing was accepted; the dialog was left open.');
  } else if (!closed) {
    recorder.markIncomplete('The consent dialog was still on screen after its decline button was tapped; the capture could not close it, so whether the game took the refusal was not seen.', ['consent']);
  }
  if (!closed) recorder.event('consent-dialog-left-open', { dialogEventId: eventId });
  const after = await recorder.snapshot(declined ? 'After declining consent' : 'Consent dialog left open');
  if (after && declined) declineScreens.push(after);

  const record: ConsentDialog = {
    eventId,
    phase: recorder.phaseOrLaunch,
    at: new Date().toISOString(),
    detectedBy: dialog.detectedBy,
    text: dialog.text,
    bounds: undefined,
    buttons,
    checkboxes,
    privacyLinks: [],
    stepsToAccept: null, // never measured: the capture never accepts
    stepsToDecline,
    declined,
    closed,
    screenshot,
    declineScreens,
  };
  recorder.notCollected('steps-to-accept', notCollectedOnMobile['steps-to-accept']);
  recorder.draft.consentDialogs.push(record);
  // Read once more from the screen model, as the buttons stood on the first screenshot.
  crossReadConsentLater(recorder, record, { tree: 'page-source', buttons: dialog.buttons });
}
