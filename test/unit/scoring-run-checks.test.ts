// The runner hands a check only what it declares (Lighthouse's runner-test "an audit requiring A
// and C receives exactly those"), and turns faults and thrown errors into honest outcomes.
import { describe, expect, it } from 'vitest';
import { allChecks } from '../../checks/index.ts';
import { defineCheck, type CheckDefinition } from '../../src/check-kit/index.ts';
import type { CheckInputs } from '../../src/check-kit/inputs.ts';
import { runCheck } from '../../src/scoring/run-checks.ts';
import { entry, input, makeEvidence, network } from './fixtures/evidence-factory.ts';

// Evidence holding every optional field, so that a key missing from what a check receives can only
// be the runner's doing. The Android part is shaped like test/fixtures/adb (appops-android13.txt,
// dumpsys-location-android14.txt) as the capture parses them.
const everything = makeEvidence({
  platform: 'android',
  target: 'com.example.testgame',
  mockLocation: { latitude: 51.501, longitude: -0.1416 },
  ageGate: { present: true, phase: 'launch', eventId: 'ev-3', question: 'How old are you?', inputKind: 'age' },
  persona: { id: 'child-8', age: 8, digitalConsentAge: 13 },
  knownIdentifiers: { advertisingId: 'a7d11091-ffdf-42d9-b1c8-04b0fb065fcc' },
  android: {
    package: 'com.example.testgame',
    versionName: '1.0.0',
    androidId: '9774d56d682e549c',
    userIds: [0],
    appOps: [{ op: 'COARSE_LOCATION', mode: 'ignore', scope: 'uid', running: false }],
    locationRequests: [{ provider: 'fused', active: false, coarse: false, locations: 3, raw: 'com.example.testgame: min/max interval = +1s0ms' }],
    rawFiles: ['device/appops.txt', 'device/dumpsys-location.txt'],
  },
  // Shaped like the inventory of test/fixtures/packages/star-catcher-friends.apk.
  packageInspection: {
    platform: 'android',
    files: [{ path: 'package/base.apk', role: 'apk', sha256: 'a'.repeat(64), bytes: 8533 }],
    android: {
      manifests: [{ package: 'com.example.testgame', versionName: '1.0.0', versionCode: 1, minSdk: 26, targetSdk: 34, permissions: [{ name: 'android.permission.INTERNET', group: 'other', dangerous: false }], metaData: [], activities: [], components: [] }],
      dexFiles: [{ file: 'package/base.apk!classes.dex', classes: 2 }],
      classCount: 2,
    },
    engines: [],
    sdks: [{ company: 'Google', product: 'Play Age Signals API', purpose: 'age-assurance', matchedBy: ['com.google.android.play.agesignals.'], classCount: 1 }],
    unreadable: [],
  },
});
const allInputs: CheckInputs = input(everything, network([entry('https://play.test-game.example/index.html')]), []);

/** Always there (src/check-kit/inputs.ts baseEvidenceKeys), whatever a check declares. */
const baseEvidence = ['schemaVersion', 'game', 'platform', 'target', 'status', 'incompleteReasons', 'phases', 'startedAt', 'endedAt', 'notes', 'firstPartyDomains'];
// The not-seen work adds `notCollected` to the schema; once merged it is a base field too.
if ('notCollected' in everything) baseEvidence.push('notCollected');
const baseAndroid = ['package', 'versionName', 'userIds', 'rawFiles'];
const network_ = ['network', 'adCatalogue'];
const identifiers = { evidence: ['knownIdentifiers', 'learnedIdentifiers', 'storage', 'mockLocation'], android: ['androidId'], inputs: ['analysisContext'] };
const locationAndroid = ['appOps', 'locationRequests'];

interface Expected {
  requires: string[];
  optional?: string[];
  inputs: string[];
  evidence: string[];
  android: string[];
}

