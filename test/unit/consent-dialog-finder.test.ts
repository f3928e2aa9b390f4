// Native consent-dialog discovery (review M8): a menu with a "Privacy" button and Google Play
// services' sign-in sheet are not the game's consent question; the demo app's dialog still is,
// and its buttons get the roles the shared classifier gives.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isPermissionControllerNode } from '../../src/capture/android/permission-dialog.ts';
import { findConsentDialog } from '../../src/capture/appium/consent-dialog-finder.ts';
import { parsePageSource } from '../../src/capture/appium/page-source.ts';

const notConsent = readFileSync(new URL('../fixtures/consent/native-not-consent-screens.xml', import.meta.url), 'utf8');
const demoApp = readFileSync(new URL('../fixtures/adb/page-source-demo-one-tree.xml', import.meta.url), 'utf8');

describe('findConsentDialog on native screens', () => {
  it('takes neither a main menu with a "Privacy" button nor a Google sign-in sheet for a consent dialog', () => {
    expect(findConsentDialog(parsePageSource(notConsent), 'android', undefined)).toBeUndefined();
  });

  it('still finds the demo game\'s dialog by its words and reads its buttons with the shared roles', () => {
    const dialog = findConsentDialog(parsePageSource(demoApp), 'android', undefined, isPermissionControllerNode)!;
    expect(dialog.container.attributes['resource-id']).toBe('com.demogames.leakyrunner:id/consent_dialog');
    expect(dialog.buttons.map((button) => [button.text, button.role])).toEqual([
      ['ACCEPT ALL', 'accept'],
      ['Manage options', 'manage'],
      ['Privacy policy', 'link'],
    ]);
  });
});
