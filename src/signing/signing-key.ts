// An operator's Ed25519 signing key: made with node's own crypto, the private key in a 0600 file
// outside any git repository, the public key beside it as PEM (what openssl reads), and a small
// JSON naming whose key it is. A signature is the raw 64 bytes Ed25519 makes over a file's bytes,
// so `openssl pkeyutl -verify -pubin -inkey <pub.pem> -rawin -in <file> -sigfile <file>.sig`
// checks it with nothing of ours installed.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../errors.ts';

export interface Signer {
  /** Who the key belongs to, as given to `keys create --name`. */
  name: string;
  /** sha256 of the public key's DER (SubjectPublicKeyInfo): `openssl pkey -pubin -in key.pub.pem -outform DER | sha256sum`. */
  fingerprint: string;
  publicKeyPem: string;
  privateKey: KeyObject;
}

export const privateKeyFileName = 'signing-key.pem';
export const publicKeySuffix = '.pub.pem';
export const signerInfoSuffix = '.json';

/** Where `keys create` puts the key when not told: the user's config folder, never a repository. */
export function defaultKeyPath(): string {
  const configRoot = process.platform === 'win32' ? (process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming')) : (process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'));
  return path.join(configRoot, 'gameaudit', privateKeyFileName);
}

export function publicKeyPathFor(privateKeyPath: string): string {
  return privateKeyPath.replace(/\.pem$/, '') + publicKeySuffix;
}

function signerInfoPathFor(privateKeyPath: string): string {
  return privateKeyPath.replace(/\.pem$/, '') + signerInfoSuffix;
}

export function publicKeyFingerprint(publicKeyPem: string): string {
  return createHash('sha256').update(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' })).digest('hex');
}

/** The folder holding a .git, walking up from folder; a private key must never be committed by accident. */
function enclosingRepository(folder: string): string | undefined {
  let current = path.resolve(folder);
  for (;;) {
    if (existsSync(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Writes a file that must not exist yet, with its mode set at creation (O_EXCL: never reuses a wider file). */
function writeNewFile(file: string, content: string, mode: number): void {
  const descriptor = openSync(file, 'wx', mode);
  try {
    writeSync(descriptor, content);
  } finally {
    closeSync(descriptor);
  }
}

export function createSigningKey(privateKeyPath: string, name: string): Signer {
  const folder = path.dirname(path.resolve(privateKeyPath));
  const repository = enclosingRepository(folder);
  if (repository) throw new UserError(`keys create --out ${privateKeyPath}: is inside the git repository ${repository}; a private key must live outside any repository (leave out --out for ${defaultKeyPath()})`);
  for (const file of [privateKeyPath, publicKeyPathFor(privateKeyPath), signerInfoPathFor(privateKeyPath)]) {
    if (existsSync(file)) throw new UserError(`keys create: ${file} already exists; a signing key is never overwritten (give --out <new file>, or remove the old key first)`);
  }
  // A new folder only the user can enter; an existing one keeps the mode its owner gave it.
  if (!existsSync(folder)) mkdirSync(folder, { recursive: true, mode: 0o700 });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  writeNewFile(privateKeyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 0o600);
  writeNewFile(publicKeyPathFor(privateKeyPath), publicKeyPem, 0o644);
  const fingerprint = publicKeyFingerprint(publicKeyPem);
  writeNewFile(signerInfoPathFor(privateKeyPath), `${JSON.stringify({ name, fingerprint }, null, 2)}\n`, 0o644);
  return { name, fingerprint, publicKeyPem, privateKey };
}

/** Reads a private key; refuses one that others can read (the key is the operator's word). */
export function loadSigningKey(privateKeyPath: string, fallbackName: string): Signer {
  const status = statSync(privateKeyPath, { throwIfNoEntry: false });
  if (!status || !status.isFile()) throw new UserError(`signing key ${privateKeyPath}: not found; create one with \`gameaudit keys create\`, or unset GAMEAUDIT_SIGNING_KEY`);
  if (process.platform !== 'win32' && (status.mode & 0o077) !== 0) {
    throw new UserError(`signing key ${privateKeyPath}: mode ${(status.mode & 0o777).toString(8)} lets other users read it; run chmod 600 ${privateKeyPath}`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(privateKeyPath));
  } catch (error) {
    throw new UserError(`signing key ${privateKeyPath}: not a PEM private key (${(error as Error).message}); create one with \`gameaudit keys create\``);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new UserError(`signing key ${privateKeyPath}: is a ${privateKey.asymmetricKeyType} key; gameaudit signs with Ed25519 keys made by \`gameaudit keys create\``);
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  let name = fallbackName;
  try {
    const info = JSON.parse(readFileSync(signerInfoPathFor(privateKeyPath), 'utf8')) as { name?: unknown };
    if (typeof info.name === 'string' && info.name.trim()) name = info.name;
  } catch {
    // A key without its name file is signed in the operator's name.
  }
  return { name, fingerprint: publicKeyFingerprint(publicKeyPem), publicKeyPem, privateKey };
}

export function signBytes(signer: Signer, data: Uint8Array): Buffer {
  return sign(null, data, signer.privateKey);
}

export function signatureMatches(publicKeyPem: string, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    return verify(null, data, createPublicKey(publicKeyPem), signature);
  } catch {
    return false;
  }
}
