import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDumpsysLocation } from '../../src/capture/android/parse-dumpsys-location.ts';
import { parseAndroidId } from '../../src/capture/android/parse-android-id.ts';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/adb/${name}`, import.meta.url), 'utf8');

describe('parseDumpsysLocation', () => {
  it('reads active listeners and historical aggregates of the package from an Android 12 dump', () => {
    const records = parseDumpsysLocation(fixture('dumpsys-location-android12.txt'), 'com.nianticlabs.pokemongo');
    const active = records.filter((record) => record.active);
    expect(active.map((record) => [record.provider, record.quality, record.coarse])).toEqual([
      ['network', 'BALANCED', true],
      ['gps', 'HIGH_ACCURACY', false],
    ]);
    const historical = records.filter((record) => !record.active);
    expect(historical.map((record) => [record.provider, record.locations, record.coarse])).toEqual([
      ['gps', 163, false],
      ['fused', 925, false],
      ['network', 12, true],
    ]);
    // The companion app (a longer package name) and the Event Log lines are not the package's requests
    expect(records.some((record) => record.raw.includes('companion'))).toBe(false);
    expect(records.some((record) => record.raw.includes('+registration'))).toBe(false);
    expect(records).toHaveLength(5);
  });

  it('reads a secondary user (uid 1010231) with an attribution tag from CRLF Android 14 output', () => {
    const records = parseDumpsysLocation(fixture('dumpsys-location-android14.txt'), 'com.supercell.brawlstars');
    expect(records).toEqual([
      expect.objectContaining({ provider: 'fused', active: true, coarse: true, quality: 'BALANCED' }),
      expect.objectContaining({ provider: 'fused', active: false, coarse: true, locations: 2 }),
    ]);
    expect(records.every((record) => !record.raw.includes('\r'))).toBe(true);
  });

  it('reads the Android 10 format (UpdateRecord, Historical Records by Provider)', () => {
    const records = parseDumpsysLocation(fixture('dumpsys-location-android10.txt'), 'com.kiloo.subwaysurf');
    expect(records).toEqual([
      expect.objectContaining({ provider: 'network', active: true, quality: 'ACCURACY_BLOCK', coarse: true }),
      expect.objectContaining({ provider: 'network', active: true, coarse: false }),
    ]);
    expect(records[1]!.raw).toMatch(/^com\.kiloo\.subwaysurf: network: /);
  });

  it('finds nothing for a package that never asked', () => {
    expect(parseDumpsysLocation(fixture('dumpsys-location-android12.txt'), 'com.king.candycrushsaga')).toEqual([]);
  });
});

describe('parseAndroidId', () => {
  it('reads the id and refuses "null"', () => {
    expect(parseAndroidId(fixture('settings-android-id.txt'))).toBe('a3f1c0de92b84e17');
    expect(parseAndroidId(fixture('settings-android-id-null.txt'))).toBeUndefined();
  });
});
