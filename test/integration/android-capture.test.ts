// The whole Android capture through a real Appium 3 server, the project's simulated driver
// (simulated-device/, playing audits/demo/android/leaky-runner.device.yaml) and the real capture
// proxy: what an investigator would look for in the bundle. The screens really change on taps, so
// "declined in two steps" and "settings opened" are checked against the screens actually shown:
// each screenshot is compared byte for byte with the PNG committed for that screen.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndroidCapabilities } from '../../src/capture/android/android-capabilities.ts';
import { createAndroidCapture } from '../../src/capture/android/create-android-capture.ts';
import { openAppiumSession } from '../../src/capture/appium/open-session.ts';
import { freePort, startLocalAppium, type LocalAppiumServer } from '../../src/capture/appium/local-appium-server.ts';
import { startCaptureProxy } from '../../src/capture/proxy/start-proxy.ts';
import { runCapture, type CaptureOutcome } from '../../src/capture/session.ts';
import { HarSchema } from '../../src/evidence/har.ts';
import { loadPlan, type LoadedPlan } from '../../src/plan/load.ts';
import type { Device } from '../../src/plan/schema.ts';

const planFile = path.resolve('audits/demo/demo-android.yaml');
const simulatedDevice: Device = { id: 'simulated-pixel', platform: 'android', simulated: true };
/** The committed screenshot of one screen of the simulated game. */
const screenPng = (screen: string): Buffer => readFileSync(path.resolve(`audits/demo/android/screens/${screen}.png`));
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
let appium: LocalAppiumServer;
const directories: string[] = [];

async function capture(loadedPlan: LoadedPlan, appiumUrl: string): Promise<CaptureOutcome & { har: ReturnType<typeof HarSchema.parse> }> {
  const bundleDir = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-android-'));
  directories.push(bundleDir);
  const proxy = await startCaptureProxy({ spoolFile: path.join(bundleDir, '.network-spool.ndjson'), upstream: 'offline' });
  try {
    const driver = await createAndroidCapture({ loadedPlan, device: simulatedDevice, proxy, appiumUrl });
    const outcome = await runCapture({ loadedPlan, driver, proxy, bundleDir });
    const har = HarSchema.parse(JSON.parse(readFileSync(path.join(bundleDir, 'network.har'), 'utf8')));
    return { ...outcome, har };
  } finally {
    await proxy.stop();
  }
}

