// gameaudit verify <bundle>: every file against the manifest, the manifest against itself and its
// signature, and result.json against its seal; names the signer.
import type { Command } from 'commander';
import { ExitCode, UserError } from '../errors.ts';
import { verifyBundle } from '../evidence/manifest.ts';
import { checkResultSeal } from '../evidence/result-seal.ts';
import type { SignatureCheck } from '../signing/detached-signature.ts';

function signatureWords(what: string, signature: SignatureCheck): string {
  if (signature.state === 'unsigned') return `  ${what}: not signed (no signing key was set; see \`gameaudit keys create\`)\n`;
  const signer = signature.signer ? `${signature.signer.name} (key sha256 ${signature.signer.publicKeySha256})` : 'no one named';
  return signature.state === 'valid' ? `  ${what}: signed by ${signer}\n` : `  ${what}: SIGNATURE INVALID, claims ${signer}\n`;
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('Check every file of an evidence bundle against its manifest and the signatures; name what differs, is missing or was added, and who signed')
    .argument('<bundles...>', 'evidence bundle directories (runs/<run>/<game>/<platform>)')
    .option('--json', 'print the verification as JSON')
    .option('--signed-by <fingerprint>', "also require the manifest (and result, when scored) to be signed by the key with this sha256 fingerprint (`gameaudit keys show` prints it)")
    .addHelpText('after', '\nExamples:\n  gameaudit verify runs/2026-11-20T09-14-03Z/demo-leaky/web\n  gameaudit verify runs/2026-11-20T09-14-03Z/demo-leaky/web --signed-by 3f9a…')
    .action((bundles: string[], options: { json?: boolean; signedBy?: string }) => {
      const expected = options.signedBy?.trim().toLowerCase();
      if (expected !== undefined && !/^[0-9a-f]{64}$/.test(expected)) throw new UserError(`--signed-by: "${options.signedBy}" is not a key fingerprint (64 hex digits, as \`gameaudit keys show\` prints)`);
      // Anyone can sign with a key of their own: only a fingerprint learnt elsewhere says whose it must be.
      const signedByExpected = (signature: SignatureCheck): boolean => expected === undefined || (signature.state === 'valid' && signature.signer?.publicKeySha256 === expected);
      let failed = 0;
      for (const bundle of bundles) {
        const report = verifyBundle(bundle);
        const result = checkResultSeal(bundle);
        // A result.json edited after scoring is as much a failure as edited evidence: reports read it.
        const resultOk = (result.state === 'sealed' && signedByExpected(result.signature)) || result.state === 'not-scored';
        const signerOk = signedByExpected(report.signature);
        if (!report.ok || !resultOk || !signerOk) failed += 1;
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ bundle, ...report, result })}\n`);
          continue;
        }
        process.stdout.write(`${report.ok && resultOk && signerOk ? 'verified' : 'NOT VERIFIED'}  ${bundle}\n`);
        if (!signerOk) process.stdout.write(`  problem: manifest.json is not signed by the key ${expected}\n`);
        if (result.state === 'sealed' && !signedByExpected(result.signature)) process.stdout.write(`  problem: result.json's seal is not signed by the key ${expected}\n`);
        for (const problem of report.problems) process.stdout.write(`  problem: ${problem}\n`);
        for (const file of report.changed) process.stdout.write(`  changed: ${file} (its sha256 differs from the manifest)\n`);
        for (const file of report.missing) process.stdout.write(`  missing: ${file}\n`);
        for (const file of report.added) process.stdout.write(`  added:   ${file} (not in the manifest)\n`);
        if (report.manifestValid) process.stdout.write(signatureWords('manifest.json', report.signature));
        if (result.state === 'not-scored') process.stdout.write('  result.json: none (not scored yet)\n');
        else {
          for (const problem of result.problems) process.stdout.write(`  result: ${problem}\n`);
          if (result.state === 'sealed') process.stdout.write(signatureWords('result.json', result.signature));
        }
      }
      if (failed > 0) throw new UserError(`${failed} of ${bundles.length} bundle(s) did not verify`, ExitCode.notVerified);
    });
}
