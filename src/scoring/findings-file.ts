// audits/findings/<game-id>.yaml: what investigators concluded by hand — standards no tool can
// assess (best interests, DPIAs, detrimental use, policies, connected toys, online tools) and
// overrules of a check's automatic outcome. Every entry says who decided, when, and on what.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { InputFileError } from '../errors.ts';
import { loadYamlFile } from '../plan/load.ts';
import { PlatformSchema, type Platform } from '../plan/schema.ts';
import { outcomes } from '../check-kit/contract.ts';
import { closeCheckIds } from './require-check.ts';
import type { InvestigatorFinding } from './result-schema.ts';

/** What a person may say about a standard; `error` is the tool's word, never an investigator's. */
export const standardAssessmentOutcomes = ['conforms', 'concerns', 'does-not-conform', 'not-assessed'] as const;
/** What a person may say about a check. */
export const checkAssessmentOutcomes = outcomes.filter((outcome) => outcome !== 'error');

export const AssessmentSchema = z
  .strictObject({
    standard: z.number().int().min(1).max(15).optional().describe("Children's code standard number (give this or check)"),
    check: z
      .string()
      .regex(/^[a-z][a-z-]*\.[a-z0-9.-]+$/, 'a check id such as nudge.consent-choice-parity (see `gameaudit checks`)')
      .optional()
      .describe('Id of the check being overruled (give this or standard)'),
    platform: PlatformSchema.optional().describe('Only for the bundle of this platform; all platforms when omitted'),
    outcome: z
      .enum([...standardAssessmentOutcomes, ...checkAssessmentOutcomes])
      .describe('For a standard: conforms, concerns, does-not-conform, not-assessed. For a check: pass, fail, warn, not-applicable, inconclusive'),
    note: z.string().trim().min(1, 'write what was found and why, in a sentence or two').describe('What was found and why'),
    evidence: z
      .array(z.string().trim().min(1))
      .min(1, 'list at least one file or URL the assessment relied on')
      .describe('Files (relative to the bundle or the repository) or URLs relied on'),
    by: z.string().trim().min(1, 'name the investigator').describe('Who made the assessment'),
    at: z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'a date like 2026-03-14 or an ISO date-time' }).describe('When'),
    reviewedBundle: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'the manifest hash of the bundle reviewed: 64 lower-case hex digits, as `gameaudit verify` prints it')
      .optional()
      .describe('The manifest hash of the evidence bundle the reviewer looked at; absent: which evidence the reviewer saw was not recorded'),
  })
  .superRefine((assessment, context) => {
    const hasStandard = assessment.standard !== undefined;
    const hasCheck = assessment.check !== undefined;
    if (hasStandard === hasCheck) {
      context.addIssue({ code: 'custom', path: hasStandard ? ['check'] : ['standard'], message: 'give exactly one of standard (a number) or check (a check id)' });
      return;
    }
    const allowed: readonly string[] = hasStandard ? standardAssessmentOutcomes : checkAssessmentOutcomes;
    if (!allowed.includes(assessment.outcome)) {
      context.addIssue({ code: 'custom', path: ['outcome'], message: `for a ${hasStandard ? 'standard' : 'check'} the outcome is one of ${allowed.join(', ')}` });
    }
  });
export type Assessment = z.infer<typeof AssessmentSchema>;

export const FindingsFileSchema = z
  .strictObject({
    game: z.string().describe('The game id of the plan these findings belong to'),
    assessments: z.array(AssessmentSchema).default([]),
  })
  .superRefine((file, context) => {
    const seen = new Map<string, number>();
    file.assessments.forEach((assessment, position) => {
      const key = `${assessment.standard ?? assessment.check}@${assessment.platform ?? 'all'}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['assessments', position],
          message: `${assessment.standard !== undefined ? `standard ${assessment.standard}` : assessment.check} is already assessed at assessments[${earlier}]; keep one entry per standard or check`,
        });
      }
      seen.set(key, position);
    });
  });
export type FindingsFile = z.infer<typeof FindingsFileSchema>;

export const findingsDirectory = path.join('audits', 'findings');

export function defaultFindingsPath(gameId: string, cwd = process.cwd()): string {
  return path.join(cwd, findingsDirectory, `${gameId}.yaml`);
}

/** Reads and validates a findings file; errors name the file, line, field and fix. */
export function loadFindingsFile(file: string): FindingsFile {
  return loadYamlFile(file, FindingsFileSchema);
}

/**
 * The findings that apply to one game's bundle on one platform, in file order, checked against
 * what the tool knows (the game id, the check ids), as the result.json list.
 */
export function findingsForBundle(file: string, findings: FindingsFile, gameId: string, platform: Platform, knownCheckIds: readonly string[]): InvestigatorFinding[] {
  if (findings.game !== gameId) {
    throw new InputFileError(file, `game: "${findings.game}" does not match the bundle's game "${gameId}"; use the findings file named after that game`);
  }
  findings.assessments.forEach((assessment, position) => {
    if (assessment.check !== undefined && !knownCheckIds.includes(assessment.check)) {
      const close = closeCheckIds(assessment.check, knownCheckIds);
      const hint = close.length > 0 ? `did you mean ${close.join(', ')}?` : 'run `gameaudit checks` for the list';
      throw new InputFileError(file, `assessments[${position}].check: no check is called "${assessment.check}"; ${hint}`);
    }
  });
  const target = (assessment: Assessment): string => (assessment.standard !== undefined ? `standard:${assessment.standard}` : `check:${assessment.check}`);
  const specific = new Set(findings.assessments.filter((assessment) => assessment.platform === platform).map(target));
  // An entry for this platform wins over one written for all platforms.
  return findings.assessments
    .filter((assessment) => assessment.platform === platform || (assessment.platform === undefined && !specific.has(target(assessment))))
    .map((assessment) => ({
      ...(assessment.standard !== undefined ? { standard: assessment.standard } : {}),
      ...(assessment.check !== undefined ? { check: assessment.check } : {}),
      outcome: assessment.outcome,
      note: assessment.note,
      evidence: [...assessment.evidence],
      by: assessment.by,
      at: assessment.at,
      ...(assessment.reviewedBundle !== undefined ? { reviewedBundle: assessment.reviewedBundle } : {}),
    }));
}

/** The findings file to use: the one given, else audits/findings/<game>.yaml when it exists. */
export function resolveFindingsFile(gameId: string, given: string | undefined, cwd = process.cwd()): string | undefined {
  if (given !== undefined) {
    if (!existsSync(given)) throw new InputFileError(given, 'findings file not found; check the path given to --findings');
    return given;
  }
  const fallback = defaultFindingsPath(gameId, cwd);
  return existsSync(fallback) ? fallback : undefined;
}
