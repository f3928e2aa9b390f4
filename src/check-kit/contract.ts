// The contract every check in checks/ follows (design.md): static metadata plus a pure
// evaluate() that sees only the inputs it declares (the table is in inputs.ts).
import { inputNames, type CheckInputFor, type InputName } from './inputs.ts';

export type { AdCatalogueFacts, CheckInputFor, CheckInputs, EvidenceFor, InputName } from './inputs.ts';
/** The old name of everything a check could be given; kept so other branches' tests still compile after the merge. */
export type CheckInput = import('./inputs.ts').CheckInputs;

export const outcomes = ['pass', 'fail', 'warn', 'not-applicable', 'inconclusive', 'error'] as const;
export type Outcome = (typeof outcomes)[number];

/** What a finding points at, so a reader can open it and a second person can re-check it. */
export type EvidenceRef =
  | { kind: 'har-entry'; index: number }
  | { kind: 'screenshot'; file: string }
  | { kind: 'ui-node'; label: string; locator?: string; screenshot?: string; bounds?: { x: number; y: number; width: number; height: number } }
  | { kind: 'event'; id: string }
  | { kind: 'file'; path: string }
  | { kind: 'setting'; label: string; name?: string };

export interface Finding {
  /** One plain-language sentence a non-programmer can read. */
  message: string;
  evidence: EvidenceRef[];
  severity: 'fail' | 'warn' | 'info';
  /** Small structured details for tables (organisation, host, encoding, …). */
  data?: Record<string, string | number | boolean | null>;
}

export interface CheckOutput {
  outcome: Exclude<Outcome, 'error'>;
  /** One sentence: what was found overall. */
  summary: string;
  /**
   * A title for this outcome when neither `title` nor `failureTitle` states it: a capture that did
   * not look for an age question must not be headed "The game's age check changes what it collects".
   */
  title?: string;
  findings: Finding[];
}

/** What a check file exports: `requires` and `optional` are literal tuples, so `evaluate` sees only them. */
export interface CheckDefinition<R extends readonly InputName[] = readonly InputName[], O extends readonly InputName[] = readonly InputName[]> {
  /** Dotted id, equal to the file name in checks/. */
  id: string;
  /** Children's code standard number, 1 to 15. */
  standard: number;
  title: string;
  failureTitle: string;
  /** Inputs the check needs (src/check-kit/inputs.ts); if a fault left one missing, a pass becomes inconclusive. */
  requires: R;
  /** Inputs the check only points at when present (screenshots for a finding): a fault in them changes no outcome. */
  optional?: O;
  /** Why this check tests the standard, in our own words. */
  rationale: string;
  // Method syntax on purpose: a check typed for its own inputs still fits a list of all checks.
  evaluate(input: CheckInputFor<R[number] | O[number]>): CheckOutput;
}

const idShape = /^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$/;

/** Every way a definition can break the contract, as one-line reasons (empty when it is sound). */
export function contractProblems(definition: CheckDefinition): string[] {
  const problems: string[] = [];
  const known = new Set<string>(inputNames);
  const optional = definition.optional ?? [];
  if (!idShape.test(definition.id)) problems.push('id must be "<area>.<name>" in lower-case words joined by hyphens, equal to the file name in checks/');
  if (!Number.isInteger(definition.standard) || definition.standard < 1 || definition.standard > 15) problems.push('standard must be a whole number from 1 to 15');
  if (definition.title.trim() === '') problems.push('title must not be empty');
  if (definition.failureTitle.trim() === '') problems.push('failureTitle must not be empty');
  if (definition.title === definition.failureTitle) problems.push('failureTitle must differ from title: it is what a failing row is headed with');
  if (definition.rationale.trim() === '') problems.push('rationale must not be empty');
  if (definition.requires.length === 0) problems.push(`requires must name at least one input (${inputNames.join(', ')})`);
  for (const name of [...definition.requires, ...optional]) {
    if (!known.has(name)) problems.push(`"${name}" is not an input a check can be given (${inputNames.join(', ')})`);
  }
  for (const name of optional) if (definition.requires.includes(name)) problems.push(`"${name}" is both required and optional`);
  if (new Set(definition.requires).size !== definition.requires.length) problems.push('requires names an input twice');
  return problems;
}

export function assertValidCheck(definition: CheckDefinition): void {
  const problems = contractProblems(definition);
  if (problems.length > 0) throw new Error(`check ${definition.id || '(no id)'}: ${problems.join('; ')}`);
}

/** Every check sound, and no two sharing an id. */
export function assertValidCatalogue(checks: readonly CheckDefinition[]): void {
  const seen = new Set<string>();
  for (const check of checks) {
    assertValidCheck(check);
    if (seen.has(check.id)) throw new Error(`check ${check.id}: listed twice in checks/index.ts`);
    seen.add(check.id);
  }
}

/** The only way to define a check: validates it as it loads and keeps its declared inputs in the type. */
export function defineCheck<const R extends readonly InputName[], const O extends readonly InputName[] = []>(definition: CheckDefinition<R, O>): CheckDefinition<R, O> {
  assertValidCheck(definition as unknown as CheckDefinition);
  return definition;
}
