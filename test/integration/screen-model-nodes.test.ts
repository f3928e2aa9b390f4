// The screen model on real captures: each screenshot's .ocr.json holds the accessibility nodes of
// that moment (the DOM in Debian's Chromium, the page source through a real Appium 3 server and
// the project's simulated device) merged with what OCR read, each element saying where it came from.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
import type { ScreenElement } from '../../src/screen/screen-types.ts';

const demoDir = path.resolve(import.meta.dirname, '../../audits/demo');
const simulatedDevice: Device = { id: 'simulated-pixel', platform: 'android', simulated: true };
const directories: string[] = [];
let careful: Bundle;
let android: CaptureOutcome;
let appium: LocalAppiumServer;

function elementsOf(bundleDir: string, screenshots: Array<{ caption: string; ocrFile?: string }>, caption: string): ScreenElement[] {
  const screen = screenshots.find((entry) => entry.caption === caption);
  if (!screen?.ocrFile) throw new Error(`no reading for the screenshot "${caption}"`);
  return (JSON.parse(readFileSync(path.join(bundleDir, screen.ocrFile), 'utf8')) as { elements: ScreenElement[] }).elements;
}

beforeAll(async () => {
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'screen-nodes-web-'));
  directories.push(runDir);
  careful = readBundle((await auditGame({ loadedPlan: loadPlan(path.join(demoDir, 'demo-careful.yaml')), platform: 'web', runDir })).bundleDir);

  appium = await startLocalAppium();
  const bundleDir = mkdtempSync(path.join(os.tmpdir(), 'screen-nodes-android-'));
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

const summary = (element: ScreenElement | undefined): unknown[] =>
  element ? [element.text, element.source, element.role, element.locator, element.bounds, element.confidence] : [];

describe('the DOM joins the screen model (demo-careful in Chromium, Pixel 7: 2.625 screenshot pixels a CSS pixel)', () => {
  it('holds the consent dialog\'s buttons as accessibility elements, boxed in screenshot pixels', () => {
    const elements = elementsOf(careful.directory, careful.evidence.screenshots, 'Consent dialog as first shown');
    const named = (text: string): ScreenElement | undefined => elements.find((element) => element.text === text);
    // careful.css: two .choice buttons side by side in the dialog; Chromium's layout, times 2.625.
    expect(summary(named('No thanks'))).toEqual(['No thanks', 'accessibility', 'button', '#consent-reject', { x: 95, y: 1178, width: 431, height: 137 }, 1]);
    expect(summary(named("Yes, that's OK"))).toEqual(["Yes, that's OK", 'accessibility', 'button', '#consent-accept', { x: 557, y: 1178, width: 431, height: 137 }, 1]);
    expect(summary(named('Our privacy notice for kids'))).toEqual(['Our privacy notice for kids', 'accessibility', 'link', 'a', { x: 95, y: 1348, width: 487, height: 42 }, 1]);
    // The DOM names every word of this dialog, so OCR adds nothing it would only have read less surely.
    expect(elements.filter((element) => element.source === 'ocr')).toEqual([]);
    // The hidden dialogs (age question answered, location prompt never opened) are not in the model.
    expect(elements.some((element) => element.text === 'Use my location')).toBe(false);
  });
});

describe('the page source joins the screen model (the simulated Android device, leaky runner)', () => {
  it('holds the page source\'s nodes, scaled from the 1080-pixel page source to the 360-pixel screenshot', () => {
    const elements = elementsOf(android.bundleDir, android.evidence.screenshots, 'Consent dialog as first shown');
    const named = (text: string): ScreenElement | undefined => elements.find((element) => element.text === text);
    // audits/demo/android/screens/consent.xml: bounds="[100,1460][980,1640]", a third of it on the 360 × 800 screenshot.
    expect(summary(named('Accept all'))).toEqual(['Accept all', 'accessibility', 'android.widget.Button', 'accept-all', { x: 33, y: 487, width: 293, height: 60 }, 1]);
    // bounds="[400,1700][680,1760]"
    expect(summary(named('Manage options'))).toEqual(['Manage options', 'accessibility', 'android.widget.Button', 'manage-options', { x: 133, y: 567, width: 93, height: 20 }, 1]);
    // The WebView covers the screen: a container, kept as a node but never standing for what is drawn on it.
    expect(summary(named('Privacy and cookie settings'))).toEqual(['Privacy and cookie settings', 'accessibility', 'android.webkit.WebView', undefined, { x: 0, y: 0, width: 360, height: 800 }, 1]);
    // OCR's misreadings of the small print inside the text nodes are dropped: the node's words are given.
    expect(elements.filter((element) => element.source === 'ocr' && element.text.length > 1)).toEqual([]);
  });
});
