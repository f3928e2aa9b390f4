import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDumpsysPackage } from '../../src/capture/android/parse-dumpsys-package.ts';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/adb/${name}`, import.meta.url), 'utf8');

describe('parseDumpsysPackage', () => {
  it('reads requested, install and runtime permissions from an Android 10 dump', () => {
    const result = parseDumpsysPackage(fixture('dumpsys-package-android10.txt'), 'com.kiloo.subwaysurf')!;
    expect(result.appUid).toBe(10187);
    expect(result.versionName).toBe('2.13.1');
    expect(result.targetSdk).toBe(29);
    expect(result.requested).toContain('android.permission.ACCESS_COARSE_LOCATION');
    // "restricted=true" is a marker, not part of the name
    expect(result.requested).toContain('android.permission.READ_EXTERNAL_STORAGE');
    expect(result.requested).toHaveLength(9);
    expect(result.install.map((permission) => permission.name)).toContain('android.permission.INTERNET');
    expect(result.install.every((permission) => permission.granted)).toBe(true);
    const runtime = result.runtimeByUser.get(0)!;
    expect(runtime).toHaveLength(3);
    expect(runtime.find((permission) => permission.name === 'android.permission.ACCESS_COARSE_LOCATION')).toEqual({
      name: 'android.permission.ACCESS_COARSE_LOCATION',
      granted: true,
      flags: ['USER_SET', 'USER_SENSITIVE_WHEN_GRANTED', 'USER_SENSITIVE_WHEN_DENIED'],
    });
    expect(result.installedUsers).toEqual([0]);
  });

  it('keeps each user of a multi-user device apart and ignores the hidden system copy (CRLF output)', () => {
    const output = fixture('dumpsys-package-android12-multiuser.txt');
    expect(output).toContain('\r\n');
    const result = parseDumpsysPackage(output, 'com.supercell.brawlstars')!;
    expect(result.versionName).toBe('51.232');
    expect(result.versionName).not.toContain('\r');
    expect([...result.runtimeByUser.keys()]).toEqual([0, 10, 11]);
    expect(result.installedUsers).toEqual([0, 10]);
    const audio = (user: number) => result.runtimeByUser.get(user)!.find((permission) => permission.name === 'android.permission.RECORD_AUDIO');
    expect(audio(0)?.granted).toBe(true);
    expect(audio(10)?.granted).toBe(false);
    expect(result.runtimeByUser.get(11)).toEqual([]);
    // READ_CONTACTS appears only in the factory copy under "Hidden system packages:"
    expect(result.requested).not.toContain('android.permission.READ_CONTACTS');
    expect(result.requested).toContain('com.google.android.gms.permission.AD_ID');
  });

  it('reads the Android 14 layout (appId=, per-user install details, a permission without flags)', () => {
    const result = parseDumpsysPackage(fixture('dumpsys-package-android14.txt'), 'com.nianticlabs.pokemongo')!;
    expect(result.appUid).toBe(10311);
    expect(result.versionName).toBe('0.301.0');
    const runtime = result.runtimeByUser.get(0)!;
    expect(runtime).toHaveLength(7);
    expect(runtime.find((permission) => permission.name === 'android.permission.READ_MEDIA_IMAGES')).toEqual({
      name: 'android.permission.READ_MEDIA_IMAGES',
      granted: false,
      flags: [],
    });
    expect(runtime.find((permission) => permission.name === 'android.permission.ACTIVITY_RECOGNITION')?.flags).toContain('AUTO_REVOKED');
    expect(runtime.find((permission) => permission.name === 'android.permission.CAMERA')?.flags).toContain('USER_FIXED');
  });

  it('returns undefined when the package is not installed', () => {
    expect(parseDumpsysPackage(fixture('dumpsys-package-missing.txt'), 'com.example.notinstalled')).toBeUndefined();
    // and never mistakes a package whose name merely starts the same
    expect(parseDumpsysPackage(fixture('dumpsys-package-android10.txt'), 'com.kiloo.subway')).toBeUndefined();
  });
});
