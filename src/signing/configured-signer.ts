// Which key signs what this process writes. GAMEAUDIT_SIGNING_KEY names a private key file (set it
// to an empty value to sign nothing); otherwise the key `gameaudit keys create` made in the user's
// config folder is used when it exists. Read once: every bundle of a run is signed by one key.
import { existsSync } from 'node:fs';
import { operatorName } from '../evidence/operator.ts';
import { defaultKeyPath, loadSigningKey, type Signer } from './signing-key.ts';

let cached: { signer: Signer | undefined } | undefined;

export function signingKeyPath(): string | undefined {
  const fromEnvironment = process.env.GAMEAUDIT_SIGNING_KEY;
  if (fromEnvironment !== undefined) return fromEnvironment.trim() || undefined;
  const fallback = defaultKeyPath();
  return existsSync(fallback) ? fallback : undefined;
}

/** The operator's signer, or undefined when no key is set; a key that cannot be used is a UserError. */
export function configuredSigner(): Signer | undefined {
  if (!cached) {
    const keyPath = signingKeyPath();
    cached = { signer: keyPath ? loadSigningKey(keyPath, operatorName()) : undefined };
  }
  return cached.signer;
}
