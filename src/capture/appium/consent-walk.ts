// The consent phase on a native screen: find the first privacy/consent dialog, record it with
// its buttons and their sizes, then decline it by the shortest path that exists (a decline
// button, or "manage" and then decline), counting the steps each answer takes.
import type { Button, ConsentDialog } from '../../evidence/schema.ts';
import type { CaptureRecorder } from '../recorder.ts';
import { dialogButtons, findConsentDialog } from './consent-dialog-finder.ts';
import { locatorToXpath } from './locator-xpath.ts';
import type { MobileScreen } from './mobile-screen.ts';
import type { UiNode } from './page-source.ts';
import { looksCanvasOnly } from './ui-controls.ts';
import { notCollectedOnMobile } from './mobile-not-collected.ts';

export async function walkConsent(screen: MobileScreen, recorder: CaptureRecorder, exclude: (node: UiNode) => boolean): Promise<void> {
  const recipe = recorder.plan.consent;
  recorder.notCollected('privacy-links', notCollectedOnMobile['privacy-links']);
  const { root } = await screen.source();
  const dialog = findConsentDialog(root, screen.platform, recipe, exclude);
  if (!dialog) {
    if (looksCanvasOnly(root)) recorder.notCollected('consent-dialog', notCollectedOnMobile['consent-dialog']);
    recorder.note('No privacy or consent dialog was found on the screen in the consent phase.');
    await recorder.snapshot('No consent dialog found');
    return;
  }
  const screenshot = await recorder.snapshot('Consent dialog as first shown');
  const eventId = recorder.event('consent-dialog', { detectedBy: dialog.detectedBy, text: dialog.text.slice(0, 500), buttons: dialog.buttons.map((button) => `${button.role}: ${button.text}`) });
  const byRole = (role: Button['role'], buttons: Button[] = dialog.buttons): Button | undefined => buttons.find((button) => button.role === role);
  const declineScreens: string[] = [];
  let stepsToDecline: number | null = null;
  let declined = false;

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
    declined = await tap(directDecline, 'the decline button');
    if (declined) stepsToDecline = 1;
  } else if (manage) {
    if (await tap(manage, 'the manage-options button')) {
      const shot = await recorder.snapshot('Consent options after "manage"');
      if (shot) declineScreens.push(shot);
      let second = recipe?.declineInManage ? locatorToXpath(recipe.declineInManage, screen.platform) : undefined;
      if (!second) {
        const after = await screen.source();
        const again = findConsentDialog(after.root, screen.platform, undefined, exclude);
        second = [...(again?.buttons ?? []), ...dialogButtons(after.root, exclude)].find((button) => button.role === 'decline')?.locator;
      }
      if (second) {
        declined = await tap(second, 'the decline button under "manage"');
        if (declined) stepsToDecline = 2;
      }
    }
  }
  if (!declined) recorder.note('The consent dialog could not be declined: no decline path was found or it could not be tapped.');
  const after = await recorder.snapshot(declined ? 'After declining consent' : 'Consent dialog left open');
  if (after && declined) declineScreens.push(after);

  const record: ConsentDialog = {
    eventId,
    phase: recorder.phaseOrLaunch,
    at: new Date().toISOString(),
    detectedBy: dialog.detectedBy,
    text: dialog.text,
    bounds: undefined,
    buttons: dialog.buttons,
    checkboxes: dialog.checkboxes,
    privacyLinks: [],
    stepsToAccept: null, // never measured: the capture never accepts
    stepsToDecline,
    declined,
    screenshot,
    declineScreens,
  };
  recorder.notCollected('steps-to-accept', notCollectedOnMobile['steps-to-accept']);
  recorder.draft.consentDialogs.push(record);
}
