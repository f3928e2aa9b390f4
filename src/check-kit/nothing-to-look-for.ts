// The answer of a check that searches the traffic for the test device's own values when it was
// given none: the search could not have found anything, so silence is not a pass. Both identifier
// checks (advertising id, persistent device ids) give this answer; one wording keeps them alike.
import type { CheckOutput } from './contract.ts';

export interface SoughtValues {
  /** What was to be looked for, as the subject of a sentence: "the test device's advertising id". */
  what: string;
  /** Whether `what` is plural ("persistent identifiers … are"). */
  plural?: boolean;
  /** The identifiers-file fields that would let the search run: ["advertisingId"]. */
  fields: readonly string[];
}

function listed(fields: readonly string[]): string {
  return fields.length <= 1 ? (fields[0] ?? '') : `${fields.slice(0, -1).join(', ')} or ${fields.at(-1)}`;
}

/** Inconclusive, never a pass: nothing was known to look for, and which fields of the identifiers file to fill in. */
export function nothingKnownToLookFor(sought: SoughtValues): CheckOutput {
  const [verb, pronoun] = sought.plural ? ['are', 'they'] : ['is', 'it'];
  const subject = `${sought.what.charAt(0).toUpperCase()}${sought.what.slice(1)}`;
  return {
    outcome: 'inconclusive',
    summary: `${subject} ${verb} not known, so ${pronoun} could not be looked for; add ${listed(sought.fields)} to the identifiers file.`,
    findings: [{ message: `Nothing to search for: the identifiers file gives no ${listed(sought.fields)}, and the capture learned none.`, evidence: [], severity: 'info' }],
  };
}
