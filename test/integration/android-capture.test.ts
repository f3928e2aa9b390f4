// The whole Android capture through a real Appium 3 server (fake driver, the demo's simulated
// device) and the real capture proxy: what an investigator would look for in the bundle.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAndroidCapture } from '../../src/capture/android/create-android-capture.ts';
import { freePort, startLocalAppium, type LocalAppiumServer } from '../../src/capture/appium/local-appium-server.ts';
import { startCaptureProxy } from '../../src/capture/proxy/start-proxy.ts';
import { runCapture, type CaptureOutcome } from '../../src/capture/session.ts';
import { HarSchema } from '../../src/evidence/har.ts';
import { loadPlan, type LoadedPlan } from '../../src/plan/load.ts';
import type { Device } from '../../src/plan/schema.ts';

const planFile = path.resolve('audits/demo/demo-android.yaml');
const simulatedDevice: Device = { id: 'simulated-pixel', platform: 'android', simulated: true };
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
    expect(evidence.notes.join(' ')).toMatch(/Simulated device/);

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
    expect(readFileSync(path.join(bundleDir, prompt.screenshot!)).subarray(1, 4).toString()).toBe('PNG');
    const events = readFileSync(path.join(bundleDir, 'events.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { type: string; phase: string | null });
    expect(events.filter((event) => event.type === 'tap' && event.phase === 'launch')).toEqual([]);
    expect(events.some((event) => event.type === 'permission-denied' && event.phase === 'consent')).toBe(true);

    // Consent: found by the plan, accept in one tap, decline needs two, declined
    expect(evidence.consentDialogs).toHaveLength(1);
    expect(evidence.consentDialogs[0]).toMatchObject({ detectedBy: 'plan', stepsToAccept: null, stepsToDecline: 2, declined: true });
    // What the mobile capture did not look for is listed, so no check reads it as absent.
    expect(evidence.notCollected.map((entry) => entry.item)).toEqual(['age-gate', 'permission-explanations', 'storage', 'privacy-links', 'steps-to-accept', 'parental-controls']);
    const accept = evidence.consentDialogs[0]!.buttons.find((button) => button.role === 'accept')!;
    const manage = evidence.consentDialogs[0]!.buttons.find((button) => button.role === 'manage')!;
    expect(accept.bounds!.width * accept.bounds!.height).toBeGreaterThan(5 * manage.bounds!.width * manage.bounds!.height);

    // Settings: read from the screen, values as found
    expect(evidence.settings).toMatchObject({ source: 'recipe', readable: true });
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
    expect(evidence.learnedIdentifiers).toContainEqual(expect.objectContaining({ kind: 'androidId', value: '5f2c9a71e04b3d86' }));

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
    const { evidence } = await capture({ ...loaded, plan }, appium.url);
    expect(evidence.consentDialogs[0]).toMatchObject({ detectedBy: 'discovery', declined: true, stepsToDecline: 2 });
    expect(evidence.settings.source).toBe('discovery');
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

  it('writes an incomplete bundle with a clear reason when Appium cannot be reached', async () => {
    const deadUrl = `http://127.0.0.1:${await freePort()}`;
    const { evidence } = await capture(loadPlan(planFile), deadUrl);
    expect(evidence.status).toBe('incomplete');
    expect(evidence.incompleteReasons[0]!.message).toMatch(/Appium is not reachable at http:\/\/127\.0\.0\.1:\d+/);
    expect(evidence.phases.every((phase) => phase.status === 'skipped')).toBe(true);
  });
});