beforeAll(async () => {
  appium = await startLocalAppium();
});
afterAll(async () => {
  await appium?.stop();
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

describe('Android capture on the simulated device', () => {
  it('records the permission dialog unanswered at launch and denies it, never granting', async () => {
    const { evidence, bundleDir, har } = await capture(loadPlan(planFile), appium.url);
    expect(evidence.status).toBe('complete');
    expect(evidence.device.kind).toBe('simulated');
    expect(evidence.device.name).toMatch(/simulated device/);
    expect(evidence.notes.join(' ')).toMatch(/Simulated device: no phone or emulator was used/);
    // H8: the authored adb outputs and traffic are never described as recorded on a phone
    expect(evidence.notes.join(' ')).toMatch(/authored in the format of Android 13/);
    expect(evidence.notes.join(' ')).not.toMatch(/recorded on|recordings made|real device|real phone/i);
    expect(evidence.device.name).toBe('Pixel 6 (simulated device: gameaudit\'s simulated Appium driver, authored adb outputs)');

    // Permission prompt: shown at launch, location, denied (not granted), with its buttons
    expect(evidence.permissionPrompts).toHaveLength(1);
    const prompt = evidence.permissionPrompts[0]!;
    expect(prompt).toMatchObject({ phase: 'launch', group: 'location', answer: 'denied' });
    expect(prompt.text).toMatch(/access this device.s location/);
    expect(prompt.buttons.map((button) => [button.text, button.role])).toEqual([
      ['While using the app', 'accept'],
      ['Only this time', 'accept'],
      ['Don’t allow', 'decline'],
    ]);
    expect(prompt.text).toBe('Allow Leaky Runner to access this device’s location?');
    const shot = (file: string | undefined): Buffer => readFileSync(path.join(bundleDir, file!));
    expect(shot(prompt.screenshot).equals(screenPng('location-permission'))).toBe(true);
    const events = readFileSync(path.join(bundleDir, 'events.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { type: string; phase: string | null });
    expect(events.filter((event) => event.type === 'tap' && event.phase === 'launch')).toEqual([]);
    expect(events.some((event) => event.type === 'permission-denied' && event.phase === 'consent')).toBe(true);

    // Consent: found by the plan, accept in one tap, decline needs two, declined
    expect(evidence.consentDialogs).toHaveLength(1);
    expect(evidence.consentDialogs[0]).toMatchObject({ detectedBy: 'plan', stepsToAccept: null, stepsToDecline: 2, declined: true });
    // What the mobile capture did not look for is listed, so no check reads it as absent.
    expect(evidence.notCollected.map((entry) => entry.item)).toEqual(['age-gate', 'permission-explanations', 'storage', 'privacy-links', 'steps-to-accept', 'parental-controls']);
    const consent = evidence.consentDialogs[0]!;
    const accept = consent.buttons.find((button) => button.role === 'accept')!;
    const manage = consent.buttons.find((button) => button.role === 'manage')!;
    expect(accept.bounds!.width * accept.bounds!.height).toBeGreaterThan(5 * manage.bounds!.width * manage.bounds!.height);
    // The denial really moved the device on to the consent form, "Manage options" really opened the
    // options screen and "Reject all" really closed it: each step is the screenshot of its own screen.
    expect(shot(consent.screenshot).equals(screenPng('consent'))).toBe(true);
    expect(consent.declineScreens).toHaveLength(2);
    expect(shot(consent.declineScreens[0]).equals(screenPng('consent-manage'))).toBe(true);
    expect(shot(consent.declineScreens[1]).equals(screenPng('game'))).toBe(true);
    // The page source saved beside the "manage" screenshot is the options screen's, with its purpose switches
    const manageTree = readFileSync(path.join(bundleDir, consent.declineScreens[0]!.replace(/\.png$/, '.xml')), 'utf8');
    expect(manageTree).toContain('resource-id="reject-all"');
    expect(manageTree).toContain('text="Create profiles for personalised advertising"');
    expect(manageTree).not.toContain('resource-id="accept-all"');
    const taps = events.filter((event) => event.type === 'tap').map((event) => (event as unknown as { xpath: string }).xpath);
    expect(taps).toEqual([
      '//*[@resource-id="manage-options"]',
      '//*[@resource-id="reject-all"]',
      '//*[@content-desc="Settings"]',
    ]);

    // Settings: read from the screen, values as found
    expect(evidence.settings).toMatchObject({ source: 'recipe', readable: true });
    // The gear on the game screen really opened the settings screen
    expect(shot(evidence.settings.screenshot).equals(screenPng('settings'))).toBe(true);
    // Every step of the capture shows a different screen
    const steps = [prompt.screenshot, consent.screenshot, ...consent.declineScreens, evidence.settings.screenshot].map((file) => sha256(shot(file)));
    expect(new Set(steps).size).toBe(5);
    const byName = Object.fromEntries(evidence.settings.controls.map((control) => [control.name, control.value]));
    expect(byName).toEqual({ personalisedAds: true, locationSharing: true, usageStatistics: true, chatWith: 'Everyone', profileVisibility: 'Public' });
    expect(evidence.settings.controls.find((control) => control.name === 'personalisedAds')?.label).toBe('Personalised ads');

    // Location and permissions from the recorded adb outputs
    expect(evidence.geolocation.calls.map((call) => [call.api, call.phase])).toEqual([
      ['android-location-request', 'launch'],
      ['android-location-request', 'launch'],
    ]);
    expect(evidence.geolocation.calls[0]!.detail).toMatch(/COARSE_LOCATION.*refused/);
    expect(evidence.geolocation.permissionState).toBe('denied');
    const fine = evidence.permissions.find((permission) => permission.name === 'android.permission.ACCESS_FINE_LOCATION');
    expect(fine).toMatchObject({ group: 'location', runtime: true, granted: false });
    expect(evidence.permissions.find((permission) => permission.name === 'com.google.android.gms.permission.AD_ID')).toMatchObject({ group: 'tracking', runtime: false, granted: true });
    expect(evidence.android).toMatchObject({ package: 'com.demogames.leakyrunner', versionName: '3.2.0', androidId: '5f2c9a71e04b3d86' });
    expect(evidence.android!.rawFiles).toContain('device/final-dumpsys-package.txt');
    expect(readFileSync(path.join(bundleDir, 'device/final-dumpsys-package.txt'), 'utf8')).toContain('Package [com.demogames.leakyrunner]');
    expect(evidence.learnedIdentifiers).toContainEqual(expect.objectContaining({ kind: 'androidId', value: '5f2c9a71e04b3d86', source: 'identifiers file: androidIdByPackage com.demogames.leakyrunner' }));

    // Traffic: replayed through the real proxy in the launch phase, pinned host recorded as a TLS failure
    const entries = har.log.entries;
    const gma = entries.find((entry) => entry.request.url.startsWith('https://googleads.g.doubleclick.net/mads/gma'));
    expect(gma?._phase).toBe('launch');
    expect(gma?.request.url).toContain('rdid=6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f');
    const applovin = entries.find((entry) => entry.request.url === 'https://ms.applovin.com/1.0/mediate');
    expect(applovin?.request.postData?.text).toContain('"lat":51.501009');
    const refused = entries.filter((entry) => entry._tlsFailure);
    expect(refused.map((entry) => entry._tlsFailure!.host)).toEqual(['api.leakyrunner-game.com']);
    expect(entries.every((entry) => entry._phase === 'launch')).toBe(true);
  });

  it('discovers the consent dialog and the settings by their words when the plan gives no recipe', async () => {
    const loaded = loadPlan(planFile);
    const plan = { ...loaded.plan, consent: undefined, settings: undefined };
    const { evidence, bundleDir } = await capture({ ...loaded, plan }, appium.url);
    expect(evidence.consentDialogs[0]).toMatchObject({ detectedBy: 'discovery', declined: true, stepsToDecline: 2 });
    expect(readFileSync(path.join(bundleDir, evidence.consentDialogs[0]!.declineScreens[0]!)).equals(screenPng('consent-manage'))).toBe(true);
    expect(evidence.settings.source).toBe('discovery');
    // Found by its words on the game screen (the gear's content-desc), tapped, and the settings screen shown
    expect(readFileSync(path.join(bundleDir, evidence.settings.screenshot!)).equals(screenPng('settings'))).toBe(true);
    const found = evidence.settings.controls.map((control) => [control.kind, control.label, control.value]);
    expect(found).toEqual([
      ['switch', 'Music', true],
      ['switch', 'Personalised ads', true],
      ['switch', 'Share my location with friends', true],
      ['checkbox', 'Send usage statistics', true],
      ['select', 'Who can chat with me', 'Everyone'],
      ['radio', 'Public', true],
      ['radio', 'Friends only', false],
    ]);
    // The system dialog's Precise/Approximate radio buttons are not the game's settings
    expect(evidence.settings.controls.some((control) => /Precise|Approximate/.test(control.label))).toBe(false);
  });

  it('speaks the real protocol: a tap that matches nothing changes nothing, elements of a left screen are stale, unknown shell commands are refused', async () => {
    const loaded = loadPlan(planFile);
    const capabilities = buildAndroidCapabilities({ android: loaded.plan.platforms.android!, device: simulatedDevice, planDirectory: path.dirname(planFile) });
    const session = await openAppiumSession(appium.url, capabilities);
    const elementId = async (xpath: string): Promise<string> => Object.values(await session.findElement('xpath', xpath))[0] as string;
    const screenshot = async (): Promise<Buffer> => Buffer.from(await session.takeScreenshot(), 'base64');
    try {
      const launch = await session.getPageSource();
      expect(launch).toContain('resource-id="com.android.permissioncontroller:id/permission_deny_button"');
      // The dialog's message has no transition: the same page source and the same pixels after the tap
      await session.elementClick(await elementId('//*[@resource-id="com.android.permissioncontroller:id/permission_message"]'));
      expect(await session.getPageSource()).toBe(launch);
      expect((await screenshot()).equals(screenPng('location-permission'))).toBe(true);

      const deny = await elementId('//*[@resource-id="com.android.permissioncontroller:id/permission_deny_button"]');
      await session.elementClick(deny);
      expect(await session.getPageSource()).toContain('resource-id="consent-form"');
      await expect(session.elementClick(deny)).rejects.toThrow(/was on screen "location-permission"; the device now shows "consent"/);
      expect(await session.execute('mobile: getPermissions', { type: 'denied' })).toContain('android.permission.ACCESS_FINE_LOCATION');

      await session.elementClick(await elementId('//*[@resource-id="accept-all"]'));
      const game = await session.getPageSource();
      expect(game).toContain('resource-id="com.demogames.leakyrunner:id/unitySurfaceView"');
      // A tap on the Unity surface: the engine draws whatever it draws, the page source cannot tell
      await session.elementClick(await elementId('//*[@content-desc="Game view"]'));
      expect(await session.getPageSource()).toBe(game);
      expect((await screenshot()).equals(screenPng('game'))).toBe(true);
      // A finger put down on the gear (W3C actions, as a real client taps a point) opens the settings
      await session.performActions([{ type: 'pointer', id: 'finger', parameters: { pointerType: 'touch' }, actions: [{ type: 'pointerMove', duration: 0, x: 984, y: 144 }, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }] }]);
      expect((await screenshot()).equals(screenPng('settings'))).toBe(true);
      await session.back();
      expect(await session.getPageSource()).toBe(game);

      expect(await session.execute('mobile: shell', { command: 'settings', args: ['get', 'secure', 'android_id'] })).toBe('5f2c9a71e04b3d86\n');
      await expect(session.execute('mobile: shell', { command: 'dumpsys', args: ['package', 'com.other.game'] })).rejects.toThrow(
        /no output for "dumpsys package com.other.game"; the nearest supported command is "dumpsys package com.demogames.leakyrunner"/,
      );
      const shown = ((await session.getLogs('simulated-device')) as { kind: string; message: string }[]).filter((entry) => entry.kind === 'screen').map((entry) => entry.message);
      expect(shown).toEqual([
        'app launched: now showing "location-permission"',
        'tap on "com.android.permissioncontroller:id/permission_deny_button": now showing "consent"',
        'tap on "accept-all": now showing "game"',
        'finger tap at 984,144 on "com.demogames.leakyrunner:id/settings_button": now showing "settings"',
        'back: now showing "game"',
      ]);
    } finally {
      await session.deleteSession();
    }
  });

  it('writes an incomplete bundle with a clear reason when Appium cannot be reached', async () => {
    const deadUrl = `http://127.0.0.1:${await freePort()}`;
    const { evidence } = await capture(loadPlan(planFile), deadUrl);
    expect(evidence.status).toBe('incomplete');
    expect(evidence.incompleteReasons[0]!.message).toMatch(/Appium is not reachable at http:\/\/127\.0\.0\.1:\d+/);
    expect(evidence.phases.every((phase) => phase.status === 'skipped')).toBe(true);
  });
});
