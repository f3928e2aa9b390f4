// Scoring one evidence bundle: verify it against its manifest, analyse its traffic, run every
// check, fold in the investigators' findings, and write result.json. Nothing here reads the
// clock, so the same bundle and findings give the same bytes every time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { allChecks } from '../../checks/index.ts';
import type { NetworkAnalysis } from '../analysis/types.ts';
import { readBundleRecords, type BundleRecords } from '../evidence/bundle-reader.ts';
import { analyseBundleNetwork } from './analyse-bundle-network.ts';
import { bundleFiles } from '../evidence/bundle-writer.ts';
import { describeVerifyProblems, verifyBundle } from '../evidence/manifest.ts';
import { checkResultSeal, writeSealedResult, type ResultSealCheck } from '../evidence/result-seal.ts';
import { ExitCode, UserError } from '../errors.ts';
import { observationsFromEvidence } from './observations-from-evidence.ts';
import { outcomes, type CheckDefinition, type Outcome } from '../check-kit/contract.ts';
import { defaultFindingsPath, findingsForBundle, loadFindingsFile, resolveFindingsFile } from './findings-file.ts';
import { requireCheck } from './require-check.ts';
import {
  ResultSchema,
  resultVersion,
  type CheckResult,
  type InvestigatorFinding,
  type NetworkEntrySummary,
  type Result,
  type StandardResult,
} from './result-schema.ts';
import { buildCheckInputs } from './check-inputs.ts';
import { personaCapturesBeside } from './persona-captures.ts';
import type { PersonaCapture } from '../check-kit/persona-treatment.ts';
import { copyCitedEvidence } from './cited-evidence.ts';
import { runCheck } from './run-checks.ts';
import { scoredBy } from './scored-by.ts';
import { standards, statusFromOutcomes, type StandardStatus } from './standards.ts';

export interface ScoreOptions {
  /** Score even though the evidence does not match its manifest; the result says so. */
  force?: boolean;
  /** Investigators' findings; default audits/findings/<game-id>.yaml under cwd when present, else those already in result.json. */
  findingsFile?: string;
  /** Re-run only these checks and keep the other rows of the existing result.json. */
  only?: string[];
  /** Where audits/findings is looked for (default: the current directory). */
  cwd?: string;
  /** Told what the operator should know about this scoring beyond its result (one sentence each). */
  notify?: (message: string) => void;
}

function summariseEntries(analysis: NetworkAnalysis): NetworkEntrySummary[] {
  return analysis.entries.map((entry) => ({
    index: entry.index,
    method: entry.method,
    url: entry.url,
    host: entry.host,
    phase: entry.phase,
    status: entry.status,
    party: entry.party,
    ...(entry.tracker
      ? {
          organization: entry.tracker.organization,
          category: entry.tracker.category,
          familiesCertified: entry.tracker.familiesCertified,
          trackerSource: entry.tracker.source,
        }
      : {}),
    ...(entry.namedByTool ? { namedByTool: { ...entry.namedByTool } } : {}),
    identifiers: entry.identifiers.map((hit) => ({ kind: hit.kind, encoding: hit.encoding, where: hit.where, ...(hit.field !== undefined ? { field: hit.field } : {}), ...(hit.inside ? { inside: { layers: [...hit.inside.layers], ...(hit.inside.field !== undefined ? { field: hit.inside.field } : {}) } } : {}) })),
    ...(entry.location
      ? { location: { precisionDecimals: entry.location.precisionDecimals, metres: entry.location.metres, where: entry.location.where, ...(entry.location.field !== undefined ? { field: entry.location.field } : {}) } }
      : {}),
    ...(entry.adSignals
      ? {
          childDirected: entry.adSignals.childDirected,
          personalisedAds: entry.adSignals.personalisedAds,
          // Sorted so the bytes do not depend on the order parameters appeared in the request.
          adParams: Object.fromEntries(Object.entries(entry.adSignals.params).sort(([a], [b]) => a.localeCompare(b))),
        }
      : {}),
    ...(entry.tlsFailure ? { tlsFailure: true } : {}),
    ...(entry.corsPreflight ? { corsPreflight: true } : {}),
    ...(entry.readability.state !== 'readable' ? { readability: { state: entry.readability.state, reason: entry.readability.reason } } : {}),
    ...(entry.trackHar ? { trackHar: { adapter: entry.trackHar.adapter, transmissions: entry.trackHar.transmissions.map((transmission) => ({ ...transmission })), ...(entry.trackHar.error !== undefined ? { error: entry.trackHar.error } : {}) } } : {}),
    ...(entry.decodingDifferences ? { decodingDifferences: entry.decodingDifferences.map((difference) => ({ ...difference })) } : {}),
  }));
}

