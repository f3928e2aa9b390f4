// The adb output parsers read whatever a device prints — other Android versions, OEM changes, a
// connection cut mid-output, CRLF from older adb. Any text gives a result (possibly empty),
// never an exception; CRLF reads the same as LF; a sample cut at a line boundary gives a subset
// of what the whole sample gives.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAndroidId } from '../../src/capture/android/parse-android-id.ts';
import { agoToMilliseconds, parseAppOps } from '../../src/capture/android/parse-appops.ts';
import { parseDumpsysLocation } from '../../src/capture/android/parse-dumpsys-location.ts';
import { parseDumpsysPackage, type DumpsysPackage } from '../../src/capture/android/parse-dumpsys-package.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/adb');
const sample = (name: string): string => readFileSync(path.join(fixtures, name), 'utf8');

/** Samples authored in the formats of Android 10 to 15 (not recorded on a device), each with the package it describes. */
const packageSamples = [
  ['dumpsys-package-android10.txt', 'com.kiloo.subwaysurf'],
  ['dumpsys-package-android12-multiuser.txt', 'com.supercell.brawlstars'],
  ['dumpsys-package-android14.txt', 'com.nianticlabs.pokemongo'],
] as const;
const locationSamples = [
  ['dumpsys-location-android10.txt', 'com.kiloo.subwaysurf'],
  ['dumpsys-location-android12.txt', 'com.nianticlabs.pokemongo'],
  ['dumpsys-location-android14.txt', 'com.supercell.brawlstars'],
] as const;
const appopsSamples = ['appops-android10.txt', 'appops-android13.txt', 'appops-android15.txt'];

/** Comparable form of a parsed package (its Map becomes entries). */
function plainPackage(parsed: DumpsysPackage | undefined): unknown {
  return parsed && { ...parsed, runtimeByUser: [...parsed.runtimeByUser.entries()] };
}

function permissionNames(parsed: DumpsysPackage | undefined): Set<string> {
  if (!parsed) return new Set();
  return new Set([...parsed.requested, ...parsed.install.map((item) => item.name), ...[...parsed.runtimeByUser.values()].flat().map((item) => item.name)]);
}

/** Text that looks like adb output: dumpsys keywords, indentation, separators and noise. */
const adbish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'Packages:',
        '  Package [com.example.game] (4b1d2c3):',
        '    requested permissions:',
        '      android.permission.ACCESS_FINE_LOCATION',
        '    install permissions:',
        '    runtime permissions:',
        '      android.permission.ACCESS_FINE_LOCATION: granted=false, flags=[ USER_SET|USER_FIXED ]',
        '      android.permission.CAMERA: granted=true',
        '    User 0: ceDataInode=1 installed=true hidden=false',
        '    userId=10153',
        '    versionCode=320 minSdk=24 targetSdk=34',
        'Uid mode: COARSE_LOCATION: foreground',
        'FINE_LOCATION: allow; time=+2h3m39s662ms ago; duration=+1s (running)',
        'COARSE_LOCATION: ignore; rejectTime=+5m ago',
        'Location Providers:',
        '  gps provider:',
        '    10153/com.example.game/AABB Request[@0 HIGH_ACCURACY, WorkSource{10153 com.example.game}]',
        'Historical Aggregate Location Provider Data:',
        '  gps:',
        '    10153/com.example.game: min/max interval = 0s/1s, locations = 925',
        'UpdateRecord[gps com.example.game(10153 foreground) Request[ACCURACY_FINE gps requested=+1s0ms fastest=+1s0ms]]',
        'com.example.game: gps: Interval 1 seconds, Duration requested 3 out of the last 5 minutes',
        'null',
        'a3f1c0de92b84e17',
      ),
      fc.string({ maxLength: 60 }),
      fc.string({ unit: 'binary', maxLength: 30 }),
    ),
    { maxLength: 60 },
  )
  .chain((lines) => fc.constantFrom('\n', '\r\n', '\r').map((separator) => lines.join(separator)));

