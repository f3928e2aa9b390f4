// `gameaudit inspect` on real APKs nobody here built: the npm packages io.appium.settings 8.0.10
// and appium-uiautomator2-server 10.6.6 (devDependencies, pinned) ship them. Every expected value
// below was read from `aapt dump badging` (package, versions, SDKs, permissions) and `dexdump -f`
// (class_defs_size summed over classes*.dex) on the same files, and `sha256sum`.
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectPackage } from '../../src/inspect/inspect-package.ts';
import { runCli } from '../helpers/run-cli.ts';

const require = createRequire(import.meta.url);
const packageDir = (name: string): string => path.dirname(require.resolve(`${name}/package.json`));
const settingsApk = path.join(packageDir('io.appium.settings'), 'apks/settings_apk-debug.apk');
const serverApk = path.join(packageDir('appium-uiautomator2-server'), 'apks/appium-uiautomator2-server-v10.6.6.apk');

describe('inspect on real APKs', () => {
  it('reads io.appium.settings 8.0.10 as aapt and dexdump do', async () => {
    const inspection = await inspectPackage(settingsApk);
    expect(inspection.unreadable).toEqual([]);
    expect(inspection.files).toEqual([{ path: settingsApk, role: 'apk', sha256: '4c5d60ab5ae56502857dc625e1dde2996fa6d9e64c479bbce59214774e2129dd', bytes: 3076294 }]);
    const manifest = inspection.android!.manifests[0]!;
    expect({ package: manifest.package, versionName: manifest.versionName, versionCode: manifest.versionCode, minSdk: manifest.minSdk, targetSdk: manifest.targetSdk }).toEqual({
      package: 'io.appium.settings',
      versionName: '8.0.10',
      versionCode: 192,
      minSdk: 26,
      targetSdk: 35,
    });
    expect(manifest.permissions.map((permission) => permission.name)).toEqual([
      'android.permission.DISABLE_KEYGUARD',
      'android.permission.READ_EXTERNAL_STORAGE',
      'android.permission.READ_MEDIA_IMAGES',
      'android.permission.WAKE_LOCK',
      'android.permission.INTERNET',
      'android.permission.CHANGE_NETWORK_STATE',
      'android.permission.ACCESS_NETWORK_STATE',
      'android.permission.READ_PHONE_STATE',
      'android.permission.WRITE_SETTINGS',
      'android.permission.CHANGE_WIFI_STATE',
      'android.permission.ACCESS_WIFI_STATE',
      'android.permission.ACCESS_FINE_LOCATION',
      'android.permission.ACCESS_COARSE_LOCATION',
      'android.permission.ACCESS_BACKGROUND_LOCATION',
      'android.permission.ACCESS_MOCK_LOCATION',
      'android.permission.SET_ANIMATION_SCALE',
      'android.permission.CHANGE_CONFIGURATION',
      'android.permission.FOREGROUND_SERVICE',
      'android.permission.FOREGROUND_SERVICE_LOCATION',
      'android.permission.FOREGROUND_SERVICE_MEDIA_PROJECTION',
      'android.permission.BLUETOOTH',
      'android.permission.BLUETOOTH_ADMIN',
      'android.permission.BLUETOOTH_CONNECT',
      'android.permission.BLUETOOTH_SCAN',
      'android.permission.READ_SMS',
      'android.permission.RECORD_AUDIO',
      'io.appium.settings.DYNAMIC_RECEIVER_NOT_EXPORTED_PERMISSION',
    ]);
    // aapt: "uses-permission: name='android.permission.BLUETOOTH' maxSdkVersion='30'"
    expect(manifest.permissions.find((permission) => permission.name === 'android.permission.BLUETOOTH')).toEqual({ name: 'android.permission.BLUETOOTH', group: 'other', dangerous: false, maxSdkVersion: 30 });
    expect(manifest.permissions.filter((permission) => permission.location).map((permission) => [permission.name, permission.location])).toEqual([
      ['android.permission.ACCESS_FINE_LOCATION', 'fine'],
      ['android.permission.ACCESS_COARSE_LOCATION', 'coarse'],
      ['android.permission.ACCESS_BACKGROUND_LOCATION', 'background'],
    ]);
    // Android's runtime ("dangerous") permissions among them.
    expect(manifest.permissions.filter((permission) => permission.dangerous).map((permission) => permission.name.replace('android.permission.', ''))).toEqual([
      'READ_EXTERNAL_STORAGE',
      'READ_MEDIA_IMAGES',
      'READ_PHONE_STATE',
      'ACCESS_FINE_LOCATION',
      'ACCESS_COARSE_LOCATION',
      'ACCESS_BACKGROUND_LOCATION',
      'BLUETOOTH_CONNECT',
      'BLUETOOTH_SCAN',
      'READ_SMS',
      'RECORD_AUDIO',
    ]);
    // aapt: "launchable-activity: name='io.appium.settings.Settings'"
    expect(manifest.activities).toContain('io.appium.settings.Settings');
    expect(manifest.metaData).toContainEqual({ name: 'com.google.android.gms.version', value: 'resourceId:0x7f060000', in: 'application' });
    expect(inspection.android!.dexFiles).toHaveLength(9);
    expect(inspection.android!.classCount).toBe(5846);
    expect(inspection.sdks).toEqual([]);
  });

  it('reads the UiAutomator2 server 10.6.6 and its 16 DEX files', async () => {
    const inspection = await inspectPackage(serverApk);
    const manifest = inspection.android!.manifests[0]!;
    expect([manifest.package, manifest.versionName, manifest.versionCode, manifest.minSdk, manifest.targetSdk]).toEqual(['io.appium.uiautomator2.server', '10.6.6', 278, 26, 34]);
    expect(manifest.permissions.map((permission) => permission.name)).toEqual([
      'android.permission.ACCESS_NETWORK_STATE',
      'android.permission.INTERNET',
      'android.permission.WAKE_LOCK',
      'android.permission.CHANGE_WIFI_STATE',
      'android.permission.ACCESS_WIFI_STATE',
      'android.permission.BLUETOOTH_SCAN',
      'android.permission.BLUETOOTH',
      'android.permission.QUERY_ALL_PACKAGES',
      'android.permission.REORDER_TASKS',
    ]);
    expect(inspection.android!.dexFiles).toHaveLength(16);
    expect(inspection.android!.dexFiles.find((dex) => dex.file.endsWith('!classes.dex'))!.classes).toBe(6949);
    expect(inspection.android!.classCount).toBe(9575);
    expect(inspection.files[0]!.sha256).toBe('8ff760a2a86b487f53090fbdcd5b0360e67d02bb811887d527a9557b0d59c80d');
  });

  it('prints the same inventory with `gameaudit inspect --json`', () => {
    const result = runCli(['inspect', settingsApk, '--json']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const printed = JSON.parse(result.stdout) as { android: { manifests: { package: string; versionName: string }[]; classCount: number } };
    expect(printed.android.manifests[0]).toMatchObject({ package: 'io.appium.settings', versionName: '8.0.10' });
    expect(printed.android.classCount).toBe(5846);
  });
});