function runOne(check: CheckDefinition, bundle: BundleRecords, analysis: NetworkAnalysis, analysisError: string | undefined, personaCaptures: readonly PersonaCapture[]): CheckResult {
  if (analysisError !== undefined && (check.requires.includes('network') || check.requires.includes('identifiers'))) {
    return {
      id: check.id,
      standard: check.standard,
      rationale: check.rationale,
      requires: [...check.requires],
      title: check.title,
      outcome: 'error',
      summary: 'The check could not be completed because the network analysis failed.',
      findings: [],
      error: `network analysis failed: ${analysisError}`,
    };
  }
  return runCheck(check, buildCheckInputs(bundle.evidence, analysis, bundle.events, personaCaptures));
}

/**
 * The result.json already in the bundle, if it is a valid one that its seal vouches for:
 * re-scoring keeps what it cannot recompute, but never from a result.json edited after scoring.
 */
function readExistingResult(bundleDir: string, seal: ResultSealCheck, notify: ScoreOptions['notify']): Result | undefined {
  if (seal.state === 'not-scored') return undefined;
  if (seal.state === 'unsealed' || seal.state === 'changed') {
    notify?.(`ignored the result.json already there (${seal.problems.join('; ')}): nothing from it is kept and every check is run again`);
    return undefined;
  }
  try {
    const parsed = ResultSchema.safeParse(JSON.parse(readFileSync(path.join(bundleDir, bundleFiles.result), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * With no findings file to read, the investigators' findings already in result.json stay: scoring
 * again from another folder, where audits/findings/<game>.yaml is not found, must not silently
 * drop what an investigator concluded. A findings file with no assessments removes them.
 */
function keptFindings(existing: Result | undefined, lookedFor: string, notify: ScoreOptions['notify']): InvestigatorFinding[] {
  const kept = existing?.investigatorFindings ?? [];
  if (kept.length > 0) {
    notify?.(`kept the ${kept.length} investigator finding(s) already in result.json, as no findings file was found at ${lookedFor}; give --findings <file> to use another`);
  }
  return kept;
}

/** The outcome that counts: the investigator's where they overruled the check. */
function effectiveOutcome(check: CheckResult, findings: readonly InvestigatorFinding[]): Outcome {
  return check.overruledBy !== undefined ? (findings[check.overruledBy]!.outcome as Outcome) : check.outcome;
}

function scoreStandards(checks: readonly CheckResult[], findings: readonly InvestigatorFinding[]): StandardResult[] {
  return standards.map((standard) => {
    const rows = checks.filter((check) => check.standard === standard.number);
    const automaticStatus = statusFromOutcomes(rows.map((check) => check.outcome));
    const findingIndex = findings.findIndex((finding) => finding.standard === standard.number);
    const status: StandardStatus = findingIndex >= 0 ? (findings[findingIndex]!.outcome as StandardStatus) : statusFromOutcomes(rows.map((check) => effectiveOutcome(check, findings)));
    return {
      number: standard.number,
      name: standard.name,
      status,
      automaticStatus,
      checks: rows.map((check) => check.id),
      ...(findingIndex >= 0 ? { investigatorFinding: findingIndex } : {}),
    };
  });
}

export async function scoreBundle(bundleDir: string, options: ScoreOptions = {}): Promise<Result> {
  const verification = verifyBundle(bundleDir);
  const verifyProblems = describeVerifyProblems(verification);
  if (!verification.ok && !options.force) {
    throw new UserError(
      `${bundleDir}: the evidence does not match its manifest (${verifyProblems.join('; ')}); re-capture it, or score anyway with --force (the report will say so)`,
      ExitCode.notVerified,
    );
  }
  const bundle = readBundleRecords(bundleDir);
  const evidence = bundle.evidence;
  const { analysis, error: analysisError } = analyseBundleNetwork(bundleDir, evidence);
  const personaCaptures = await personaCapturesBeside(bundleDir, evidence);

  const knownIds = allChecks.map((check) => check.id);
  const existingSeal = checkResultSeal(bundleDir);
  const existing = readExistingResult(bundleDir, existingSeal, options.notify);
  const findingsPath = resolveFindingsFile(evidence.game.id, options.findingsFile, options.cwd);
  const investigatorFindings = findingsPath
    ? copyCitedEvidence(bundleDir, findingsForBundle(findingsPath, loadFindingsFile(findingsPath), evidence.game.id, evidence.platform, knownIds), options.cwd ?? process.cwd())
    : keptFindings(existing, defaultFindingsPath(evidence.game.id, options.cwd), options.notify);

  const only = options.only ? new Set(options.only.map((id) => requireCheck(id).id)) : undefined;
  // Rows kept from a result scored from other evidence (a resumed capture) would not describe this one.
  const previous = only && existingSeal.state === 'sealed' ? existing?.checks : undefined;
  const checks = allChecks
    .map((check) => {
      const kept = only && previous && !only.has(check.id) ? previous.find((row) => row.id === check.id) : undefined;
      const { overruledBy: _stale, ...row } = kept ?? runOne(check, bundle, analysis, analysisError, personaCaptures);
      const overrule = investigatorFindings.findIndex((finding) => finding.check === check.id);
      return overrule >= 0 ? { ...row, overruledBy: overrule } : row;
    })
    .sort((a, b) => a.standard - b.standard || a.id.localeCompare(b.id));

  // Counts follow the outcome that counts (an investigator's overrule where there is one), the
  // same outcome the standards are scored on; each row still shows the automatic one.
  const counts = Object.fromEntries(outcomes.map((outcome) => [outcome, 0])) as Record<Outcome, number>;
  for (const check of checks) counts[effectiveOutcome(check, investigatorFindings)] += 1;

  const manifest = bundle.manifest;
  // A capture stopped between writing evidence.json and sealing it (a second Ctrl-C) leaves an
  // evidence.json that says "complete" and no manifest: scored with --force, it is not a complete
  // capture, whatever that checkpoint says.
  const unsealed = manifest === undefined || manifest === null;
  const incompleteReasons = unsealed
    ? [...evidence.incompleteReasons, { message: 'The capture stopped before sealing this bundle (it has no manifest.json), so nothing shows these files are the ones it wrote or that it finished writing them.', affects: [] }]
    : evidence.incompleteReasons;
  const result = ResultSchema.parse({
    resultVersion,
    game: evidence.game,
    platform: evidence.platform,
    target: evidence.target,
    device: evidence.device,
    bundle: {
      status: unsealed ? 'incomplete' : evidence.status,
      incompleteReasons,
      verified: verification.ok,
      verifyProblems,
      forced: !verification.ok,
      manifestSha256: manifest?.manifestSha256 ?? null,
      ...(evidence.importedHar ? { importedHar: evidence.importedHar } : {}),
      toolVersion: manifest?.tool.version ?? 'unknown',
      toolCommit: manifest?.tool.commit ?? 'unknown',
      operator: manifest?.operator ?? 'unknown',
      ...(manifest?.operatorSource ? { operatorSource: manifest.operatorSource } : {}),
      startedAt: evidence.startedAt,
      endedAt: evidence.endedAt ?? null,
      files: Object.entries(manifest?.files ?? {})
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([file, entry]) => ({ path: file, sha256: entry.sha256, bytes: entry.bytes })),
    },
    checks,
    standards: scoreStandards(checks, investigatorFindings),
    counts,
    investigatorFindings,
    network: {
      entries: summariseEntries(analysis),
      organisations: analysis.organisations.map((organisation) => ({
        organization: organisation.organization,
        category: organisation.category,
        familiesCertified: organisation.familiesCertified,
        hosts: [...organisation.hosts],
        requests: organisation.requests,
        defaultPhaseRequests: organisation.defaultPhaseRequests,
        ...(organisation.attempts > 0 ? { attempts: organisation.attempts, defaultPhaseAttempts: organisation.defaultPhaseAttempts } : {}),
        ...(organisation.preflights > 0 ? { preflights: organisation.preflights } : {}),
        identifierKinds: [...organisation.identifierKinds],
        firstEntryIndex: organisation.firstEntryIndex,
        dataReceived: organisation.dataReceived.map((kind) => ({ ...kind, seenBy: [...kind.seenBy], entryIndexes: [...kind.entryIndexes] })),
        ...(organisation.namedBy ? { namedBy: organisation.namedBy } : {}),
        ...(organisation.toolDisagreements ? { toolDisagreements: organisation.toolDisagreements.map((disagreement) => ({ ...disagreement })) } : {}),
      })),
    },
    observations: observationsFromEvidence(evidence, bundle.events, checks),
    // A re-capture's comparison with the earlier bundle is not derivable from this bundle alone.
    ...(existing?.previous ? { previous: existing.previous } : {}),
    scoredBy: scoredBy(),
  } satisfies Result);
  writeSealedResult(bundleDir, `${JSON.stringify(result, null, 2)}\n`);
  return result;
}