const anyText = fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 }), adbish);

describe('adb parsers on arbitrary text', () => {
  it('never throw, and return the documented shapes', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom('com.example.game', 'com.kiloo.subwaysurf', 'a.b'), (text, packageName) => {
        const androidId = parseAndroidId(text);
        expect(androidId === undefined || /^[0-9a-f]{1,16}$/.test(androidId)).toBe(true);
        for (const op of parseAppOps(text)) {
          expect(op.op).toMatch(/^[A-Z][A-Z0-9_]*$/);
          expect(['package', 'uid']).toContain(op.scope);
          if (op.lastAccess !== undefined) agoToMilliseconds(op.lastAccess);
        }
        for (const record of parseDumpsysLocation(text, packageName)) expect(typeof record.provider).toBe('string');
        const parsed = parseDumpsysPackage(text, packageName);
        if (parsed) expect(parsed.packageName).toBe(packageName);
      }),
      { numRuns: 600 },
    );
  });

  it('a package name with regular-expression characters is matched literally', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), adbish, (packageName, text) => {
        parseDumpsysLocation(text, packageName);
        parseDumpsysPackage(text, packageName);
      }),
      { numRuns: 300 },
    );
  });
});

describe('adb parsers on samples authored in the Android formats', () => {
  it.each(packageSamples)('%s reads the same with CRLF line ends', (name, packageName) => {
    const text = sample(name);
    expect(plainPackage(parseDumpsysPackage(text.replace(/\n/g, '\r\n'), packageName))).toEqual(plainPackage(parseDumpsysPackage(text, packageName)));
  });

  it.each(locationSamples)('%s reads the same with CRLF line ends', (name, packageName) => {
    const text = sample(name);
    expect(parseDumpsysLocation(text.replace(/\n/g, '\r\n'), packageName)).toEqual(parseDumpsysLocation(text, packageName));
  });

  it.each(appopsSamples)('%s reads the same with CRLF line ends', (name) => {
    const text = sample(name);
    expect(parseAppOps(text.replace(/\n/g, '\r\n'))).toEqual(parseAppOps(text));
  });

  it('a sample cut off anywhere (connection dropped) still parses', () => {
    const all = [...packageSamples, ...locationSamples, ...appopsSamples.map((name) => [name, 'unused'] as const)];
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.double({ min: 0, max: 1, noNaN: true }), ([name, packageName], fraction) => {
        const text = sample(name);
        const cut = text.slice(0, Math.floor(text.length * fraction));
        parseDumpsysPackage(cut, packageName);
        parseDumpsysLocation(cut, packageName);
        parseAppOps(cut);
        parseAndroidId(cut);
      }),
      { numRuns: 400 },
    );
  });

  it('a package sample cut at a line boundary gives a subset of the permissions of the whole', () => {
    fc.assert(
      fc.property(fc.constantFrom(...packageSamples), fc.nat(), ([name, packageName], lineSeed) => {
        const lines = sample(name).split('\n');
        const cut = lines.slice(0, lineSeed % (lines.length + 1)).join('\n');
        const whole = permissionNames(parseDumpsysPackage(sample(name), packageName));
        for (const permission of permissionNames(parseDumpsysPackage(cut, packageName))) expect(whole.has(permission)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('appops cut at a line boundary gives a prefix of the ops of the whole, by name', () => {
    fc.assert(
      fc.property(fc.constantFrom(...appopsSamples), fc.nat(), (name, lineSeed) => {
        const lines = sample(name).split('\n');
        const cut = lines.slice(0, lineSeed % (lines.length + 1)).join('\n');
        const whole = parseAppOps(sample(name)).map((op) => op.op);
        const part = parseAppOps(cut).map((op) => op.op);
        expect(whole.slice(0, part.length)).toEqual(part);
      }),
      { numRuns: 200 },
    );
  });
});
