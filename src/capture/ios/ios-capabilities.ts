// The Appium capabilities of an iOS capture (XCUITest). Alerts are never accepted automatically:
// the launch phase must see and record the system's permission alerts.
import path from 'node:path';
import type { Device, Plan } from '../../plan/schema.ts';

export type Capabilities = Record<string, unknown>;

function withoutOurKeys(capabilities: Capabilities | undefined): Capabilities {
  return Object.fromEntries(Object.entries(capabilities ?? {}).filter(([key]) => !key.startsWith('gameaudit:')));
}

export function buildIosCapabilities(ios: NonNullable<Plan['platforms']['ios']>, device: Device, planDirectory: string): Capabilities {
  const capabilities: Capabilities = {
    platformName: 'iOS',
    'appium:automationName': 'XCUITest',
    'appium:bundleId': ios.bundleId,
    'appium:noReset': false,
    'appium:autoAcceptAlerts': false,
    'appium:autoDismissAlerts': false,
    'appium:newCommandTimeout': 300,
  };
  if (ios.ipa) {
    capabilities['appium:app'] = path.resolve(planDirectory, ios.ipa);
    // A fresh install each time, so the first-run alerts appear again.
    capabilities['appium:fullReset'] = true;
  }
  if (device.serial) capabilities['appium:udid'] = device.serial;
  return {
    ...capabilities,
    ...withoutOurKeys(device.capabilities),
    ...withoutOurKeys(ios.capabilities),
    'appium:autoAcceptAlerts': false,
  };
}
