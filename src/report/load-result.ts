// Reads result.json — the only input of every report — and finds the bundles of a run.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describeVerifyProblems, verifyBundle } from '../evidence/manifest.ts';
import { checkResultSeal } from '../evidence/result-seal.ts';
import { InputFileError, UserError } from '../errors.ts';
import { ResultSchema, type Result } from '../scoring/result-schema.ts';

export const resultFileName = 'result.json';

/**
 * result.json as far as it can be believed: the bundle is verified against its manifest and
 * result.json against its seal now, and `bundle.verified` / `verifyProblems` say what that found.
 * The flag stored in the file is never trusted: an edited result.json would vouch for itself.
 */
export function readResult(bundleDir: string): Result {
  const stored = readStoredResult(bundleDir);
  const evidence = verifyBundle(bundleDir);
  const seal = checkResultSeal(bundleDir);
  const verified = evidence.ok && seal.state === 'sealed';
  return { ...stored, bundle: { ...stored.bundle, verified, verifyProblems: verified ? [] : [...describeVerifyProblems(evidence), ...seal.problems] } };
}

/** True when the result read by readResult is what scoring wrote from the evidence as it is now. */
export function resultIsTrusted(result: Result): boolean {
  return result.bundle.verified && !result.bundle.forced;
}

function readStoredResult(bundleDir: string): Result {
  const file = path.join(bundleDir, resultFileName);
  if (!existsSync(file)) throw new InputFileError(file, 'file not found; score the bundle first (gameaudit score <bundle>)');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputFileError(file, `not valid JSON (${(error as Error).message}); re-score the bundle to rewrite it`);
  }
  const parsed = ResultSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? issue.path.join('.') : '(top level)';
    throw new InputFileError(file, `field ${field}: ${issue?.message ?? 'invalid'}; re-score the bundle with this version of gameaudit`);
  }
  return parsed.data;
}

export interface BundleLocation {
  gameId: string;
  platform: string;
  dir: string;
}

/** Every runs/<run>/<game>/<platform>/ that holds a result.json, in a stable order. */
export function findBundles(runDir: string): BundleLocation[] {
  if (!existsSync(runDir) || !statSync(runDir).isDirectory()) throw new UserError(`${runDir}: not a directory; give a run directory such as runs/<run-id>`);
  const bundles: BundleLocation[] = [];
  for (const game of readdirSync(runDir, { withFileTypes: true })) {
    if (!game.isDirectory() || game.name.startsWith('.')) continue;
    for (const platform of readdirSync(path.join(runDir, game.name), { withFileTypes: true })) {
      const dir = path.join(runDir, game.name, platform.name);
      if (platform.isDirectory() && existsSync(path.join(dir, resultFileName))) bundles.push({ gameId: game.name, platform: platform.name, dir });
    }
  }
  if (bundles.length === 0) throw new UserError(`${runDir}: no <game>/<platform>/result.json found; is this a run directory (runs/<run-id>) that has been scored?`);
  return bundles.sort((a, b) => a.gameId.localeCompare(b.gameId) || a.platform.localeCompare(b.platform));
}
