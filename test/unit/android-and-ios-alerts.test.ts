// iOS shares the Android capture's walks; its own parts (capabilities, system alerts) are tested
// here without a device. The iOS path is untested on a real iPhone (see docs/real-devices.md).
import { describe, expect, it } from 'vitest';
import { buildIosCapabilities } from '../../src/capture/ios/ios-capabilities.ts';
import { describeIosAlert } from '../../src/capture/ios/permission-alert.ts';
import { IosPlatformSchema } from '../../src/plan/schema.ts';

describe('iOS capture parts', () => {
  it('uses XCUITest with the bundle id, never accepting alerts', () => {
    const ios = IosPlatformSchema.parse({ bundleId: 'com.supercell.laser', capabilities: { 'appium:autoAcceptAlerts': true } });
    const capabilities = buildIosCapabilities(ios, { id: 'iphone-13', platform: 'ios', serial: '00008110-001A2C3E0C12801E', simulated: false }, '/plans');
    expect(capabilities).toMatchObject({ platformName: 'iOS', 'appium:automationName': 'XCUITest', 'appium:bundleId': 'com.supercell.laser', 'appium:autoAcceptAlerts': false, 'appium:udid': '00008110-001A2C3E0C12801E' });
    expect(capabilities).not.toHaveProperty('appium:app');
    const withIpa = buildIosCapabilities(IosPlatformSchema.parse({ bundleId: 'com.x.game', ipa: 'builds/game.ipa' }), { id: 'sim', platform: 'ios', simulated: false }, '/plans');
    expect(withIpa).toMatchObject({ 'appium:app': '/plans/builds/game.ipa', 'appium:fullReset': true });
  });

  it('reads the tracking and location alerts and finds the refusing button', () => {
    const tracking = describeIosAlert('Allow “Brawl Stars” to track your activity across other companies’ apps and websites?', ['Ask App Not to Track', 'Allow']);
    expect(tracking).toMatchObject({ group: 'tracking', declineLabel: 'Ask App Not to Track' });
    expect(tracking.buttons.map((button) => button.role)).toEqual(['decline', 'accept']);
    const location = describeIosAlert('Allow “Pokémon GO” to use your location?', ['Allow Once', 'Allow While Using App', 'Don’t Allow']);
    expect(location).toMatchObject({ group: 'location', declineLabel: 'Don’t Allow' });
    expect(describeIosAlert('“Candy Crush” Would Like to Send You Notifications', ['Don’t Allow', 'Allow']).group).toBe('notifications');
  });
});
