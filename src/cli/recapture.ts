// gameaudit check <id> --plan <plan> --recapture: capture again only the phases one check needs,
// score the new bundle, and record in its result.json what changed since the earlier bundle.
//
// The new bundle goes into a run folder of its own (runs/<time>-recapture-<game>/<game>/<platform>),
// not beside the old bundle inside the old run: a run folder's index and summary describe the audits
// it was made for, and a second bundle of the same game in it would break runs/<run>/<game>/<platform>
// (one bundle per game and platform). A folder of its own keeps that layout, so `report`, `diff`,
// `verify` and the search for "the latest earlier bundle" treat it like any other run.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { readEvidence } from '../evidence/bundle-reader.ts';
import { writeSealedResult } from '../evidence/result-seal.ts';
import { UserError } from '../errors.ts';
import { loadPlan } from '../plan/load.ts';
import type { Phase, Platform } from '../plan/schema.ts';
import { readResult } from '../report/load-result.ts';
import { renderRun } from '../report/render-run.ts';
import type { CheckDefinition } from '../check-kit/contract.ts';
import { captureChangeWords, diffAudits } from '../scoring/diff-results.ts';
import { requireCheck } from '../scoring/require-check.ts';
import { ResultSchema, type PreviousAudit, type Result } from '../scoring/result-schema.ts';
import { scoreBundle } from '../scoring/score-bundle.ts';
import type { CaptureOutcome, CaptureProgress } from '../capture/session.ts';
import { auditGame } from './audit-game.ts';
import { planPlatforms } from './programme-runner.ts';
import { createRunDir, writeRunRecord } from './run-dir.ts';
import { lockRunDir } from './run-lock.ts';

const phaseOrder: readonly Phase[] = ['launch', 'consent', 'settings', 'play'];

/**
 * The phases a check's evidence comes from. Launch is always needed: it is the default state
 * every later phase starts from. Consent needs launch; the settings are reached past the consent
 * dialog, so they need both. The age screen is seen at launch but answered (as a child) at the
 * start of the consent phase, and the age check compares the traffic either side of the answer.
 */
export function phasesForCheck(check: Pick<CheckDefinition, 'requires'>): Phase[] {
  const needed = new Set<Phase>(['launch']);
  for (const area of check.requires) {
    if (area === 'consent' || area === 'age-gate') needed.add('consent');
    if (area === 'settings') {
      needed.add('consent');
      needed.add('settings');
    }
  }
  return phaseOrder.filter((phase) => needed.has(phase));
}

/** Does a capture of these phases hold everything the check reads? */
export function coveredBy(check: Pick<CheckDefinition, 'requires'>, phases: readonly Phase[]): boolean {
  return phasesForCheck(check).every((phase) => phases.includes(phase));
}

/**
 * The latest bundle of the game on the platform under `outDir` (runs/<run>/<game>/<platform>/
 * with a result.json), by when its capture started; `exclude` is the new bundle itself.
 */
export function findLatestBundle(outDir: string, gameId: string, platform: Platform, exclude?: string): string | undefined {
  if (!existsSync(outDir)) return undefined;
  let latest: { dir: string; startedAt: string } | undefined;
  for (const run of readdirSync(outDir, { withFileTypes: true })) {
    if (!run.isDirectory() || run.name.startsWith('.')) continue;
    const dir = path.resolve(outDir, run.name, gameId, platform);
    if (dir === (exclude && path.resolve(exclude)) || !existsSync(path.join(dir, 'result.json')) || !statSync(dir).isDirectory()) continue;
    let startedAt: string;
    try {
      startedAt = readResult(dir).bundle.startedAt;
    } catch {
      continue; // an unreadable result is no basis for a comparison
    }
    if (!latest || startedAt > latest.startedAt) latest = { dir, startedAt };
  }
  return latest?.dir;
}

/** What the earlier bundle showed, for the checks the new capture covers. */
export function previousAuditOf(
  before: { bundleDir: string; result: Result },
  after: { bundleDir: string; result: Result },
  checkId: string,
  phases: readonly Phase[],
): PreviousAudit {
  const diff = diffAudits(
    { result: before.result, settings: readEvidence(before.bundleDir).settings.controls },
    { result: after.result, settings: readEvidence(after.bundleDir).settings.controls },
  );
  const compared = before.result.checks.filter((row) => {
    try {
      return coveredBy(requireCheck(row.id), phases);
    } catch {
      return false; // a check that no longer exists cannot be compared
    }
  });
  return {
    bundle: path.resolve(before.bundleDir),
    manifestSha256: before.result.bundle.manifestSha256,
    startedAt: before.result.bundle.startedAt,
    recapturedFor: checkId,
    phases: [...phases],
    outcomes: compared.map((row) => ({ check: row.id, standard: row.standard, outcome: row.outcome })),
    // Launch is always captured again, so the companies contacted by default compare like for like.
    organisationsAdded: diff.organisationsAdded,
    organisationsRemoved: diff.organisationsRemoved,
    settingsChanged: phases.includes('settings') ? diff.settingsChanged : null,
    captureChanges: diff.captureChanges,
  };
}

