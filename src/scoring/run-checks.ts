// Runs checks over one bundle's evidence. A check is handed only the inputs it declares (a fresh
// object, as Lighthouse hands an audit its required artifacts). A check that throws becomes one
// `error` row, never a crashed run; a pass that relied on evidence a fault left missing becomes
// `inconclusive`.
import type { CheckDefinition, CheckInputs, Outcome } from '../check-kit/contract.ts';
import { pickInputs } from '../check-kit/inputs.ts';
import type { CheckResult } from './result-schema.ts';

export function runCheck(check: CheckDefinition, inputs: CheckInputs): CheckResult {
  const base = { id: check.id, standard: check.standard, rationale: check.rationale, requires: [...check.requires] };
  let output;
  try {
    output = check.evaluate(pickInputs([...check.requires, ...(check.optional ?? [])], inputs));
  } catch (error) {
    return {
      ...base,
      title: check.title,
      outcome: 'error',
      summary: 'The check could not be completed because of an error in the tool.',
      findings: [],
      error: (error as Error).message,
    };
  }
  let outcome: Outcome = output.outcome;
  let downgradedBecause: string | undefined;
  // Only required inputs count: an optional one (a screenshot to point at) decides nothing.
  const missing = inputs.evidence.incompleteReasons.filter((reason) => reason.affects.some((area) => check.requires.includes(area)));
  // A violation seen before a fault is still a violation; only an all-clear needs the whole picture.
  if (missing.length > 0 && (outcome === 'pass' || outcome === 'not-applicable')) {
    outcome = 'inconclusive';
    downgradedBecause = `Evidence this check needs is incomplete: ${missing.map((reason) => reason.message).join(' ')}`;
  }
  const failing = outcome === 'fail' || outcome === 'warn';
  return {
    ...base,
    // A title the check gave for this very outcome says it best; a downgraded pass keeps the neutral title.
    title: output.title !== undefined && !downgradedBecause ? output.title : failing ? check.failureTitle : check.title,
    outcome,
    summary: downgradedBecause ? `${output.summary} However, the capture was incomplete, so this cannot be confirmed.` : output.summary,
    findings: output.findings,
    ...(downgradedBecause ? { downgradedBecause } : {}),
  };
}
