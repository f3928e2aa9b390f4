import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allChecks } from '../../checks/index.ts';
import { loadCatalogue } from '../../src/analysis/tracker-catalogue.ts';
import { assertValidCatalogue, contractProblems, defineCheck, type CheckDefinition } from '../../src/check-kit/index.ts';
import type { CheckInputs } from '../../src/check-kit/inputs.ts';
import type { CheckResult } from '../../src/scoring/result-schema.ts';
import { runCheck } from '../../src/scoring/run-checks.ts';
import { standardName, statusFromOutcomes } from '../../src/scoring/standards.ts';
import { adSignals, control, during, entry, event, input, makeEvidence, network, tracker } from './fixtures/evidence-factory.ts';

const checksDirectory = path.resolve('checks');

describe('the check catalogue', () => {
  it('lists every file in checks/ exactly once, each named by its id', () => {
    const files = fs
      .readdirSync(checksDirectory)
      .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
      .map((file) => file.replace(/\.ts$/, ''))
      .sort();
    expect(allChecks.map((check) => check.id).sort()).toEqual(files);
  });

  it('gives every check a rationale naming its standard by number and name', () => {
    for (const check of allChecks) {
      expect(check.rationale, check.id).toContain(`Standard ${check.standard}`);
      expect(check.rationale, check.id).toContain(standardName(check.standard));
    }
  });

  it('holds only checks that meet the contract', () => {
    expect(allChecks.map((check) => ({ id: check.id, problems: contractProblems(check) }))).toEqual(allChecks.map((check) => ({ id: check.id, problems: [] })));
  });
});

describe('the contract defineCheck enforces', () => {
  const sound = {
    id: 'test.sound-check',
    standard: 7,
    title: 'Sound passes',
    failureTitle: 'Sound fails',
    requires: ['settings'],
    rationale: 'A reason.',
    evaluate: () => ({ outcome: 'pass' as const, summary: 'Fine.', findings: [] }),
  } satisfies CheckDefinition;

  it('accepts a sound definition', () => {
    expect(contractProblems(sound)).toEqual([]);
    expect(() => defineCheck(sound)).not.toThrow();
  });

  it('names every problem of a broken definition in one line', () => {
    const broken = { ...sound, id: 'Not_An_Id', standard: 16, failureTitle: 'Sound passes', rationale: ' ', requires: ['network', 'network', 'clipboard'], optional: ['network'] } as unknown as CheckDefinition;
    expect(contractProblems(broken)).toEqual([
      'id must be "<area>.<name>" in lower-case words joined by hyphens, equal to the file name in checks/',
      'standard must be a whole number from 1 to 15',
      'failureTitle must differ from title: it is what a failing row is headed with',
      'rationale must not be empty',
      '"clipboard" is not an input a check can be given (network, identifiers, settings, consent, geolocation, permissions, screenshots, device, age-gate, package, timeline, personas)',
      '"network" is both required and optional',
      'requires names an input twice',
    ]);
    expect(() => defineCheck(broken)).toThrow(/^check Not_An_Id: id must be/);
  });

  it('refuses a check that declares no input', () => {
    expect(contractProblems({ ...sound, requires: [] } as unknown as CheckDefinition)).toEqual([
      'requires must name at least one input (network, identifiers, settings, consent, geolocation, permissions, screenshots, device, age-gate, package, timeline, personas)',
    ]);
  });

  it('refuses two checks with one id', () => {
    expect(() => assertValidCatalogue([sound, sound])).toThrow('check test.sound-check: listed twice in checks/index.ts');
  });
});

