// "The same game at other ages": for a capture made as one of a plan's personas, the comparison
// age-assurance.child-treated-as-child made with the adult persona, laid out side by side from
// that check's findings (each finding's data names the measure and both personas' values). Reads
// only result.json, like every report.
import type { Result } from '../scoring/result-schema.ts';
import { anchorId } from './safe-href.ts';
import { outcomeLabels, type Label } from './words.ts';

const comparisonCheck = 'age-assurance.child-treated-as-child';
/** Persona bundles are named <platform>-<persona id> (src/plan/persona-plan.ts): nothing else is linked. */
const personaBundle = /^(web|android|ios)-[a-z0-9][a-z0-9-]*$/;

export interface PersonaView {
  id: string;
  age: number;
  digitalConsentAge: number;
  underConsentAge: boolean;
  isAdult: boolean;
  check?: { anchor: string; outcome: Label; summary: string };
  adult?: { id: string; report?: string };
  /** alike: the child was treated like the adult on this measure; undefined for a measure shown but not judged. */
  rows: Array<{ measure: string; child: string; adult: string; alike?: boolean }>;
}

export function buildPersonaView(result: Result): PersonaView | undefined {
  const persona = result.observations?.persona;
  if (!persona) return undefined;
  const check = result.checks.find((row) => row.id === comparisonCheck);
  const compared = (check?.findings ?? []).filter((finding) => typeof finding.data?.measure === 'string');
  const first = compared[0]?.data;
  const adultBundle = typeof first?.adultBundle === 'string' && personaBundle.test(first.adultBundle) ? first.adultBundle : undefined;
  return {
    id: persona.id,
    age: persona.age,
    digitalConsentAge: persona.digitalConsentAge,
    underConsentAge: persona.age < persona.digitalConsentAge,
    // The Children's code covers under-18s.
    isAdult: persona.age >= 18,
    ...(check ? { check: { anchor: anchorId('check', check.id), outcome: outcomeLabels[check.outcome], summary: check.summary } } : {}),
    ...(first && typeof first.adult === 'string' ? { adult: { id: first.adult, ...(adultBundle ? { report: `../${adultBundle}/report.html` } : {}) } } : {}),
    rows: compared.map((finding) => ({
      measure: String(finding.data!.measure),
      child: String(finding.data!.childValue ?? ''),
      adult: String(finding.data!.adultValue ?? ''),
      ...(finding.data!.judged === false ? {} : { alike: finding.severity === 'fail' }),
    })),
  };
}
