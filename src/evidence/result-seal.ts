// result.json's own seal. The manifest is written at the end of a capture and result.json later,
// by every scoring, so result.json gets a second, smaller manifest: result.seal.json holds its
// sha256 and the manifest it was scored from, hashes itself, and is signed like the manifest when
// an operator's key is set (result.seal.json.sig, result-signer.pub.pem). A report, a summary or
// a re-score checks it before believing anything result.json says.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { configuredSigner } from '../signing/configured-signer.ts';
import { checkDetachedSignature, signerClaim, writeDetachedSignature, type SignatureCheck } from '../signing/detached-signature.ts';
import { writeFileAtomic, writeJsonAtomic } from './atomic-write.ts';
import { manifestFileName, ManifestSchema, resultSealFiles, sha256Hex } from './manifest.ts';

export const resultFileName = 'result.json';
const { seal: resultSealFileName, signature: resultSealSignatureFileName, signerKey: resultSignerKeyFile } = resultSealFiles;

export const ResultSealSchema = z.strictObject({
  resultSealVersion: z.literal(1),
  resultSha256: z.string().describe('sha256 of result.json as written'),
  resultBytes: z.number().int(),
  evidenceManifestSha256: z.string().nullable().describe("manifest.json's manifestSha256 when the result was scored; null for a bundle without one"),
  signer: z.strictObject({ name: z.string(), publicKeySha256: z.string() }).optional(),
  sealSha256: z.string().describe('sha256 of this seal with this field set to ""'),
});
export type ResultSeal = z.infer<typeof ResultSealSchema>;

function currentManifestSha256(bundleDir: string): string | null {
  try {
    return ManifestSchema.parse(JSON.parse(readFileSync(path.join(bundleDir, manifestFileName), 'utf8'))).manifestSha256;
  } catch {
    return null;
  }
}

/** Writes result.json and its seal (signed when a key is set). The text is written exactly as given. */
export function writeSealedResult(bundleDir: string, resultText: string): void {
  writeFileAtomic(path.join(bundleDir, resultFileName), resultText);
  const signer = configuredSigner();
  for (const stale of [resultSealSignatureFileName, resultSignerKeyFile]) rmSync(path.join(bundleDir, stale), { force: true });
  const unsealed: ResultSeal = {
    resultSealVersion: 1,
    resultSha256: sha256Hex(resultText),
    resultBytes: Buffer.byteLength(resultText),
    evidenceManifestSha256: currentManifestSha256(bundleDir),
    ...(signer ? { signer: signerClaim(signer) } : {}),
    sealSha256: '',
  };
  writeJsonAtomic(path.join(bundleDir, resultSealFileName), { ...unsealed, sealSha256: sha256Hex(JSON.stringify(unsealed)) });
  if (signer) {
    writeFileAtomic(path.join(bundleDir, resultSignerKeyFile), signer.publicKeyPem);
    writeDetachedSignature(bundleDir, resultSealFileName, signer);
  }
}

export interface ResultSealCheck {
  /** sealed: result.json is what scoring wrote from the evidence as it is now. */
  state: 'sealed' | 'not-scored' | 'unsealed' | 'changed' | 'stale';
  /** One sentence for each problem, for reports and the verify command. */
  problems: string[];
  signature: SignatureCheck;
}

export function checkResultSeal(bundleDir: string): ResultSealCheck {
  const unsigned: SignatureCheck = { state: 'unsigned' };
  if (!existsSync(path.join(bundleDir, resultFileName))) return { state: 'not-scored', problems: [], signature: unsigned };
  const sealFile = path.join(bundleDir, resultSealFileName);
  if (!existsSync(sealFile)) {
    return { state: 'unsealed', problems: [`${resultFileName} has no seal (${resultSealFileName}): it was written by an earlier version or the seal was removed; re-score the bundle`], signature: unsigned };
  }
  let raw: Record<string, unknown>;
  let seal: ResultSeal;
  try {
    raw = JSON.parse(readFileSync(sealFile, 'utf8')) as Record<string, unknown>;
    seal = ResultSealSchema.parse(raw);
  } catch {
    return { state: 'changed', problems: [`${resultSealFileName} is not a valid seal; re-score the bundle`], signature: unsigned };
  }
  const problems: string[] = [];
  if (sha256Hex(JSON.stringify({ ...raw, sealSha256: '' })) !== seal.sealSha256) problems.push(`${resultSealFileName} was edited after it was written (its own hash does not match)`);
  if (sha256Hex(readFileSync(path.join(bundleDir, resultFileName))) !== seal.resultSha256) problems.push(`${resultFileName} changed after it was scored (its sha256 differs from ${resultSealFileName})`);
  const signature = checkDetachedSignature(bundleDir, resultSealFileName, resultSignerKeyFile, seal.signer);
  if (signature.problem) problems.push(signature.problem);
  if (problems.length > 0) return { state: 'changed', problems, signature };
  if (seal.evidenceManifestSha256 !== currentManifestSha256(bundleDir)) {
    return { state: 'stale', problems: [`${resultFileName} was scored from another manifest than the bundle's ${manifestFileName}; re-score the bundle`], signature };
  }
  return { state: 'sealed', problems: [], signature };
}
