// The consent dialog read both ways on real captures: the DOM finder (Debian's Chromium, the demo's
// careful game, audits/demo/sites/careful/index.html) and the page-source finder (a real Appium 3
// server and the project's simulated device, audits/demo/android/screens/consent.xml) beside the
// screen-model finder that canvas games use, run on the same screenshot's model.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAndroidCapture } from '../../src/capture/android/create-android-capture.ts';
import { startLocalAppium, type LocalAppiumServer } from '../../src/capture/appium/local-appium-server.ts';
import { startCaptureProxy } from '../../src/capture/proxy/start-proxy.ts';
import { runCapture, type CaptureOutcome } from '../../src/capture/session.ts';
import { auditGame } from '../../src/cli/audit-game.ts';
import { readBundle, type Bundle } from '../../src/evidence/bundle-reader.ts';
import { loadPlan } from '../../src/plan/load.ts';
import type { Device } from '../../src/plan/schema.ts';

const demoDir = path.resolve(import.meta.dirname, '../../audits/demo');
const simulatedDevice: Device = { id: 'simulated-pixel', platform: 'android', simulated: true };
const directories: string[] = [];
let careful: Bundle;
let android: CaptureOutcome;
let appium: LocalAppiumServer;

beforeAll(async () => {
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'cross-reading-web-'));
  directories.push(runDir);
  careful = readBundle((await auditGame({ loadedPlan: loadPlan(path.join(demoDir, 'demo-careful.yaml')), platform: 'web', runDir })).bundleDir);

  appium = await startLocalAppium();
  const bundleDir = mkdtempSync(path.join(os.tmpdir(), 'cross-reading-android-'));
  directories.push(bundleDir);
  const loadedPlan = loadPlan(path.join(demoDir, 'demo-android.yaml'));
  const proxy = await startCaptureProxy({ spoolFile: path.join(bundleDir, '.network-spool.ndjson'), upstream: 'offline' });
  try {
    const driver = await createAndroidCapture({ loadedPlan, device: simulatedDevice, proxy, appiumUrl: appium.url });
    android = await runCapture({ loadedPlan, driver, proxy, bundleDir });
  } finally {
    await proxy.stop();
  }
}, 420_000);

afterAll(async () => {
  await appium?.stop();
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

describe('the careful game\'s consent dialog, read from the DOM and from the screen model (Chromium)', () => {
  it('finds the DOM\'s three buttons with the same roles and no others (the game\'s gear above the dialog is outside its panel)', () => {
    const dialog = careful.evidence.consentDialogs[0]!;
    // index.html: two .choice buttons, then the small-print link inside the dialog.
    expect(dialog.buttons.map((button) => [button.text, button.role])).toEqual([['No thanks', 'decline'], ["Yes, that's OK", 'accept'], ['Our privacy notice for kids', 'link']]);
    const reading = dialog.screenModelReading!;
    expect(reading.screenshot).toBe(dialog.screenshot);
    expect(reading.dialogFound).toBe(true);
    expect(reading.comparedWith).toBe('dom');
    expect(reading.buttons.map((button) => [button.text, button.role, button.source])).toEqual([
      // index.html line 17: the game's ⚙ button (aria-label "Settings") stays on screen above the
      // dialog, outside the panel the dialog is drawn on, so it is not one of the dialog's choices.
      ['No thanks', 'decline', 'accessibility'],
      ["Yes, that's OK", 'accept', 'accessibility'],
      ['Our privacy notice for kids', 'link', 'accessibility'],
    ]);
    // careful.css laid out by Chromium, times the Pixel 7's 2.625 (as test/integration/screen-model-nodes.test.ts reads it).
    expect(reading.buttons[0]!.bounds).toEqual({ x: 95, y: 1178, width: 431, height: 137 });
    expect(reading.agrees).toBe(true);
    expect(reading.disagreements).toEqual([]);
  });
});

describe('the leaky runner\'s consent dialog, read from the page source and from the screen model (simulated Android device)', () => {
  it('finds the page source\'s three buttons with the same roles and no others (the full-screen WebView\'s title is a container)', () => {
    const dialog = android.evidence.consentDialogs[0]!;
    // consent.xml: the clickable "Privacy policy" text, the "Accept all" and "Manage options"
    // buttons; then the options screen's two (consent-manage.xml), which the screenshot does not show.
    // Its purposes' switches come checked (consent-manage.xml lines 12-28), so "Confirm choices" accepts them.
    expect(dialog.buttons.map((button) => [button.text, button.role])).toEqual([
      ['Privacy policy', 'link'], ['Accept all', 'accept'], ['Manage options', 'manage'], ['Confirm choices', 'accept'], ['Reject all', 'decline'],
    ]);
    const reading = dialog.screenModelReading!;
    expect(reading.comparedWith).toBe('page-source');
    expect(reading.screenshot).toBe(dialog.screenshot);
    expect(reading.dialogFound).toBe(true);
    expect(reading.buttons.map((button) => [button.text, button.role, button.source])).toEqual([
      // consent.xml line 6: the WebView that covers the screen is titled "Privacy and cookie
      // settings"; a node over a quarter of the screen is a container, not a choice.
      ['Privacy policy', 'link', 'accessibility'],
      ['Accept all', 'accept', 'accessibility'],
      ['Manage options', 'manage', 'accessibility'],
    ]);
    // bounds="[100,1460][980,1640]" on the 1080-pixel page source, a third of it on the 360-pixel screenshot.
    expect(reading.buttons[1]!.bounds).toEqual({ x: 33, y: 487, width: 293, height: 60 });
    expect(reading.agrees).toBe(true);
    expect(reading.disagreements).toEqual([]);
    expect(android.evidence.notes.filter((note) => note.startsWith('The consent dialog read from the screen model'))).toEqual([]);
  });
});

describe('the settings screens, read from the DOM / page source and from the switches the screen model reads', () => {
  it('the careful game (Chromium): the DOM gives both switches off; the pixel readers read no switch drawn beside either label', () => {
    // index.html lines 64 and 70: <input type="checkbox" role="switch"> without `checked`.
    expect(careful.evidence.settings.screenModelReading).toEqual({
      screenshot: careful.evidence.settings.screenshot,
      comparedWith: 'dom',
      controls: [
        { label: 'Personalised ads', kind: 'switch', value: false, onScreen: null },
        { label: 'Share my location with other players', kind: 'switch', value: false, onScreen: null },
      ],
      agrees: false,
      disagreements: [
        '"Personalised ads" is off in the DOM; the screen model read no switch state beside it.',
        '"Share my location with other players" is off in the DOM; the screen model read no switch state beside it.',
      ],
    });
  });

  it('the leaky runner (simulated Android device): the check box read the same both ways; the switches not read surely from pixels', () => {
    // settings.xml: the "Personalised ads" and "Share my location with friends" Switches and the
    // "Send usage statistics" CheckBox, all checked="true".
    expect(android.evidence.settings.screenModelReading).toEqual({
      screenshot: android.evidence.settings.screenshot,
      comparedWith: 'page-source',
      controls: [
        { label: 'Personalised ads', kind: 'switch', value: true, onScreen: null },
        { label: 'Share my location with friends', kind: 'switch', value: true, onScreen: null, confidence: 0.7 },
        { label: 'Send usage statistics', kind: 'checkbox', value: true, onScreen: true, confidence: 0.94 },
      ],
      agrees: false,
      disagreements: [
        '"Personalised ads" is on in the page source; the screen model read no switch state beside it.',
        '"Share my location with friends" is on in the page source; the screen model read no switch state beside it with the plan\'s confidence (0.7).',
      ],
    });
  });
});
