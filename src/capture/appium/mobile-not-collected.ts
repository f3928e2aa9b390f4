// What the Appium capture (Android and iOS) does not look for or cannot read, in one place, so the
// evidence says "not looked for on this device" and no check reads the silence as "there is none".
// The walks record the items they skip as they run; the drivers record the rest when they open.
import type { NotCollectedItem } from '../../evidence/schema.ts';
import type { CaptureRecorder } from '../recorder.ts';

export const notCollectedOnMobile = {
  'privacy-links':
    'The mobile consent and settings walks do not read where a link or button leads, so links to a privacy notice were not looked for on this device.',
  'parental-controls':
    'The mobile settings walk reads switches, checkboxes, radio buttons and drop-downs only, so parental controls were not looked for on this device.',
  'age-gate': 'The mobile capture has no finder for an age or birth-date question, so an age question was not looked for on this device.',
  'consent-dialog':
    'The screen in the consent phase is drawn on one canvas by the game engine (as Unity and Unreal games are), so a consent dialog drawn there cannot be read from the page source; the screenshot shows what the child saw.',
  'steps-to-accept': 'The capture never accepts a consent dialog, so the number of steps to accept was not measured.',
  'permission-explanations':
    "The mobile capture records the system's permission dialogs but does not look for the game's own explanation shown before them.",
  storage: "The mobile capture does not read the app's stored data (shared preferences, files, databases).",
  'app-ops': 'iOS offers no adb, so the app operations the game used (app-ops) were not read.',
  'location-history': "iOS offers no dumpsys location, so the system's record of the game's location requests was not read.",
  'location-requests': "iOS gives the capture no record of an app's location requests, so the game's own requests for the location were not recorded; only the system's location alerts are.",
  permissions: 'iOS exposes no per-app permission dump, so the permissions the game declares were not read; only the system alerts seen are recorded.',
} as const satisfies Partial<Record<NotCollectedItem, string>>;

const notLookedForOnAndroid = ['age-gate', 'permission-explanations', 'storage'] as const;
const notLookedForOnIos = [...notLookedForOnAndroid, 'app-ops', 'location-history', 'location-requests', 'permissions'] as const;

/** Called by a mobile driver when it opens: the items no part of that capture path collects. */
export function recordMobileNotCollected(recorder: CaptureRecorder, platform: 'android' | 'ios'): void {
  for (const item of platform === 'android' ? notLookedForOnAndroid : notLookedForOnIos) recorder.notCollected(item, notCollectedOnMobile[item]);
}
