// How the existing checks use the package inventory (issue 16): dangerous permissions compare
// what the package declares with what was asked at run time, the advertising-id check notes a
// declared AD_ID, the age check says whether the game carries an age-signals API. Inventories
// are those of the committed fixture packages (test/fixtures/packages, sources beside them).
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import ageCheck from '../../checks/age-assurance.age-check.ts';
import dangerousPermissions from '../../checks/data-minimisation.dangerous-permissions.ts';
import advertisingId from '../../checks/profiling.advertising-id-shared.ts';
import { inspectPackage } from '../../src/inspect/inspect-package.ts';
import type { PackageInspection } from '../../src/inspect/package-inspection-schema.ts';
import { entry, input, makeEvidence, network, tracker } from './fixtures/evidence-factory.ts';

const fixture = (name: string): string => path.resolve(import.meta.dirname, '../fixtures/packages', name);
let leakyRunner: PackageInspection;
let starCatcher: PackageInspection;
let leakyRunnerIos: PackageInspection;

beforeAll(async () => {
  [leakyRunner, starCatcher, leakyRunnerIos] = await Promise.all([inspectPackage(fixture('leaky-runner.apk')), inspectPackage(fixture('star-catcher-friends.apk')), inspectPackage(fixture('leaky-runner.ipa'))]);
});

const game = entry('https://api.demogames.example/config', { index: 0 });

describe('data-minimisation.dangerous-permissions with the package', () => {
  it('lists the location permissions the package declares when the device list was not read, pointing at the package file', () => {
    // No dumpsys (evidence.permissions empty): without the package this is "could not be read in full".
    const evidence = makeEvidence({ platform: 'android', permissions: [], packageInspection: leakyRunner });
    const result = dangerousPermissions.evaluate(input(evidence));
    expect(result.outcome).toBe('warn');
    expect(result.findings.map((finding) => [finding.severity, finding.data?.permission, finding.data?.source, finding.data?.declaredInPackage])).toEqual([
      ['warn', 'android.permission.ACCESS_COARSE_LOCATION', 'the app package manifest', true],
      ['warn', 'android.permission.ACCESS_FINE_LOCATION', 'the app package manifest', true],
    ]);
    expect(result.findings[0]!.evidence).toEqual([{ kind: 'file', path: fixture('leaky-runner.apk') }]);
    const withoutPackage = dangerousPermissions.evaluate(input(makeEvidence({ platform: 'android', permissions: [] })));
    expect(withoutPackage.outcome).toBe('inconclusive');
  });

  it('warns of a declared background location permission', () => {
    const background: PackageInspection = structuredClone(starCatcher);
    background.android!.manifests[0]!.permissions.push({ name: 'android.permission.ACCESS_BACKGROUND_LOCATION', group: 'location', dangerous: true, location: 'background' });
    const result = dangerousPermissions.evaluate(input(makeEvidence({ platform: 'android', permissions: [], packageInspection: background })));
    expect(result.outcome).toBe('warn');
    expect(result.findings.map((finding) => finding.message)).toContain(
      'The game declares ACCESS_BACKGROUND_LOCATION: location while the game is not on screen, which no game feature a child uses in play needs.',
    );
  });

  it('passes a package that declares no sensitive permission (Star Catcher Friends: internet only)', () => {
    const result = dangerousPermissions.evaluate(input(makeEvidence({ platform: 'android', permissions: [], packageInspection: starCatcher })));
    expect(result.outcome).toBe('pass');
    expect(result.summary).toBe('The game requested no sensitive permission.');
  });
});

describe('profiling.advertising-id-shared with the package', () => {
  const aaid = '3f2a9c4e-7b1d-4e8a-9c55-2d6f1a0b7e93';
  const quiet = network([game, entry('https://googleads.g.doubleclick.net/mads/gma', { index: 1, tracker: tracker('Google', 'advertising', true) })]);

  it('turns a pass into a warning when the package declares AD_ID, naming the permission', () => {
    const result = advertisingId.evaluate(input(makeEvidence({ platform: 'android', knownIdentifiers: { advertisingId: aaid }, packageInspection: leakyRunner }), quiet));
    expect(result.outcome).toBe('warn');
    expect(result.summary).toBe('The advertising id was not found in any of the 2 third-party requests made at launch. But the package declares the advertising-id permission.');
    expect(result.findings.at(-1)!.data).toEqual({ declaredAdIdPermission: 'com.google.android.gms.permission.AD_ID' });
  });

  it('notes a package without AD_ID and keeps the pass', () => {
    const result = advertisingId.evaluate(input(makeEvidence({ platform: 'android', knownIdentifiers: { advertisingId: aaid }, packageInspection: starCatcher }), quiet));
    expect(result.outcome).toBe('pass');
    expect(result.findings).toEqual([
      {
        message: 'The app package does not declare com.google.android.gms.permission.AD_ID: on Android 13 and later its SDKs are given zeros instead of the advertising id.',
        evidence: [{ kind: 'file', path: fixture('star-catcher-friends.apk') }],
        severity: 'info',
        data: { declaredAdIdPermission: null },
      },
    ]);
  });
});

describe('age-assurance.age-check with the package', () => {
  it('says the game carries Play Age Signals and that its use could not be seen', () => {
    const result = ageCheck.evaluate(input(makeEvidence({ platform: 'android', ageGate: { present: false }, packageInspection: starCatcher }), network([game])));
    expect(result.findings.at(-1)).toEqual({
      message:
        "The app package carries Google Play Age Signals API (com.google.android.play.agesignals.). Whether the game asked it for the player's age could not be seen: it answers through the store or the system, not the network, and no age-signals prompt was recorded.",
      evidence: [{ kind: 'file', path: fixture('star-catcher-friends.apk') }],
      severity: 'info',
      data: { ageSignalsApi: 'Google Play Age Signals API', used: null },
    });
  });

  it("names Apple's Declared Age Range from the IPA's entitlements", () => {
    const result = ageCheck.evaluate(input(makeEvidence({ platform: 'ios', ageGate: { present: false }, packageInspection: leakyRunnerIos }), network([game])));
    expect(result.findings.at(-1)!.data).toEqual({ ageSignalsApi: 'Apple Declared Age Range', used: null });
  });

  it('says "none" only when the whole code inventory was read', () => {
    const none: PackageInspection = { ...structuredClone(starCatcher), sdks: [] };
    expect(ageCheck.evaluate(input(makeEvidence({ platform: 'android', ageGate: { present: false }, packageInspection: none }), network([game]))).findings.at(-1)!.data).toEqual({ ageSignalsApi: 'none', used: false });
    const cutShort: PackageInspection = { ...none, unreadable: [{ part: 'x.apk!classes2.dex', reason: 'not a readable DEX file' }] };
    expect(ageCheck.evaluate(input(makeEvidence({ platform: 'android', ageGate: { present: false }, packageInspection: cutShort }), network([game]))).findings.at(-1)!.message).toBe(
      'Part of the app package could not be read, so whether it carries an age-signals API is unknown.',
    );
  });
});
