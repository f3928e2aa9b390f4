import { describe, expect, it } from 'vitest';
import { buildAndroidCapabilities } from '../../src/capture/android/android-capabilities.ts';
import { proxyHostForDevice } from '../../src/capture/android/create-android-capture.ts';
import { connectionOptions, redactUrl } from '../../src/capture/appium/open-session.ts';
import { AndroidPlatformSchema, type Device } from '../../src/plan/schema.ts';

const android = AndroidPlatformSchema.parse({ package: 'com.kiloo.subwaysurf', apk: 'apks/subway.apk' });
const emulator: Device = { id: 'pixel-7-emulator', platform: 'android', serial: 'emulator-5554', simulated: false };

describe('Android capabilities', () => {
  it('starts a real device on UiAutomator2 from a clean state, granting nothing', () => {
    const capabilities = buildAndroidCapabilities({ android, device: emulator, planDirectory: '/plans' });
    expect(capabilities).toMatchObject({
      platformName: 'Android',
      'appium:automationName': 'UiAutomator2',
      'appium:autoGrantPermissions': false,
      'appium:noReset': false,
      'appium:fullReset': false,
      'appium:autoLaunch': false,
      'appium:udid': 'emulator-5554',
      'appium:app': '/plans/apks/subway.apk',
      'appium:appPackage': 'com.kiloo.subwaysurf',
    });
  });

  it('lets the plan and device add capabilities but never re-enable auto-granting', () => {
    const device: Device = { ...emulator, capabilities: { 'appium:platformVersion': '14', 'gameaudit:proxyHost': '192.168.1.20' } };
    const plan = AndroidPlatformSchema.parse({ package: 'com.x.game', fullReset: true, capabilities: { 'appium:autoGrantPermissions': true, 'appium:noReset': true, 'appium:language': 'en' } });
    const capabilities = buildAndroidCapabilities({ android: plan, device, planDirectory: '/plans' });
    expect(capabilities['appium:autoGrantPermissions']).toBe(false);
    expect(capabilities['appium:noReset']).toBe(false);
    expect(capabilities['appium:fullReset']).toBe(true);
    expect(capabilities['appium:language']).toBe('en');
    expect(capabilities['appium:platformVersion']).toBe('14');
    expect(capabilities).not.toHaveProperty('appium:app');
    expect(Object.keys(capabilities).some((key) => key.startsWith('gameaudit:'))).toBe(false);
    expect(proxyHostForDevice(device)).toBe('192.168.1.20');
  });

  it('plays the simulated game file on a simulated device, through the project\'s simulated driver', () => {
    const demo = AndroidPlatformSchema.parse({ package: 'com.demogames.leakyrunner', apk: 'android/leaky-runner.device.yaml' });
    const capabilities = buildAndroidCapabilities({ android: demo, device: { id: 'sim', platform: 'android', simulated: true }, planDirectory: '/demo' });
    expect(capabilities).toEqual({ platformName: 'Android', 'appium:automationName': 'GameauditSimulated', 'appium:deviceName': 'sim', 'appium:app': '/demo/android/leaky-runner.device.yaml' });
    expect(() => buildAndroidCapabilities({ android, device: { id: 'sim', platform: 'android', simulated: true }, planDirectory: '/demo' })).toThrow(/simulated game file/);
  });

  it('reaches the proxy through the emulator alias or adb reverse', () => {
    expect(proxyHostForDevice(emulator)).toBe('10.0.2.2');
    expect(proxyHostForDevice({ ...emulator, serial: 'R58M12345' })).toBe('127.0.0.1');
  });

  it('passes farm credentials as user/key and never prints them', () => {
    const url = 'https://alice:s3cret-key@hub-cloud.browserstack.com/wd/hub';
    expect(connectionOptions(url)).toEqual({ protocol: 'https', hostname: 'hub-cloud.browserstack.com', port: 443, path: '/wd/hub', user: 'alice', key: 's3cret-key' });
    expect(redactUrl(url)).toBe('https://redacted@hub-cloud.browserstack.com/wd/hub');
    expect(connectionOptions('http://127.0.0.1:4723')).toEqual({ protocol: 'http', hostname: '127.0.0.1', port: 4723, path: '/' });
  });
});
