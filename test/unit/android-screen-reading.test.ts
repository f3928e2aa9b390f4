import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findPermissionDialog, isPermissionControllerNode } from '../../src/capture/android/permission-dialog.ts';
import { findConsentDialog } from '../../src/capture/appium/consent-dialog-finder.ts';
import { locatorToXpath } from '../../src/capture/appium/locator-xpath.ts';
import { allNodes, nodeBounds, parsePageSource } from '../../src/capture/appium/page-source.ts';
import { collectControls, findSettingsEntry, looksCanvasOnly } from '../../src/capture/appium/ui-controls.ts';

const demoApp = readFileSync(new URL('../fixtures/adb/page-source-demo-one-tree.xml', import.meta.url), 'utf8');
const unityGame = readFileSync(new URL('../fixtures/adb/page-source-unity-game.xml', import.meta.url), 'utf8');

/** A UiAutomator2 dump of an Android 11 permission dialog (AOSP permission controller, camera). */
const cameraDialog = `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation="0" width="1080" height="2280">
<android.widget.FrameLayout package="com.android.permissioncontroller" class="android.widget.FrameLayout" bounds="[0,0][1080,2280]">
<android.widget.TextView package="com.android.permissioncontroller" resource-id="com.android.permissioncontroller:id/permission_message" text="Allow &lt;b&gt;Pet Rescue&lt;/b&gt; to take pictures and record video?" bounds="[110,1500][970,1620]"/>
<android.widget.Button package="com.android.permissioncontroller" resource-id="com.android.permissioncontroller:id/permission_allow_foreground_only_button" text="While using the app" clickable="true" bounds="[110,1700][970,1840]"/>
<android.widget.Button package="com.android.permissioncontroller" resource-id="com.android.permissioncontroller:id/permission_deny_and_dont_ask_again_button" text="Deny &amp; don&apos;t ask again" clickable="true" bounds="[110,1840][970,1980]"/>
<android.widget.Button package="com.android.permissioncontroller" resource-id="com.android.permissioncontroller:id/permission_deny_button" text="Deny" clickable="true" bounds="[110,1980][970,2120]"/>
</android.widget.FrameLayout></hierarchy>`;

describe('reading Android page sources', () => {
  it('parses UiAutomator2 bounds and entities', () => {
    const root = parsePageSource(cameraDialog);
    const message = allNodes(root).find((node) => node.attributes['resource-id']?.endsWith('permission_message'))!;
    expect(message.attributes.text).toBe('Allow <b>Pet Rescue</b> to take pictures and record video?');
    expect(nodeBounds(message)).toEqual({ x: 110, y: 1500, width: 860, height: 120 });
  });

  it('recognises the system permission dialog, its group and the plain deny button', () => {
    const dialog = findPermissionDialog(parsePageSource(cameraDialog))!;
    expect(dialog.group).toBe('camera');
    expect(dialog.buttons.map((button) => button.role)).toEqual(['accept', 'decline', 'decline']);
    // "Deny" leaves the player free to be asked again later; we prefer it to "don't ask again"
    expect(dialog.denyXpath).toBe('//*[@resource-id="com.android.permissioncontroller:id/permission_deny_button"]');
    expect(findPermissionDialog(parsePageSource(unityGame))).toBeUndefined();
  });

  it('keeps the system dialog out of the game\'s consent dialog and settings', () => {
    const root = parsePageSource(demoApp);
    const consent = findConsentDialog(root, 'android', undefined, isPermissionControllerNode)!;
    expect(consent.container.attributes['resource-id']).toBe('com.demogames.leakyrunner:id/consent_dialog');
    const controls = collectControls(root, isPermissionControllerNode);
    expect(controls.map((control) => control.label)).not.toContain('Precise');
    // The hidden "manage options" panel is not on screen, so its switch is not read as a setting
    expect(controls.filter((control) => control.label === 'Personalised advertising')).toEqual([]);
    expect(findSettingsEntry(root, isPermissionControllerNode)?.attributes['content-desc']).toBe('Settings');
  });

  it('says a game drawn on one canvas has no readable widgets, and the demo app has', () => {
    expect(looksCanvasOnly(parsePageSource(unityGame))).toBe(true);
    expect(collectControls(parsePageSource(unityGame))).toEqual([]);
    expect(looksCanvasOnly(parsePageSource(demoApp))).toBe(false);
  });

  it('turns plan locators into XPath for each platform, quotes included', () => {
    expect(locatorToXpath({ accessibilityId: 'Settings' }, 'android')).toBe('//*[@content-desc="Settings"]');
    expect(locatorToXpath({ resourceId: 'com.x:id/ok' }, 'android')).toBe('//*[@resource-id="com.x:id/ok"]');
    expect(locatorToXpath({ text: 'Don\'t "allow"' }, 'android')).toBe(`//*[@text=concat("Don't ", '"', "allow", '"', "")]`);
    expect(locatorToXpath({ accessibilityId: 'Settings' }, 'ios')).toBe('//*[@name="Settings"]');
    expect(() => locatorToXpath({ css: '#x' }, 'android')).toThrow(/css works only on the web/);
  });
});
