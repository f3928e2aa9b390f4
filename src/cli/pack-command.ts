// gameaudit pack <bundle…> --out <file.zip> [--publish]: a self-contained evidence pack for a
// company or a court, checkable with sha256sum and openssl alone (see HOW-TO-VERIFY.txt in it).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { ExitCode, UserError } from '../errors.ts';
import { writeFileAtomic } from '../evidence/atomic-write.ts';
import { buildEvidencePack, type PackBundle } from '../evidence/evidence-pack.ts';
import { describeVerifyProblems, manifestFileName, ManifestSchema, verifyBundle } from '../evidence/manifest.ts';
import { checkResultSeal } from '../evidence/result-seal.ts';
import { readResult } from '../report/load-result.ts';
import { refuseUnverified, writePublication } from '../report/publish.ts';
import { configuredSigner } from '../signing/configured-signer.ts';
import { toolVersion } from '../version.ts';

interface PackOptions {
  out: string;
  publish?: boolean;
  withScreenshots?: boolean;
  force?: boolean;
}

function checkOut(out: string, force: boolean): void {
  if (!out.endsWith('.zip')) throw new UserError(`--out ${out}: the pack is a zip file; give a name ending in .zip`);
  const status = statSync(out, { throwIfNoEntry: false });
  if (status?.isDirectory()) throw new UserError(`--out ${out}: is a folder; give the name of the zip file to write, e.g. ${path.join(out, 'pack.zip')}`);
  if (status && !force) throw new UserError(`--out ${out}: already exists; add --force to replace it, or give a new name`);
  const parent = path.dirname(path.resolve(out));
  if (!statSync(parent, { throwIfNoEntry: false })?.isDirectory()) throw new UserError(`--out ${out}: the folder ${parent} does not exist; create it first`);
}

/** Every bundle must verify now, its result.json too when it has one: a pack vouches for what it holds. */
function checkedBundle(directory: string): PackBundle {
  if (!existsSync(path.join(directory, manifestFileName))) throw new UserError(`${directory}: no ${manifestFileName}; give evidence bundle folders (runs/<run>/<game>/<platform>)`);
  const verification = verifyBundle(directory);
  if (!verification.ok) throw new UserError(`${directory}: not packed, the evidence does not verify (${describeVerifyProblems(verification).join('; ')})`, ExitCode.notVerified);
  const result = checkResultSeal(directory);
  if (result.state !== 'sealed' && result.state !== 'not-scored') throw new UserError(`${directory}: not packed, ${result.problems.join('; ')}`, ExitCode.notVerified);
  const manifest = ManifestSchema.parse(JSON.parse(readFileSync(path.join(directory, manifestFileName), 'utf8')));
  return { directory, gameId: manifest.game.id, platform: manifest.platform };
}

/** The published summary of these bundles, through the same allow-list as `summary --publish`. */
function publicationFiles(bundles: readonly string[], withScreenshots: boolean): Map<string, Uint8Array> {
  const games = bundles.map((dir) => ({ dir, result: readResult(dir) }));
  refuseUnverified(games);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-pack-'));
  try {
    writePublication(games, scratch, { withScreenshots, warn: (message) => process.stderr.write(`${message}\n`) });
    const files = new Map<string, Uint8Array>();
    for (const entry of readdirSync(scratch, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const absolute = path.join(entry.parentPath, entry.name);
      files.set(path.relative(scratch, absolute).split(path.sep).join('/'), readFileSync(absolute));
    }
    return files;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function registerPack(program: Command): void {
  program
    .command('pack')
    .description('Write a self-contained evidence pack (zip): evidence, manifests, signatures, results, reports, public key and a HOW-TO-VERIFY needing only sha256sum and openssl')
    .argument('<bundles...>', 'evidence bundle directories (runs/<run>/<game>/<platform>)')
    .requiredOption('--out <file.zip>', 'the zip file to write')
    .option('--publish', 'pack only the published summary of these bundles (the publication allow-list: no evidence, identifiers or device details)')
    .option('--with-screenshots', 'with --publish: include the screenshots behind failed checks (they may show identifying details)')
    .option('--force', 'replace an existing --out file')
    .addHelpText('after', '\nExamples:\n  gameaudit pack runs/2026-11-20T09-14-03Z/demo-leaky/web --out leaky-evidence.zip\n  gameaudit pack runs/2026-11-20T09-14-03Z/*/* --publish --out published.zip')
    .action((bundles: string[], options: PackOptions) => {
      if (options.withScreenshots && !options.publish) throw new UserError('--with-screenshots only applies with --publish; an evidence pack always holds every screenshot');
      checkOut(options.out, Boolean(options.force));
      const checked = bundles.map(checkedBundle);
      const signer = configuredSigner();
      const zip = buildEvidencePack({
        bundles: options.publish ? [] : checked,
        ...(options.publish ? { publication: publicationFiles(bundles, Boolean(options.withScreenshots)) } : {}),
        signer,
        toolVersion,
        createdAt: new Date().toISOString(),
      });
      writeFileAtomic(options.out, zip);
      process.stdout.write(`Pack written: ${options.out} (${checked.length} bundle(s)${options.publish ? ', published summary only' : ''}, ${signer ? `signed by ${signer.name}, key sha256 ${signer.fingerprint}` : 'NOT signed: no signing key is set (gameaudit keys create)'}).\nUnpack it and follow HOW-TO-VERIFY.txt inside.\n`);
    });
}