// A web capture in which a lot happened, so every check has real work to do. The third-party
// requests are shaped like two real samples in /work/shared/reference/real-traffic/samples.jsonl:
// rt-029 (Singular /api/v1/start with the advertising id raw in `aifa`) and rt-031 (AppLovin MAX
// /1.0/mediate, an ad request).
const advertisingId = 'a7d11091-ffdf-42d9-b1c8-04b0fb065fcc';
const busyEvidence = makeEvidence({
  knownIdentifiers: { advertisingId },
  mockLocation: { latitude: 51.501, longitude: -0.1416 },
  ageGate: { present: true, phase: 'launch', eventId: 'ev-3', question: 'How old are you?', inputKind: 'age', answerGiven: '9' },
  geolocation: { calls: [{ eventId: 'ev-4', phase: 'launch', at: during('launch', 3), api: 'getCurrentPosition' }], permissionState: 'prompt' },
  permissions: [{ name: 'geolocation', group: 'location', requested: true, runtime: true, granted: false, source: 'permissions API' }],
  consentDialogs: [
    {
      eventId: 'ev-5',
      phase: 'consent',
      at: during('consent'),
      detectedBy: 'plan',
      text: 'We and our partners use your data to show ads and measure the game.',
      buttons: [
        { text: 'Accept all', role: 'accept', bounds: { x: 24, y: 560, width: 364, height: 64 } },
        { text: 'Manage options', role: 'manage', bounds: { x: 150, y: 640, width: 110, height: 18 } },
      ],
      stepsToAccept: 1,
      stepsToDecline: 3,
      declined: true,
      screenshot: 'screens/02-consent.png',
    },
  ],
  settings: {
    source: 'recipe',
    readable: true,
    screenshot: 'screens/03-settings.png',
    controls: [control('Personalised ads', true, { name: 'personalisedAds' }), control('Share my location', false, { name: 'shareLocation' })],
    parentalControls: [{ label: 'Parent dashboard', monitoringSignalled: false }],
    privacyLinks: [{ text: 'Privacy policy', href: 'https://play.test-game.example/privacy' }],
  },
  expectations: { personalisedAds: false, shareLocation: false },
  storage: [
    {
      phase: 'launch',
      at: during('launch', 5),
      eventId: 'ev-6',
      cookies: [{ name: 'uid', value: '1645023281240-2783184', domain: '.singular.net', path: '/', expires: Date.parse(during('launch', 5)) / 1000 + 400 * 86400, httpOnly: false, secure: true, sameSite: 'None' }],
      localStorage: [],
    },
  ],
});
const busyNetwork = network([
  entry('https://play.test-game.example/index.html', { index: 0 }),
  entry(`https://sdk-api-v1.singular.net/api/v1/start?a=test&aifa=${advertisingId}&k=AIFA`, {
    index: 1,
    tracker: tracker('Singular Labs', 'attribution'),
    identifiers: [{ kind: 'advertisingId', encoding: 'plain', where: 'query', field: 'aifa' }],
  }),
  entry('https://ms4.applovin.com/1.0/mediate?p=1%3A96943fdea087a1d759e08734fce0068af23ef96e', {
    index: 2,
    tracker: tracker('AppLovin', 'advertising', false),
    adSignals: adSignals('unknown', 'unknown'),
  }),
  entry('https://play.test-game.example/api/after-consent', { index: 3, phase: 'consent' }),
]);
const busyEvents = [event('ev-3', 'launch', 'age-gate'), event('ev-4', 'launch', 'geolocation'), event('ev-5', 'consent', 'consent-dialog'), event('ev-7', 'consent', 'age-answered', 2)];

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const forbidden = (what: string) => () => {
  throw new Error(`impure check: ${what} during a check`);
};

/** Clock, randomness and file system replaced by stubs that throw, for the duration of `run`. */
function withoutTheWorld<T>(run: () => T): T {
  const RealDate = Date;
  class ClocklessDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) throw new Error('impure check: new Date() during a check');
      super(...(args as [string | number]));
    }
    static override now(): number {
      throw new Error('impure check: Date.now() during a check');
    }
  }
  vi.stubGlobal('Date', ClocklessDate);
  vi.spyOn(Math, 'random').mockImplementation(forbidden('Math.random()'));
  vi.spyOn(performance, 'now').mockImplementation(forbidden('performance.now()'));
  for (const name of ['readFileSync', 'readdirSync', 'existsSync', 'statSync', 'openSync', 'readFile', 'writeFileSync'] as const) {
    vi.spyOn(fs, name).mockImplementation(forbidden(`fs.${name}`));
  }
  vi.spyOn(fs.promises, 'readFile').mockImplementation(forbidden('fs.promises.readFile'));
  // Named imports of node:fs (import { readFileSync } from 'node:fs') follow the default object only after this.
  syncBuiltinESMExports();
  try {
    return run();
  } finally {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    syncBuiltinESMExports();
  }
}

