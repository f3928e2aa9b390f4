// The mobile walks say what they did not look for: on a Unity game drawn on one surface (a real
// page source, test/fixtures/adb/page-source-unity-arknights.xml) the consent walk records that a
// dialog could not be looked for, and on the demo app it records the dialog with steps to accept
// unmeasured (the capture never accepts) instead of an assumed 1.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isPermissionControllerNode } from '../../src/capture/android/permission-dialog.ts';
import { walkConsent } from '../../src/capture/appium/consent-walk.ts';
import { recordMobileNotCollected } from '../../src/capture/appium/mobile-not-collected.ts';
import type { MobileScreen } from '../../src/capture/appium/mobile-screen.ts';
import { parsePageSource } from '../../src/capture/appium/page-source.ts';
import { walkSettings } from '../../src/capture/appium/settings-walk.ts';
import { CaptureRecorder } from '../../src/capture/recorder.ts';
import { BundleWriter } from '../../src/evidence/bundle-writer.ts';
import { loadPlan } from '../../src/plan/load.ts';

const unityArknights = readFileSync(new URL('../fixtures/adb/page-source-unity-arknights.xml', import.meta.url), 'utf8');
const demoApp = readFileSync(new URL('../fixtures/adb/page-source-demo-one-tree.xml', import.meta.url), 'utf8');

const scratch = mkdtempSync(path.join(os.tmpdir(), 'mobile-not-collected-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A plan with no consent or settings recipe: the walks must find things by themselves. */
function planWithoutRecipes(): ReturnType<typeof loadPlan> {
  const file = path.join(scratch, 'unity-game.yaml');
  writeFileSync(file, 'id: unity-game\ntitle: Unity Game\npublisher: Someone\nplatforms:\n  android:\n    package: com.YoStarJP.Arknights\n');
  return loadPlan(file);
}

/** A screen that always shows one page source; taps are accepted and change nothing. */
function staticScreen(xml: string): MobileScreen {
  return {
    platform: 'android',
    source: async () => ({ root: parsePageSource(xml), xml }),
    tap: async () => undefined,
    tapAt: async () => undefined,
    size: () => ({ width: 2560, height: 1440 }),
    scroll: async () => undefined,
    back: async () => undefined,
    attributes: async () => ({}),
    typeText: async () => undefined,
    whereNow: async () => ({}),
  };
}

function newRecorder(name: string): CaptureRecorder {
  const draft = { consentDialogs: [], geolocation: { calls: [] }, notes: [], incompleteReasons: [] } as unknown as ConstructorParameters<typeof CaptureRecorder>[2];
  const recorder = new CaptureRecorder(new BundleWriter(path.join(scratch, name)), planWithoutRecipes(), draft);
  recorder.enterPhase('consent');
  return recorder;
}

describe('what the mobile walks record as not collected', () => {
  it('on a Unity surface: no dialog, and a note that none could be looked for, rather than "none shown"', async () => {
    const recorder = newRecorder('unity');
    await walkConsent(staticScreen(unityArknights), recorder, isPermissionControllerNode);
    expect(recorder.draft.consentDialogs).toEqual([]);
    expect(recorder.draft.notCollected?.map((entry) => entry.item)).toEqual(['privacy-links', 'consent-dialog']);
    expect(recorder.draft.notCollected?.[1]?.reason).toMatch(/drawn on one canvas by the game engine/);
  });

  it('on a Unity surface: settings and parental controls are recorded as not read', async () => {
    const recorder = newRecorder('unity-settings');
    recorder.enterPhase('settings');
    await walkSettings(staticScreen(unityArknights), recorder, isPermissionControllerNode, new AbortController().signal);
    expect(recorder.draft.settings).toMatchObject({ source: 'discovery', readable: false, controls: [] });
    expect(recorder.draft.notCollected?.map((entry) => entry.item)).toEqual(['privacy-links', 'parental-controls', 'settings']);
  });

  it('on a native dialog: records it, with steps to accept null and flagged, and no canvas flag', async () => {
    const recorder = newRecorder('demo');
    await walkConsent(staticScreen(demoApp), recorder, isPermissionControllerNode);
    expect(recorder.draft.consentDialogs).toHaveLength(1);
    expect(recorder.draft.consentDialogs[0]).toMatchObject({ stepsToAccept: null });
    expect(recorder.draft.notCollected).toEqual([
      { item: 'privacy-links', reason: 'The mobile consent and settings walks do not read where a link or button leads, so links to a privacy notice were not looked for on this device.' },
      { item: 'steps-to-accept', reason: 'The capture never accepts a consent dialog, so the number of steps to accept was not measured.' },
    ]);
  });

  it('records each item once, keeping the first reason', () => {
    const recorder = newRecorder('once');
    recorder.notCollected('age-gate', 'first reason');
    recorder.notCollected('age-gate', 'second reason');
    expect(recorder.draft.notCollected).toEqual([{ item: 'age-gate', reason: 'first reason' }]);
  });

  it('the drivers record, when they open, what no part of their path collects: iOS lacks adb as well', () => {
    const android = newRecorder('android-open');
    recordMobileNotCollected(android, 'android');
    expect(android.draft.notCollected?.map((entry) => entry.item)).toEqual(['age-gate', 'permission-explanations', 'storage']);
    const ios = newRecorder('ios-open');
    recordMobileNotCollected(ios, 'ios');
    expect(ios.draft.notCollected?.map((entry) => entry.item)).toEqual(['age-gate', 'permission-explanations', 'storage', 'app-ops', 'location-history', 'location-requests', 'permissions']);
  });
});
