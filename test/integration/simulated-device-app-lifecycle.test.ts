// `mobile: clearApp` and `mobile: activateApp`, which the capture sends a real phone through
// UiAutomator2 (src/capture/android/android-driver.ts), answered by the project's simulated driver
// through a real Appium 3 server and the real WebdriverIO client. The game is the demo's Leaky
// Runner device file (audits/demo/android/leaky-runner.device.yaml), whose start screen is the
// location dialog derived from a real uiautomator dump (test/fixtures/real-ui/). Nothing here runs
// on a real phone: what a real `pm clear` does to a real app is not verified.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalAppium, type LocalAppiumServer } from '../../src/capture/appium/local-appium-server.ts';
import { openAppiumSession, type AppiumSession } from '../../src/capture/appium/open-session.ts';

const installed = ['android.permission.INTERNET', 'android.permission.ACCESS_NETWORK_STATE', 'com.google.android.gms.permission.AD_ID', 'android.permission.VIBRATE', 'android.permission.WAKE_LOCK'];
const allowWhileUsing = '//*[@resource-id="com.android.permissioncontroller:id/permission_allow_foreground_only_button"]';
const locationDialog = 'com.android.permissioncontroller:id/permission_allow_foreground_only_button';
const consentForm = 'accept-all';

let appium: LocalAppiumServer;
let session: AppiumSession;

beforeAll(async () => {
  appium = await startLocalAppium();
  session = await openAppiumSession(appium.url, {
    platformName: 'Android',
    'appium:automationName': 'GameauditSimulated',
    'appium:deviceName': 'simulated-pixel',
    'appium:app': path.resolve('audits/demo/android/leaky-runner.device.yaml'),
  });
}, 180_000);
afterAll(async () => {
  await session?.deleteSession().catch(() => undefined);
  await appium?.stop();
});

describe('the simulated device’s app lifecycle, as UiAutomator2 names it', () => {
  it('clearApp wipes what the player granted and stops the game; activateApp starts it on its start screen', { timeout: 120_000 }, async () => {
    await (await session.$(allowWhileUsing)).click();
    expect(await session.execute('mobile: getPermissions', { type: 'granted' })).toEqual([...installed, 'android.permission.ACCESS_FINE_LOCATION', 'android.permission.ACCESS_COARSE_LOCATION']);
    expect(await session.getPageSource()).toContain(consentForm);

    // A running game is only brought to the front: it stays where it was.
    expect(await session.execute('mobile: activateApp', { appId: 'com.demogames.leakyrunner' })).toBeNull();
    expect(await session.getPageSource()).toContain(consentForm);

    expect(await session.execute('mobile: clearApp', { appId: 'com.demogames.leakyrunner' })).toBeNull();
    expect(await session.execute('mobile: getPermissions', { type: 'granted' })).toEqual(installed);
    await session.execute('mobile: activateApp', { appId: 'com.demogames.leakyrunner' });
    const source = await session.getPageSource();
    expect(source).toContain(locationDialog);
    expect(source).not.toContain(consentForm);
  });

  it('refuses a package that is not installed, as pm clear and am start do', { timeout: 60_000 }, async () => {
    await expect(session.execute('mobile: clearApp', { appId: 'com.example.other' })).rejects.toThrow(
      'mobile: clearApp: com.example.other is not installed on the simulated device (only com.demogames.leakyrunner is)',
    );
    await expect(session.execute('mobile: activateApp', {})).rejects.toThrow(/appId/);
  });
});
