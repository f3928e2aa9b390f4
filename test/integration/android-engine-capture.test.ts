// The canvas demo game as a Unity build on the simulated Android device
// (audits/demo/android/star-engine.device.yaml), through a real Appium 3 server, the project's
// simulated driver and the real capture proxy. Its page source is one unitySurfaceView node, so
// everything asserted here was read from the screenshots and tapped with W3C finger actions.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAndroidCapture } from '../../src/capture/android/create-android-capture.ts';
import { startLocalAppium, type LocalAppiumServer } from '../../src/capture/appium/local-appium-server.ts';
import { startCaptureProxy } from '../../src/capture/proxy/start-proxy.ts';
import { runCapture, type CaptureOutcome } from '../../src/capture/session.ts';
import { loadPlan } from '../../src/plan/load.ts';
import type { Device } from '../../src/plan/schema.ts';

const simulatedDevice: Device = { id: 'simulated-pixel', platform: 'android', simulated: true };
let appium: LocalAppiumServer;
let outcome: CaptureOutcome;
let bundleDir: string;

beforeAll(async () => {
  appium = await startLocalAppium();
  bundleDir = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-engine-'));
  const loadedPlan = loadPlan(path.resolve('audits/demo/demo-engine-android.yaml'));
  const proxy = await startCaptureProxy({ spoolFile: path.join(bundleDir, '.network-spool.ndjson'), upstream: 'offline' });
  try {
    const driver = await createAndroidCapture({ loadedPlan, device: simulatedDevice, proxy, appiumUrl: appium.url });
    outcome = await runCapture({ loadedPlan, driver, proxy, bundleDir });
  } finally {
    await proxy.stop();
  }
}, 240_000);
afterAll(async () => {
  await appium?.stop();
  rmSync(bundleDir, { recursive: true, force: true });
});

describe('the engine screen of the simulated device, read from pixels', () => {
  it('reads the drawn consent dialog and declines it with a finger tap on "No thanks"', () => {
    const [dialog] = outcome.evidence.consentDialogs;
    expect(dialog).toMatchObject({ detectedBy: 'screen-reading', declined: true, closed: true, stepsToDecline: 1 });
    expect(dialog!.buttons.map((button) => [button.text, button.role, button.pixels?.shape])).toEqual([
      ['Accept all', 'accept', 'filled'],
      ['No thanks', 'decline', 'none'],
      ['Privacy policy', 'link', 'none'],
    ]);
    // The device's own log: the finger landed on the drawn "No thanks", never on "Accept all".
    const screens = outcome.evidence.screenshots.map((screen) => screen.caption);
    expect(screens).toContain('After declining (read from pixels)');
    expect(outcome.evidence.notCollected?.some((entry) => entry.item === 'consent-dialog')).toBe(false);
  });

  it('reads the default settings from the switches, check box, radio pair and drop-down drawn on the surface', () => {
    expect(outcome.evidence.settings).toMatchObject({ source: 'recipe', readable: true });
    expect(outcome.evidence.settings.controls.map((control) => [control.name, control.label, control.value, control.pixels?.confidence])).toEqual([
      ['personalisedAds', 'Personalised ads', true, 0.95],
      ['locationSharing', 'Share my location', false, 0.95],
      ['gameNews', 'Send me game news', true, 0.95],
      ['scoresShownTo', 'Who sees my scores', 'Everyone', 0.95],
      ['chatWith', 'Chat with', 'Anyone', 0.95],
    ]);
    // Device pixels on Android: the track drawn at 880,287 (140 × 75) as found on the 3-pixel grid.
    expect(outcome.evidence.settings.controls[0]!.bounds).toEqual({ x: 882, y: 288, width: 138, height: 75 });
  });

  it('is complete, and carries the installed APK that pm path names, hashed and inspected as a Unity build', () => {
    expect(outcome.evidence.incompleteReasons).toEqual([]);
    expect(outcome.evidence.status).toBe('complete');
    // sha256sum of test/fixtures/packages/star-engine.apk, the file the simulated device holds.
    expect(outcome.evidence.packageInspection?.files).toEqual([{ path: 'package/base.apk', role: 'apk', sha256: '43d5ed68ef1d699ad17447896fa2fdd4c82ba487baee3620bf691e52c4d89a6c', bytes: 8533 }]);
    expect(outcome.evidence.packageInspection?.android?.manifests[0]).toMatchObject({ package: 'com.demogames.starengine', versionName: '3.2.0', versionCode: 320 });
  });

  it('keeps the real page source beside each screenshot: one unitySurfaceView node', () => {
    const tree = outcome.evidence.screenshots.find((screen) => screen.caption === 'Settings as found (read from pixels)')!.uiTreeFile!;
    const xml = readFileSync(path.join(bundleDir, tree), 'utf8');
    expect(xml).toContain('resource-id="com.demogames.starengine:id/unitySurfaceView"');
    expect(xml).toContain('content-desc="Game view"');
  });
});
