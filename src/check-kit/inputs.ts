// The one table of what a check may be given (Lighthouse's artifacts). A check names inputs in
// `requires` (and `optional`); src/scoring/run-checks.ts hands it an object holding exactly the
// evidence fields and inputs of those names, and the type of `evaluate`'s parameter is the same
// pick, so reading anything undeclared does not compile and is not there at run time either.
import type { AnalysisContext, NetworkAnalysis } from '../analysis/types.ts';
import type { Evidence, EvidenceArea, TimelineEvent } from '../evidence/schema.ts';
import type { PersonaCapture } from './persona-treatment.ts';

type AndroidEvidence = NonNullable<Evidence['android']>;

/**
 * Evidence fields every check receives whatever it declares: what was audited, how the capture
 * went (status, faults, phases, times) and the plan's own declarations copied into the bundle
 * (target, first-party domains). None of these is an observation of the game a fault can take
 * away, so no check has to declare them. `notCollected` is added by the schema work on evidence
 * that was not seen; it is listed here already and picked only once the schema has it.
 */
export const baseEvidenceKeys = [
  'schemaVersion',
  'game',
  'platform',
  'target',
  'status',
  'incompleteReasons',
  'phases',
  'startedAt',
  'endedAt',
  'notes',
  'firstPartyDomains',
  'notCollected',
] as const;

/** Parts of `evidence.android` every check with Android evidence receives: which app, and the raw adb files to point at. */
export const baseAndroidKeys = ['package', 'versionName', 'userIds', 'rawFiles'] as const;

/** The extra inputs beside `evidence`: the network analysis, the raw timeline and the computed inputs. */
export interface CheckInputs {
  evidence: Evidence;
  network: NetworkAnalysis;
  events: readonly TimelineEvent[];
  /** Computed once per bundle from the identifiers area (analysisContextFromEvidence): no check rebuilds it. */
  analysisContext: AnalysisContext;
  /** Computed from the bundled tracker catalogue before checks run, so no check reads data/trackers.yaml. */
  adCatalogue: AdCatalogueFacts;
  /**
   * The game's other persona captures on the same platform (plans with personas), read by scoring
   * from the sibling bundles, those that could not be read among them; empty for a capture made
   * without personas.
   */
  personaCaptures: readonly PersonaCapture[];
}

/** What checks need from data/trackers.yaml: the companies with an SDK on Google Play's Families self-certified list. */
export interface AdCatalogueFacts {
  /** Lower-case company names, as the catalogue spells them. */
  familiesCertifiedCompanies: readonly string[];
}

type InputRow = {
  readonly evidence: readonly (keyof Evidence)[];
  readonly android: readonly (keyof AndroidEvidence)[];
  readonly inputs: readonly Exclude<keyof CheckInputs, 'evidence'>[];
};

/**
 * Input name → what it gives. Each evidence area of src/evidence/schema.ts is an input name (so a
 * fault's `affects` names inputs too), plus `timeline` for events.ndjson.
 * - `android` spans areas, so it is split: the app's package and raw files are base, the Android
 *   id belongs to `identifiers`, app-ops and location listeners to `geolocation`.
 * - `mockLocation` (the coordinates we gave the device) belongs to `identifiers`: like the
 *   identifiers file, it is a value we planted and look for in the traffic, not something the
 *   game did about location.
 * - the computed `analysisContext` is built from the base and `identifiers` fields only, so it
 *   comes with `identifiers`; the Families list facts come with `network`, whose attribution
 *   already rests on the same catalogue.
 */
export const inputTable = {
  network: { evidence: [], android: ['baselineWindow'], inputs: ['network', 'adCatalogue'] },
  identifiers: { evidence: ['knownIdentifiers', 'learnedIdentifiers', 'storage', 'mockLocation'], android: ['androidId', 'androidIdSource'], inputs: ['analysisContext'] },
  settings: { evidence: ['settings', 'expectations'], android: [], inputs: [] },
  consent: { evidence: ['consentDialogs'], android: [], inputs: [] },
  geolocation: { evidence: ['geolocation'], android: ['appOps', 'locationRequests', 'recordsReadAt'], inputs: [] },
  permissions: { evidence: ['permissions', 'permissionPrompts'], android: [], inputs: [] },
  screenshots: { evidence: ['screenshots'], android: [], inputs: [] },
  device: { evidence: ['device'], android: [], inputs: [] },
  'age-gate': { evidence: ['ageGate'], android: [], inputs: [] },
  // What the app package declares and carries (src/inspect/): read from the package, not observed at run time.
  package: { evidence: ['packageInspection'], android: [], inputs: [] },
  timeline: { evidence: [], android: [], inputs: ['events'] },
  // Which persona this capture played as, and what the game's other personas' captures showed.
  personas: { evidence: ['persona', 'ageGate'], android: [], inputs: ['personaCaptures'] },
} as const satisfies Record<EvidenceArea | 'timeline' | 'personas', InputRow>;

export type InputName = keyof typeof inputTable;
export const inputNames = Object.keys(inputTable) as InputName[];

type BaseEvidenceKey = Extract<(typeof baseEvidenceKeys)[number], keyof Evidence>;
type EvidenceKeyOf<N extends InputName> = (typeof inputTable)[N]['evidence'][number];
type AndroidKeyOf<N extends InputName> = (typeof inputTable)[N]['android'][number];
type InputKeyOf<N extends InputName> = (typeof inputTable)[N]['inputs'][number];

/** The evidence a check declaring `N` sees: the base fields, its areas' fields, and its part of `android`. */
export type EvidenceFor<N extends InputName> = Pick<Evidence, Exclude<BaseEvidenceKey | EvidenceKeyOf<N>, 'android'>> & {
  android?: Pick<AndroidEvidence, (typeof baseAndroidKeys)[number] | AndroidKeyOf<N>>;
};

/** `evaluate`'s parameter for a check declaring `N`: nothing else is in it. */
export type CheckInputFor<N extends InputName> = { evidence: EvidenceFor<N> } & Pick<CheckInputs, InputKeyOf<N>>;

function pickKeys<T extends object>(source: T, keys: ReadonlySet<string>): Partial<T> {
  const picked: Record<string, unknown> = {};
  for (const key of keys) if (key in source) picked[key] = (source as Record<string, unknown>)[key];
  return picked as Partial<T>;
}

/** The keys of each part of the input that `names` give, for the runner and for tests. */
export function declaredKeys(names: readonly InputName[]): { evidence: Set<string>; android: Set<string>; inputs: Set<string> } {
  const evidence = new Set<string>(baseEvidenceKeys);
  const android = new Set<string>(baseAndroidKeys);
  const inputs = new Set<string>(['evidence']);
  for (const name of names) {
    for (const key of inputTable[name].evidence) evidence.add(key);
    for (const key of inputTable[name].android) android.add(key);
    for (const key of inputTable[name].inputs) inputs.add(key);
  }
  return { evidence, android, inputs };
}

/** A fresh object holding only what `names` give (the run-time half of the narrowing). */
export function pickInputs<N extends InputName>(names: readonly N[], all: CheckInputs): CheckInputFor<N> {
  const keys = declaredKeys(names);
  const evidence = pickKeys(all.evidence, keys.evidence) as Record<string, unknown>;
  if (all.evidence.android) evidence.android = pickKeys(all.evidence.android, keys.android);
  const picked = pickKeys(all, keys.inputs) as Record<string, unknown>;
  picked.evidence = evidence;
  return picked as unknown as CheckInputFor<N>;
}