/** Adds (or keeps) the comparison block in a bundle's result.json; scoring alone does not write it. */
export function writePrevious(bundleDir: string, previous: PreviousAudit): Result {
  const result = ResultSchema.parse({ ...readResult(bundleDir), previous });
  writeSealedResult(bundleDir, `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

export function formatComparison(result: Result): string {
  const previous = result.previous;
  if (!previous) return '';
  const now = new Map(result.checks.map((row) => [row.id, row.outcome]));
  const lines = [`Compared with ${previous.bundle} (captured ${previous.startedAt}), for the checks the phases ${previous.phases.join(', ')} feed:`];
  for (const row of previous.outcomes) {
    const after = now.get(row.check) ?? 'not run';
    lines.push(`  ${row.check}: ${row.outcome === after ? `${after} (no change)` : `${row.outcome} → ${after}`}`);
  }
  for (const name of previous.organisationsAdded) lines.push(`  + ${name} is now contacted by default`);
  for (const name of previous.organisationsRemoved) lines.push(`  - ${name} is no longer contacted by default`);
  if (previous.settingsChanged === null) lines.push('  settings: not captured again');
  else for (const change of previous.settingsChanged) lines.push(`  setting ${change.control}: ${change.before ?? 'absent'} → ${change.after ?? 'absent'}`);
  for (const change of previous.captureChanges ?? []) lines.push(`  captured differently, ${captureChangeWords(change)}`);
  return `${lines.join('\n')}\n`;
}

export interface RecaptureOptions {
  checkId: string;
  planFile: string;
  platform?: Platform;
  /** Where run folders are (default runs/): the new one is made here, the earlier one looked for. */
  outDir: string;
  /** The earlier bundle to compare with; default the latest of the game and platform under outDir. */
  evidence?: string;
  findingsFile?: string;
  signal: AbortSignal;
  onProgress?: (progress: CaptureProgress) => void;
}

export interface RecaptureOutcome {
  bundleDir: string;
  runDir: string;
  phases: Phase[];
  result: Result;
  previousBundle?: string;
}

function choosePlatform(planFile: string, available: Platform[], wanted: Platform | undefined): Platform {
  if (wanted) {
    if (!available.includes(wanted)) throw new UserError(`${planFile}: platforms.${wanted} is missing; this plan has ${available.join(', ')}`);
    return wanted;
  }
  if (available.length === 1) return available[0]!;
  throw new UserError(`${planFile} has several platforms (${available.join(', ')}); choose one with --platform`);
}

export async function recaptureCheck(options: RecaptureOptions): Promise<RecaptureOutcome> {
  const check = requireCheck(options.checkId);
  const loadedPlan = loadPlan(options.planFile);
  const { plan } = loadedPlan;
  const platform = choosePlatform(options.planFile, planPlatforms(plan), options.platform);
  if (platform !== 'web') {
    // A device comes from a programme (its devices or devicesFile); `check` has no programme.
    throw new UserError(`--recapture on ${platform} needs a device from a programme: run \`gameaudit run --programme <file> --only ${plan.id} --platform ${platform}\` and compare with \`gameaudit diff\``);
  }
  if (options.evidence && !existsSync(path.join(options.evidence, 'result.json'))) {
    throw new UserError(`--evidence: ${path.join(options.evidence, 'result.json')} not found; give a scored bundle (runs/<run>/<game>/<platform>) to compare with`);
  }
  const previousBundle = options.evidence ? path.resolve(options.evidence) : findLatestBundle(options.outDir, plan.id, platform);
  const previousResult = previousBundle ? readResult(previousBundle) : undefined;
  if (previousResult && previousResult.game.id !== plan.id) {
    throw new UserError(`--evidence: ${previousBundle} is an audit of ${previousResult.game.id}, not of ${plan.id} (${options.planFile})`);
  }

  const phases = phasesForCheck(check);
  const runDir = createRunDir(options.outDir, `recapture-${plan.id}`);
  const lock = lockRunDir(runDir, `gameaudit check ${check.id} --recapture`);
  let result: Result;
  let capture: CaptureOutcome;
  try {
    writeRunRecord(runDir, { source: { kind: 'plan', file: path.resolve(options.planFile) }, platform, startedAt: new Date().toISOString() });
    capture = await auditGame({ loadedPlan, platform, runDir, phases, signal: options.signal, onProgress: options.onProgress });
    result = await scoreBundle(capture.bundleDir, options.findingsFile ? { findingsFile: options.findingsFile } : {});
    if (previousBundle && previousResult) {
      result = writePrevious(capture.bundleDir, previousAuditOf({ bundleDir: previousBundle, result: previousResult }, { bundleDir: capture.bundleDir, result }, check.id, phases));
    }
    await renderRun(runDir);
  } finally {
    lock.release();
  }
  return { bundleDir: capture.bundleDir, runDir, phases, result, ...(previousBundle ? { previousBundle } : {}) };
}
