import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSsaidXml, ssaidForPackage } from '../../src/capture/android/parse-ssaid.ts';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/adb/${name}`, import.meta.url), 'utf8');

describe('parseSsaidXml', () => {
  it("reads each app's own Android id, leaving out the store's userkey and values no app can read", () => {
    expect(parseSsaidXml(fixture('settings-ssaid-android11.xml'))).toEqual([
      { uid: 10087, packageName: 'com.google.android.gms', androidId: 'b41d7e09c3a2f586' },
      { uid: 10153, packageName: 'com.roblox.client', androidId: 'e5c0a98d2f71b346' },
      { uid: 10154, packageName: 'com.roblox.client.beta', androidId: '0c6d2e81f9a47b35' },
    ]);
  });

  it('finds one package exactly, never a longer package name, and nothing for a game that has not run', () => {
    const xml = fixture('settings-ssaid-android11.xml');
    expect(ssaidForPackage(xml, 'com.roblox.client')).toBe('e5c0a98d2f71b346');
    expect(ssaidForPackage(xml, 'com.supercell.brawlstars')).toBeUndefined();
  });

  it('reads attributes in any order, escaped package names and the single-line form abx2xml prints', () => {
    const xml = '<settings version="-1"><setting package="com.example.a&amp;b" value="00ff00ff00ff00ff" name="10200" id="2"/></settings>';
    expect(parseSsaidXml(xml)).toEqual([{ uid: 10200, packageName: 'com.example.a&b', androidId: '00ff00ff00ff00ff' }]);
  });

  it('gives nothing for a permission error or the binary form that was not converted', () => {
    expect(parseSsaidXml('cat: /data/system/users/0/settings_ssaid.xml: Permission denied')).toEqual([]);
    expect(parseSsaidXml('ABX\u0000\u0010\u0003settings')).toEqual([]);
  });
});