// Literal: what each check declares and so receives, beside `evidence` and the base fields.
const expected: Record<string, Expected> = {
  'age-assurance.age-check': { requires: ['age-gate', 'network', 'timeline'], optional: ['package'], inputs: [...network_, 'events'], evidence: ['ageGate', 'packageInspection'], android: [] },
  'age-assurance.child-treated-as-child': { requires: ['personas', 'network', 'settings'], inputs: ['personaCaptures', ...network_], evidence: ['persona', 'ageGate', 'settings', 'expectations'], android: [] },
  'data-minimisation.dangerous-permissions': { requires: ['permissions', 'geolocation'], optional: ['package'], inputs: [], evidence: ['permissions', 'permissionPrompts', 'geolocation', 'packageInspection'], android: locationAndroid },
  'data-minimisation.persistent-device-ids': { requires: ['network', 'identifiers'], inputs: [...network_, ...identifiers.inputs], evidence: identifiers.evidence, android: identifiers.android },
  'data-sharing.third-party-recipients': { requires: ['network', 'identifiers'], inputs: [...network_, ...identifiers.inputs], evidence: identifiers.evidence, android: identifiers.android },
  'data-sharing.uncertified-ad-networks': { requires: ['network'], inputs: network_, evidence: [], android: [] },
  'default-settings.high-privacy': { requires: ['settings'], inputs: [], evidence: ['settings', 'expectations'], android: [] },
  'default-settings.tracking-before-choice': { requires: ['network'], optional: ['screenshots'], inputs: network_, evidence: ['screenshots'], android: [] },
  'geolocation.location-off-by-default': {
    requires: ['geolocation', 'permissions', 'settings'],
    inputs: [],
    evidence: ['geolocation', 'permissions', 'permissionPrompts', 'settings', 'expectations'],
    android: locationAndroid,
  },
  'geolocation.permission-at-launch': { requires: ['geolocation', 'permissions'], optional: ['screenshots'], inputs: [], evidence: ['geolocation', 'permissions', 'permissionPrompts', 'screenshots'], android: locationAndroid },
  // Also the permission state, to say when coordinates left although location was never granted (issue 21).
  'geolocation.precise-location-shared': {
    requires: ['network', 'identifiers', 'geolocation', 'permissions'],
    inputs: [...network_, ...identifiers.inputs],
    evidence: [...identifiers.evidence, 'geolocation', 'permissions', 'permissionPrompts'],
    android: [...identifiers.android, ...locationAndroid],
  },
  'nudge.consent-choice-parity': { requires: ['consent', 'device'], optional: ['screenshots'], inputs: [], evidence: ['consentDialogs', 'device', 'screenshots'], android: [] },
  'parental-controls.monitoring-sign': { requires: ['settings'], inputs: [], evidence: ['settings', 'expectations'], android: [] },
  'profiling.advertising-id-shared': { requires: ['network', 'identifiers'], optional: ['package'], inputs: [...network_, ...identifiers.inputs], evidence: [...identifiers.evidence, 'packageInspection'], android: identifiers.android },
  'profiling.behavioural-ads-setting': { requires: ['settings', 'network'], inputs: network_, evidence: ['settings', 'expectations'], android: [] },
  'profiling.personalised-ads-signals': { requires: ['network'], inputs: network_, evidence: [], android: [] },
  'transparency.declared-vs-observed': { requires: ['package', 'network'], inputs: network_, evidence: ['packageInspection'], android: [] },
  'transparency.privacy-information': {
    requires: ['consent', 'settings', 'permissions', 'geolocation'],
    inputs: [],
    evidence: ['consentDialogs', 'settings', 'expectations', 'permissions', 'permissionPrompts', 'geolocation'],
    android: locationAndroid,
  },
};

/** The check, wrapped so the test sees exactly the object the runner handed it. */
function received(check: CheckDefinition): Record<string, unknown> {
  let seen: Record<string, unknown> | undefined;
  const probe: CheckDefinition = {
    ...check,
    evaluate(given) {
      seen = given as unknown as Record<string, unknown>;
      return check.evaluate(given);
    },
  };
  runCheck(probe, allInputs);
  if (!seen) throw new Error(`${check.id} was not evaluated`);
  return seen;
}

const sorted = (keys: Iterable<string>): string[] => [...keys].sort();

