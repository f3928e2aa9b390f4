// The settings phase on the web: follow the plan's recipe to the settings screen and read every
// privacy control as found (label, kind, value, box), never changing one. Without a recipe,
// a visible "Settings" button is tried and every visible control is read.
import type { Page } from 'playwright-core';
import type { SettingControl, SettingsEvidence } from '../../evidence/schema.ts';
import type { RecipeStep } from '../../plan/schema.ts';
import type { CaptureRecorder } from '../recorder.ts';
import { probe } from './page-probe.ts';
import { planLocator } from './plan-locator.ts';
import { actAndSettle } from './page-settle.ts';
import { enterAgeByRecipe } from './age-gate.ts';
import { crossReadSettingsLater } from '../screen-cross-reading.ts';

/** The longest a recipe step waits for the game to answer it (the fixed pause it used to be). */
const stepSettleMs = 400;

export async function runStep(page: Page, step: RecipeStep, recorder: CaptureRecorder): Promise<void> {
  const settle = (action: () => Promise<void>): Promise<void> => actAndSettle(page, action, { maxMs: stepSettleMs });
  switch (step.action) {
    case 'tap':
      await settle(() => planLocator(page, step.target).first().click({ timeout: 10_000 }));
      return;
    case 'scroll':
      await settle(() => page.mouse.wheel(0, step.direction === 'up' ? -600 : 600));
      return;
    case 'back':
      await settle(() => page.keyboard.press('Escape'));
      return;
    case 'wait':
      // The plan asked for this pause: kept whole.
      await page.waitForTimeout(step.seconds * 1000);
      return;
    case 'enterAge':
      await enterAgeByRecipe(page, recorder, step);
      return;
  }
}

const locationWords = /locat|where you are|nearby|gps/i;

export async function readSettings(page: Page, recorder: CaptureRecorder): Promise<void> {
  const recipe = recorder.plan.settings;
  const controls: SettingControl[] = [];
  let source: SettingsEvidence['source'] = 'recipe';
  let note: string | undefined;

  if (recipe && (recipe.open.length > 0 || recipe.controls.length > 0)) {
    for (const step of recipe.open) await runStep(page, step, recorder);
    for (const control of recipe.controls) {
      const selector = control.target.css;
      let reading = selector ? await probe(page, 'readControl', [selector, control.kind]) : null;
      if (!reading && !selector) {
        // Non-CSS locators: tag the element so the probe can find it.
        const ref = await planLocator(page, control.target).first().evaluate((element) => {
          (element as HTMLElement).dataset.gameauditSetting = '1';
          return '[data-gameaudit-setting="1"]';
        }).catch(() => undefined);
        if (ref) reading = await probe(page, 'readControl', [ref, control.kind]);
        await page.evaluate('document.querySelector("[data-gameaudit-setting]")?.removeAttribute("data-gameaudit-setting")');
      }
      if (!reading) {
        recorder.note(`Setting "${control.name}" was not found on the settings screen (${selector ?? 'locator'}).`);
        continue;
      }
      controls.push({
        name: control.name,
        label: control.label ?? reading.label,
        kind: control.kind,
        value: reading.value,
        options: reading.options,
        bounds: reading.bounds,
        locator: selector,
        groupLabel: reading.groupLabel,
      });
    }
  } else {
    source = 'discovery';
    const opener = page.getByRole('button', { name: /settings|options|⚙/i }).first();
    if (await opener.isVisible().catch(() => false)) {
      await actAndSettle(page, () => opener.click({ timeout: 5000 }).catch(() => undefined), { maxMs: stepSettleMs });
    } else {
      await page.waitForTimeout(stepSettleMs);
    }
    for (const found of await probe(page, 'visibleControls')) {
      const reading = await probe(page, 'readControl', [found.ref, found.kind]);
      if (reading) controls.push({ label: reading.label, kind: found.kind, value: reading.value, options: reading.options, bounds: reading.bounds, locator: found.locator, groupLabel: reading.groupLabel });
    }
    note = 'No settings recipe in the plan: controls were discovered on the screen a "Settings" button opened.';
  }

  const screenshot = await recorder.snapshot('Settings as found');
  const extras = await probe(page, 'settingsExtras');
  for (const control of controls) {
    control.eventId = recorder.event('setting-read', { name: control.name, label: control.label, kind: control.kind, value: control.value });
    if (locationWords.test(control.label)) recorder.draft.geolocation.inAppLocationControls?.push({ label: control.label, value: control.value });
  }
  recorder.draft.settings = {
    source,
    readable: controls.length > 0,
    note: controls.length > 0 ? note : `${note ? `${note} ` : ''}No privacy control could be read.`,
    screenshot,
    controls,
    parentalControls: extras.parentalControls,
    privacyLinks: extras.privacyLinks,
  };
  crossReadSettingsLater(recorder, 'dom');
}
