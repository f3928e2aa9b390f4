// A file's signature sits beside it as <file>.sig (the raw Ed25519 bytes over the file exactly as
// written), and names the key by its fingerprint in the signed file itself, so swapping in another
// key and signature is as visible as editing the file.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { publicKeyFingerprint, signatureMatches, signBytes, type Signer } from './signing-key.ts';

export const signatureSuffix = '.sig';

/** What the signed file says about its signer (manifest.json's and result.seal.json's `signer`). */
export interface SignerClaim {
  name: string;
  publicKeySha256: string;
}

export interface SignatureCheck {
  state: 'unsigned' | 'valid' | 'invalid';
  signer?: SignerClaim;
  problem?: string;
}

export function signerClaim(signer: Signer): SignerClaim {
  return { name: signer.name, publicKeySha256: signer.fingerprint };
}

export function writeDetachedSignature(directory: string, file: string, signer: Signer): void {
  const signature = signBytes(signer, readFileSync(path.join(directory, file)));
  writeFileSync(path.join(directory, file + signatureSuffix), signature);
}

/**
 * Checks <file>.sig with the public key in <publicKeyFile> against what the file claims. A file
 * that claims no signer and has no .sig is unsigned; a claim without a signature (or a signature
 * without a claim) is invalid, as is a key whose fingerprint is not the one claimed.
 */
export function checkDetachedSignature(directory: string, file: string, publicKeyFile: string, claim: SignerClaim | undefined): SignatureCheck {
  const signatureFile = path.join(directory, file + signatureSuffix);
  const hasSignature = existsSync(signatureFile);
  if (!claim && !hasSignature) return { state: 'unsigned' };
  if (!claim) return { state: 'invalid', problem: `${file}${signatureSuffix} is present but ${file} names no signer` };
  if (!hasSignature) return { state: 'invalid', signer: claim, problem: `${file} says it was signed by ${claim.name}, but ${file}${signatureSuffix} is missing` };
  const keyFile = path.join(directory, publicKeyFile);
  if (!existsSync(keyFile)) return { state: 'invalid', signer: claim, problem: `${publicKeyFile} (the signer's public key) is missing` };
  const publicKeyPem = readFileSync(keyFile, 'utf8');
  let fingerprint: string;
  try {
    fingerprint = publicKeyFingerprint(publicKeyPem);
  } catch {
    return { state: 'invalid', signer: claim, problem: `${publicKeyFile} is not a public key` };
  }
  if (fingerprint !== claim.publicKeySha256) return { state: 'invalid', signer: claim, problem: `${publicKeyFile} is not the key ${file} names (fingerprint ${fingerprint}, expected ${claim.publicKeySha256})` };
  if (!signatureMatches(publicKeyPem, readFileSync(path.join(directory, file)), readFileSync(signatureFile))) {
    return { state: 'invalid', signer: claim, problem: `${file}${signatureSuffix} does not match ${file}: the file changed after it was signed, or the signature is not ${claim.name}'s` };
  }
  return { state: 'valid', signer: claim };
}
