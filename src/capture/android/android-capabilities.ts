// The Appium capabilities of an Android capture. A real device runs UiAutomator2; the demo's
// simulated device runs the project's simulated driver (simulated-device/) on a simulated game file. Nothing is granted
// automatically and the app starts from a clean state, because the launch phase must see what a
// child sees on first run.
import path from 'node:path';
import type { Device, Plan } from '../../plan/schema.ts';

export type Capabilities = Record<string, unknown>;

/** Our own settings that may sit among a device's capabilities; they are never sent to Appium. */
export const gameauditCapabilityPrefix = 'gameaudit:';

export interface AndroidCapabilityInput {
  android: NonNullable<Plan['platforms']['android']>;
  device: Device;
  /** Directory of the plan file: the APK path is relative to it. */
  planDirectory: string;
}

/**
 * A simulated device plays a simulated game file instead of installing an APK: the plan's `apk`
 * then names a `*.device.yaml` (screens, taps, shell outputs, traffic), read by simulated-device/.
 */
export function simulatedAppModel(android: AndroidCapabilityInput['android'], planDirectory: string): string | undefined {
  return android.apk && /\.device\.ya?ml$/i.test(android.apk) ? path.resolve(planDirectory, android.apk) : undefined;
}

/** The automation name of the project's simulated driver (simulated-device/package.json). */
export const simulatedAutomationName = 'GameauditSimulated';

function withoutOurKeys(capabilities: Capabilities | undefined): Capabilities {
  return Object.fromEntries(Object.entries(capabilities ?? {}).filter(([key]) => !key.startsWith(gameauditCapabilityPrefix)));
}

export function buildAndroidCapabilities(input: AndroidCapabilityInput): Capabilities {
  const { android, device } = input;
  if (device.simulated) {
    const model = simulatedAppModel(android, input.planDirectory);
    if (!model) throw new Error('platforms.android.apk must name the simulated game file (*.device.yaml) for a simulated device');
    return {
      platformName: 'Android',
      'appium:automationName': simulatedAutomationName,
      'appium:deviceName': device.id,
      'appium:app': model,
      ...withoutOurKeys(device.capabilities),
    };
  }
  const capabilities: Capabilities = {
    platformName: 'Android',
    'appium:automationName': 'UiAutomator2',
    'appium:autoGrantPermissions': false,
    'appium:noReset': false,
    'appium:fullReset': android.fullReset,
    // We clear the app's data ourselves and then start it, so the first frame is a first run.
    'appium:autoLaunch': false,
    'appium:newCommandTimeout': 300,
  };
  if (device.serial) capabilities['appium:udid'] = device.serial;
  if (android.apk) capabilities['appium:app'] = path.resolve(input.planDirectory, android.apk);
  capabilities['appium:appPackage'] = android.package;
  if (android.activity) capabilities['appium:appActivity'] = android.activity;
  // Device settings (a farm's credentials, a platformVersion) first, then the plan's own wishes;
  // the first-run guarantees above are restored last so neither can switch them off by accident.
  return {
    ...capabilities,
    ...withoutOurKeys(device.capabilities),
    ...withoutOurKeys(android.capabilities),
    'appium:autoGrantPermissions': false,
    'appium:noReset': false,
  };
}
