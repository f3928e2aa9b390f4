// The consent phase on the web: find the first privacy/consent dialog (the plan's locators, a
// known CMP through autoconsent, or a dialog that talks about privacy), record what it says and
// offers (every button with its box, pre-ticked boxes, privacy links, how many taps to accept and
// to decline), then decline where a decline path exists.
import type { Page } from 'playwright-core';
import type { Button, ConsentDialog } from '../../evidence/schema.ts';
import type { Locator } from '../../plan/schema.ts';
import type { CaptureRecorder } from '../recorder.ts';
import type { AutoconsentWatcher } from './autoconsent-watcher.ts';
import { buttonRole } from '../button-role.ts';
import { probe, type DialogInventory } from './page-probe.ts';
import { planLocator } from './plan-locator.ts';
import { actAndSettle } from './page-settle.ts';
import { abortablePause } from '../abortable-pause.ts';
import { crossReadConsentLater } from '../screen-cross-reading.ts';

const privacyWords = /cookie|privacy|consent|personal data|your data|partners|personalis|personaliz|ads|advert|tracking/i;


/** The ref (data-gameaudit-ref) of the element a plan locator points at, once the inventory tagged it. */
async function refOf(page: Page, locator: Locator | undefined): Promise<string | undefined> {
  if (!locator) return undefined;
  try {
    const ref = await planLocator(page, locator).first().getAttribute('data-gameaudit-ref', { timeout: 1000 });
    return ref ? `[data-gameaudit-ref="${ref}"]` : undefined;
  } catch {
    return undefined;
  }
}

async function visibleWithin(page: Page, locator: Locator, milliseconds: number): Promise<boolean> {
  try {
    await planLocator(page, locator).first().waitFor({ state: 'visible', timeout: milliseconds });
    return true;
  } catch {
    return false;
  }
}

/** What the dialog shows now (null once it is hidden or gone), to tell when a tap has changed it. */
async function dialogShows(page: Page, selector: string): Promise<string | null> {
  const quoted = JSON.stringify(selector);
  return (await page.evaluate(`(() => { const root = document.querySelector(${quoted}); return root && window.__gameauditProbe.isVisible(${quoted}) ? root.innerText : null; })()`)) as string | null;
}

interface FoundDialog {
  selector: string;
  detectedBy: ConsentDialog['detectedBy'];
  cmp?: string;
}

async function findDialog(page: Page, recorder: CaptureRecorder, autoconsent: AutoconsentWatcher, signal: AbortSignal): Promise<FoundDialog | undefined> {
  const recipe = recorder.plan.consent;
  const cmp = (): string | undefined => autoconsent.popupFound()?.cmp;
  if (recipe?.dialog?.css && (await visibleWithin(page, recipe.dialog, 5000))) return { selector: recipe.dialog.css, detectedBy: 'plan', cmp: cmp() };
  // Give autoconsent and late dialogs a moment: many CMPs appear a second or two after load.
  for (let attempt = 0; attempt < 6 && !signal.aborted; attempt++) {
    const candidates = await probe(page, 'dialogCandidates');
    const dialog = candidates.find((candidate) => privacyWords.test(candidate.text));
    if (autoconsent.popupFound()) return { selector: dialog?.ref ?? 'body', detectedBy: 'autoconsent', cmp: cmp() };
    if (dialog) return { selector: dialog.ref, detectedBy: 'discovery' };
    await abortablePause(500, signal);
  }
  return undefined;
}

function toButtons(inventory: DialogInventory, rolesByRef: Map<string, Button['role']>, screen: 'first' | 'manage' = 'first'): Array<Button & { ref: string }> {
  // Saving boxes that came ticked accepts them: the role says what the button does for a child who touched nothing.
  const boxesTicked = inventory.checkboxes.some((checkbox) => checkbox.checked);
  return inventory.buttons
    .filter((button) => button.visible)
    .map((button) => ({
      text: button.text,
      role: rolesByRef.get(button.ref) ?? buttonRole(button.text, { screen, boxesTicked, tag: button.tag, href: button.href }),
      bounds: button.bounds,
      visible: true,
      layer: screen,
      locator: button.locator,
      ref: button.ref,
    }));
}