describe('what a check receives', () => {
  it('covers every check in the catalogue', () => {
    expect(sorted(allChecks.map((check) => check.id))).toEqual(sorted(Object.keys(expected)));
  });

  for (const check of allChecks) {
    it(`${check.id} receives exactly the inputs it declares, and nothing else`, () => {
      const want = expected[check.id]!;
      expect([...check.requires]).toEqual(want.requires);
      expect(check.optional ? [...check.optional] : undefined).toEqual(want.optional);
      const given = received(check);
      expect(sorted(Object.keys(given))).toEqual(sorted(['evidence', ...want.inputs]));
      const evidence = given.evidence as Record<string, unknown>;
      expect(sorted(Object.keys(evidence))).toEqual(sorted([...baseEvidence, ...want.evidence, 'android']));
      expect(sorted(Object.keys(evidence.android as object))).toEqual(sorted([...baseAndroid, ...want.android]));
    });
  }

  it('gives the values themselves, not copies that could drift', () => {
    const given = received(allChecks.find((check) => check.id === 'data-sharing.third-party-recipients')!);
    expect(given.network).toBe(allInputs.network);
    expect((given.evidence as { storage: unknown }).storage).toBe(everything.storage);
    expect(given.analysisContext).toEqual({
      appPackage: 'com.example.testgame',
      firstPartyDomains: ['test-game.example'],
      identifiers: { advertisingId: 'a7d11091-ffdf-42d9-b1c8-04b0fb065fcc', androidId: '9774d56d682e549c' },
      identifierDetails: {
        advertisingId: { persistent: false, source: 'identifiers file' },
        androidId: { persistent: true, source: 'adb settings get secure android_id' },
      },
      mockLocation: { latitude: 51.501, longitude: -0.1416 },
    });
  });

  it('leaves out android when the capture has none (web)', () => {
    const web = makeEvidence();
    let seen: Record<string, unknown> | undefined;
    const probe = defineCheck({
      id: 'test.probe',
      standard: 7,
      title: 'Probe passes',
      failureTitle: 'Probe fails',
      requires: ['settings'],
      rationale: 'Records what it was given.',
      evaluate(given) {
        seen = given.evidence as unknown as Record<string, unknown>;
        return { outcome: 'pass', summary: 'Seen.', findings: [] };
      },
    });
    runCheck(probe, input(web));
    expect(seen && 'android' in seen).toBe(false);
    expect(seen && 'settings' in seen).toBe(true);
    expect(seen && 'consentDialogs' in seen).toBe(false);
  });

  it('makes reading an undeclared input a type error', () => {
    defineCheck({
      id: 'test.undeclared',
      standard: 7,
      title: 'Undeclared passes',
      failureTitle: 'Undeclared fails',
      requires: ['settings'],
      rationale: 'Reads what it did not declare; tsc refuses it (npx tsc --noEmit covers this file).',
      // @ts-expect-error `network` is not declared, so it is not in the input type
      evaluate({ evidence, network: undeclared }) {
        // @ts-expect-error `consentDialogs` belongs to 'consent', which is not declared
        const dialogs: unknown = evidence.consentDialogs;
        return { outcome: 'pass', summary: `${String(undeclared)} ${String(dialogs)}`, findings: [] };
      },
    });
  });
});

describe('what the runner makes of a check’s outcome', () => {
  const passing = (requires: CheckDefinition['requires'], optional?: CheckDefinition['optional']): CheckDefinition => ({
    id: 'test.passing',
    standard: 7,
    title: 'Passing passes',
    failureTitle: 'Passing fails',
    requires,
    ...(optional ? { optional } : {}),
    rationale: 'Always passes.',
    evaluate: () => ({ outcome: 'pass', summary: 'All clear.', findings: [] }),
  });
  const screenshotFault = makeEvidence({ status: 'incomplete', incompleteReasons: [{ message: 'Screenshot "Game after launch" could not be saved.', affects: ['screenshots'] }] });

  it('turns a pass inconclusive when a required input is incomplete', () => {
    const result = runCheck(passing(['network', 'screenshots']), input(screenshotFault));
    expect(result.outcome).toBe('inconclusive');
    expect(result.downgradedBecause).toBe('Evidence this check needs is incomplete: Screenshot "Game after launch" could not be saved.');
    expect(result.summary).toBe('All clear. However, the capture was incomplete, so this cannot be confirmed.');
  });

  it('keeps a pass when only an optional input (a screenshot to point at) is incomplete', () => {
    const result = runCheck(passing(['network'], ['screenshots']), input(screenshotFault));
    expect(result.outcome).toBe('pass');
    expect(result.downgradedBecause).toBeUndefined();
    expect(result.requires).toEqual(['network']);
  });

  it('reports a check that throws as one error row', () => {
    const throwing: CheckDefinition = {
      ...passing(['settings']),
      evaluate: () => {
        throw new Error('boom');
      },
    };
    const result = runCheck(throwing, input(makeEvidence()));
    expect(result).toMatchObject({ outcome: 'error', error: 'boom', title: 'Passing passes', findings: [] });
  });
});
