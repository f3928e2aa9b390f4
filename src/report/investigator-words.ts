// How an investigator's decision is written, in one place, so the standard's row, the check's
// row, the outcome totals, the CSVs, the JSON and the published page say it the same way:
// the final result, who set it and when, and what the tool alone had said.
import type { InvestigatorFinding, Result, StandardResult } from '../scoring/result-schema.ts';
import { utc } from './format.ts';

/**
 * A findings file may give a date ("2026-03-03") or a date-time; a date stays a date, because
 * adding "00:00:00" would claim a time the investigator never wrote down.
 */
export function investigatorDate(at: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(at) ? at : utc(at);
}

/** "Does not conform: set by B. Reviewer, 2026-03-04; automatic result: Concerns". */
export function overruleWords(finalWords: string, automaticWords: string, finding: Pick<InvestigatorFinding, 'by' | 'at'>): string {
  return `${finalWords}: set by ${finding.by}, ${investigatorDate(finding.at)}; automatic result: ${automaticWords}`;
}

/**
 * The investigator's entry that decided a standard's status: one about the standard itself, or
 * else an overrule of one of its checks that changed the status. Undefined when the checks alone
 * decided, so every output marks the same rows as set by a person.
 */
export function standardDecidedBy(result: Pick<Result, 'checks' | 'investigatorFindings'>, standard: StandardResult): InvestigatorFinding | undefined {
  if (standard.investigatorFinding !== undefined) return result.investigatorFindings[standard.investigatorFinding];
  if (standard.status === standard.automaticStatus) return undefined;
  const overruled = result.checks.find((check) => check.standard === standard.number && check.overruledBy !== undefined);
  return overruled ? result.investigatorFindings[overruled.overruledBy!] : undefined;
}

/** Which evidence an assessment reviewed, against this bundle's manifest hash. */
export function reviewedBundleWords(reviewed: string | undefined, manifestSha256: string | null): string {
  if (reviewed === undefined) return 'Which evidence the reviewer saw was not recorded.';
  if (manifestSha256 !== null && reviewed === manifestSha256) return `Reviewed this evidence bundle (manifest ${reviewed.slice(0, 12)}…).`;
  return `Reviewed another evidence bundle (manifest ${reviewed.slice(0, 12)}…), not this one${manifestSha256 ? ` (manifest ${manifestSha256.slice(0, 12)}…)` : ''}.`;
}