/** Whether the dialog is still on screen, after a moment for it to fade out. */
async function dialogStillShown(page: Page, selector: string): Promise<boolean> {
  for (let look = 0; look < 4; look++) {
    if (look > 0) await page.waitForTimeout(400);
    const shown = await dialogShows(page, selector).catch(() => null);
    if (shown === null) return false;
  }
  return true;
}

export async function handleConsentDialog(page: Page, recorder: CaptureRecorder, autoconsent: AutoconsentWatcher, signal: AbortSignal): Promise<void> {
  const found = await findDialog(page, recorder, autoconsent, signal);
  if (!found) {
    recorder.event('consent-dialog-not-found');
    recorder.note('No privacy or consent dialog was found in the consent phase (plan locators, autoconsent and discovery all looked).');
    return;
  }
  const recipe = recorder.plan.consent ?? {};
  const first = await probe(page, 'inventory', found.selector);
  if (!first) throw new Error(`the consent dialog (${found.selector}) disappeared before it could be read`);

  const rolesByRef = new Map<string, Button['role']>();
  const assignPlanRoles = async (): Promise<void> => {
    for (const [role, locator] of [['accept', recipe.accept], ['decline', recipe.decline], ['manage', recipe.manage], ['decline', recipe.declineInManage]] as const) {
      const ref = await refOf(page, locator);
      if (ref) rolesByRef.set(ref, role);
    }
  };
  await assignPlanRoles();
  const firstButtons = toButtons(first, rolesByRef);
  const screenshot = await recorder.snapshot('Consent dialog as first shown');
  recorder.notCollected('steps-to-accept', 'The capture never accepts a consent dialog, so the number of steps to accept was not measured.');

  const dialog: ConsentDialog = {
    eventId: '',
    phase: recorder.phaseOrLaunch,
    at: new Date().toISOString(),
    detectedBy: found.detectedBy,
    cmp: found.cmp,
    text: first.text,
    bounds: first.bounds,
    buttons: firstButtons.map(({ ref: _ref, ...button }) => button),
    checkboxes: first.checkboxes.map((checkbox) => ({ ...checkbox, ...(screenshot ? { screenshot } : {}) })),
    privacyLinks: first.privacyLinks,
    stepsToAccept: null, // never measured: the capture never accepts
    stepsToDecline: null,
    declined: false,
    screenshot,
    declineScreens: [],
  };

  // A tap is done once the dialog has changed (gone, or showing something else) and the page has
  // gone quiet, so the next screenshot and reading show the game's answer; at most the 600 ms
  // this used to wait whatever happened.
  const click = async (selector: string): Promise<void> => {
    const shownBefore = await dialogShows(page, found.selector).catch(() => null);
    await actAndSettle(page, () => page.locator(selector).first().click({ timeout: 5000 }), {
      maxMs: 600,
      changed: async () => (await dialogShows(page, found.selector)) !== shownBefore,
      signal,
    });
  };

  const declineNow = firstButtons.find((button) => button.role === 'decline');
  const manage = firstButtons.find((button) => button.role === 'manage');
  const detection = autoconsent.popupFound();
  // autoconsent knows a recognised platform's own way to refuse (its options screen, the purpose
  // switches to untick): used before our own walk through "manage", never only as a last resort.
  const autoconsentDecline = async (): Promise<boolean> => {
    if (!detection || detection.optOut) return false;
    const outcome = await autoconsent.optOut(detection);
    if (outcome.result) dialog.stepsToDecline ??= outcome.totalClicks ?? null;
    return outcome.result;
  };
  if (declineNow) {
    await click(declineNow.ref);
    dialog.stepsToDecline = 1;
    dialog.declined = true;
  } else if (detection && (await autoconsentDecline())) {
    dialog.declined = true;
  } else if (manage) {
    await click(manage.ref);
    const optionsScreen = await recorder.snapshot('Consent options after "manage"');
    if (optionsScreen) dialog.declineScreens.push(optionsScreen);
    const second = await probe(page, 'inventory', found.selector);
    if (second) {
      await assignPlanRoles();
      const secondButtons = toButtons(second, rolesByRef, 'manage').filter((button) => !firstButtons.some((earlier) => earlier.ref === button.ref));
      dialog.buttons.push(...secondButtons.map(({ ref: _ref, ...button }) => button));
      for (const checkbox of second.checkboxes) {
        // Boxes behind "manage" are on the options screen, not the first one: that is where a reader must look.
        if (!dialog.checkboxes.some((known) => known.label === checkbox.label)) dialog.checkboxes.push({ ...checkbox, ...(optionsScreen ? { screenshot: optionsScreen } : {}) });
      }
      for (const link of second.privacyLinks) {
        if (!dialog.privacyLinks.some((known) => known.href === link.href)) dialog.privacyLinks.push(link);
      }
      // "Reject all" first; "Confirm choices" saves the switches as shown, a decline only with none ticked.
      const ticked = second.checkboxes.filter((checkbox) => checkbox.checked);
      const explicit = secondButtons.find((button) => button.role === 'decline' && buttonRole(button.text) === 'decline');
      const saveChoices = ticked.length === 0 ? secondButtons.find((button) => button.role === 'decline') : undefined;
      const declineLater = explicit ?? saveChoices;
      if (declineLater) {
        await click(declineLater.ref);
        dialog.stepsToDecline = 2;
        dialog.declined = true;
      } else if (ticked.length > 0) {
        recorder.note(`The consent options had ${ticked.length} choice(s) already ticked (${ticked.map((checkbox) => checkbox.label).join(', ')}) and no "reject all"; saving them would not be a decline, so nothing was saved.`);
      }
    }
  }
  // The phase ends with the dialog gone, or says it is not: the settings phase must not read a
  // consent dialog's purpose switches as the game's settings.
  // Without a dialog element of its own (autoconsent found the platform, discovery no panel) there
  // is nothing to watch: closed stays unknown rather than guessed.
  const watchable = found.selector !== 'body';
  let stillOpen = watchable && (await dialogStillShown(page, found.selector));
  if (stillOpen && dialog.declined === false && (await autoconsentDecline())) {
    dialog.declined = true;
    stillOpen = watchable && (await dialogStillShown(page, found.selector));
  }
  if (watchable) dialog.closed = !stillOpen;
  if (stillOpen && dialog.declined) {
    dialog.declined = false;
    recorder.markIncomplete('The consent dialog was still shown after it was declined; the capture could not close it, so whether the game took the refusal was not seen.', ['consent']);
  }
  if (stillOpen) recorder.event('consent-dialog-left-open', { selector: found.selector });
  if (dialog.declined) {
    const after = await recorder.snapshot('After declining');
    if (after) dialog.declineScreens.push(after);
  } else {
    recorder.note('The consent dialog offered no decline path the capture could find; nothing was accepted, and the dialog was left open.');
  }
  dialog.eventId = recorder.event('consent-dialog', {
    detectedBy: dialog.detectedBy,
    cmp: dialog.cmp,
    stepsToAccept: dialog.stepsToAccept,
    stepsToDecline: dialog.stepsToDecline,
    declined: dialog.declined,
  });
  recorder.draft.consentDialogs.push(dialog);
  // Read once more from the screen model, as the buttons stood on the first screenshot.
  crossReadConsentLater(recorder, dialog, { tree: 'dom', buttons: firstButtons, links: first.privacyLinks.map((link) => link.text) });
}