describe('checks are pure', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    syncBuiltinESMExports();
  });

  // Everything is computed (the analysis context, the catalogue facts) before the world is taken away.
  const frozenInputs: CheckInputs = deepFreeze(input(busyEvidence, busyNetwork, busyEvents));
  const runAll = (): CheckResult[] => withoutTheWorld(() => allChecks.map((check) => runCheck(check, frozenInputs)));

  it('the stubs do catch what they are there for: a file read one call away, the clock, a mutation', () => {
    expect(() => withoutTheWorld(() => loadCatalogue())).toThrow('impure check: fs.statSync during a check');
    expect(() => withoutTheWorld(() => new Date())).toThrow('impure check: new Date() during a check');
    expect(() => withoutTheWorld(() => Math.random())).toThrow('impure check: Math.random() during a check');
    expect(withoutTheWorld(() => new Date('2026-03-02T10:00:00.000Z').toISOString())).toBe('2026-03-02T10:00:00.000Z');
    const mutating = defineCheck({
      id: 'test.mutating',
      standard: 7,
      title: 'Mutating passes',
      failureTitle: 'Mutating fails',
      requires: ['settings'],
      rationale: 'Sorts the evidence in place.',
      evaluate({ evidence }) {
        evidence.settings.controls.sort((a, b) => a.label.localeCompare(b.label));
        return { outcome: 'pass', summary: 'Sorted.', findings: [] };
      },
    });
    expect(runCheck(mutating, frozenInputs)).toMatchObject({ outcome: 'error', error: expect.stringMatching(/read only|read-only|frozen/) });
  });

  it('every check gives the same result twice on the same frozen evidence, without clock, randomness or files', () => {
    const first = runAll();
    const second = runAll();
    expect(first.filter((result) => result.outcome === 'error').map((result) => `${result.id}: ${result.error}`)).toEqual([]);
    expect(second).toEqual(first);
    // The busy game leaks everywhere but never sends the mock location, so the checks did real work.
    expect(Object.fromEntries(first.map((result) => [result.id, result.outcome]))).toEqual({
      'age-assurance.age-check': 'inconclusive',
      // The busy game was not captured as one of several personas.
      'age-assurance.child-treated-as-child': 'not-applicable',
      'transparency.privacy-information': 'fail',
      // A web game has no app package.
      'transparency.declared-vs-observed': 'not-applicable',
      'default-settings.high-privacy': 'fail',
      'default-settings.tracking-before-choice': 'fail',
      'data-minimisation.dangerous-permissions': 'fail',
      'geolocation.permission-at-launch': 'fail',
      'geolocation.location-off-by-default': 'fail',
      'parental-controls.monitoring-sign': 'fail',
      'profiling.behavioural-ads-setting': 'fail',
      'nudge.consent-choice-parity': 'fail',
      'data-minimisation.persistent-device-ids': 'fail',
      'data-sharing.third-party-recipients': 'fail',
      'data-sharing.uncertified-ad-networks': 'fail',
      'geolocation.precise-location-shared': 'pass',
      'profiling.advertising-id-shared': 'fail',
      'profiling.personalised-ads-signals': 'warn',
    });
  });
});

describe('standard status from check outcomes', () => {
  it('lets the worst outcome decide, never counts inconclusive as conforming, and shows errors', () => {
    expect(statusFromOutcomes(['pass', 'fail', 'inconclusive'])).toBe('does-not-conform');
    expect(statusFromOutcomes(['pass', 'error'])).toBe('error');
    expect(statusFromOutcomes(['pass', 'inconclusive'])).toBe('concerns');
    expect(statusFromOutcomes(['pass', 'warn'])).toBe('concerns');
    expect(statusFromOutcomes(['pass', 'not-applicable'])).toBe('conforms');
    expect(statusFromOutcomes(['not-applicable'])).toBe('not-assessed');
    expect(statusFromOutcomes([])).toBe('not-assessed');
  });
});
