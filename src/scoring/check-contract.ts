// The contract every check in checks/ follows (design.md): static metadata plus a pure
// evaluate() that sees only the bundle's evidence and its network analysis.
import type { NetworkAnalysis } from '../analysis/types.ts';
import type { EvidenceArea, Evidence, TimelineEvent } from '../evidence/schema.ts';

export const outcomes = ['pass', 'fail', 'warn', 'not-applicable', 'inconclusive', 'error'] as const;
export type Outcome = (typeof outcomes)[number];

/** What a finding points at, so a reader can open it and a second person can re-check it. */
export type EvidenceRef =
  | { kind: 'har-entry'; index: number }
  | { kind: 'screenshot'; file: string }
  | { kind: 'ui-node'; label: string; locator?: string; screenshot?: string }
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

export interface CheckInput {
  evidence: Evidence;
  network: NetworkAnalysis;
  events: readonly TimelineEvent[];
}

export interface CheckOutput {
  outcome: Exclude<Outcome, 'error'>;
  /** One sentence: what was found overall. */
  summary: string;
  findings: Finding[];
}

export interface CheckDefinition {
  /** Dotted id, equal to the file name in checks/. */
  id: string;
  /** Children's code standard number, 1 to 15. */
  standard: number;
  title: string;
  failureTitle: string;
  /** Evidence areas the check needs; if a fault left one missing, a pass becomes inconclusive. */
  requires: EvidenceArea[];
  /** Why this check tests the standard, in our own words. */
  rationale: string;
  evaluate(input: CheckInput): CheckOutput;
}

export function defineCheck(definition: CheckDefinition): CheckDefinition {
  if (definition.standard < 1 || definition.standard > 15) throw new Error(`${definition.id}: standard must be 1 to 15`);
  return definition;
}
