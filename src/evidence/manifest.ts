// manifest.json: who captured what, when, with which tool and plan, and the sha256 of every
// file in the bundle. The manifest also hashes itself (over its own content without that
// field) so that editing the manifest to match a tampered file is visible too. With an operator's
// key set, manifest.json.sig signs the manifest as written and signer.pub.pem (a sealed file) is
// the key that checks it.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readlinkSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { checkDetachedSignature, signatureSuffix, type SignatureCheck } from '../signing/detached-signature.ts';
import { DeviceInfoSchema } from './schema.ts';

export const manifestFileName = 'manifest.json';
/** The public key of the manifest's signer, sealed in the manifest like any evidence file. */
export const bundleSignerKeyFile = 'signer.pub.pem';
/** The result's own seal (result-seal.ts): written by scoring, after the evidence was sealed. */
export const resultSealFiles = { seal: 'result.seal.json', signature: `result.seal.json${signatureSuffix}`, signerKey: 'result-signer.pub.pem' } as const;
/**
 * result.json is rewritten by every re-score; it is derived from the hashed files, not evidence,
 * and has its own seal. A signature cannot be inside what it signs.
 */
export const unhashedFiles = new Set([manifestFileName, `${manifestFileName}${signatureSuffix}`, 'result.json', ...Object.values(resultSealFiles)]);
/**
 * Reports and PDFs are rendered from result.json next to the evidence; they are outputs, not
 * evidence. investigator-evidence/ holds copies of files investigators cited, written by scoring
 * (scoring/cited-evidence.ts) with their hashes in the sealed result.json.
 */
const unhashedPattern = /^(report\.html|report\.pdf|requests\.html|report-assets\/.*|investigator-evidence\/.*)$/;

export const ManifestSchema = z.strictObject({
  manifestVersion: z.literal(1),
  tool: z.strictObject({ name: z.literal('gameaudit'), version: z.string(), commit: z.string() }),
  game: z.strictObject({ id: z.string(), title: z.string() }),
  platform: z.string(),
  planSha256: z.string().describe('sha256 of the plan file as it was read'),
  device: DeviceInfoSchema,
  operator: z.string().describe('GAMEAUDIT_OPERATOR or the OS user'),
  operatorSource: z
    .enum(['GAMEAUDIT_OPERATOR', 'computer account'])
    .optional()
    .describe('Where the operator name came from; absent in manifests written before it was recorded'),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime(),
  status: z.enum(['complete', 'incomplete']),
  files: z.record(z.string(), z.strictObject({ sha256: z.string(), bytes: z.number() })),
  signer: z
    .strictObject({ name: z.string(), publicKeySha256: z.string().describe('sha256 of the DER public key in signer.pub.pem') })
    .optional()
    .describe('Whose key signed manifest.json (manifest.json.sig); absent when no signing key was set'),
  manifestSha256: z.string().describe('sha256 of this manifest with this field set to ""'),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Read in 1 MB pieces: a HAR of a long capture is never held in memory whole just to hash it. */
export function sha256File(file: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1 << 20);
  const descriptor = openSync(file, 'r');
  try {
    for (let read = readSync(descriptor, buffer); read > 0; read = readSync(descriptor, buffer)) hash.update(buffer.subarray(0, read));
  } finally {
    closeSync(descriptor);
  }
  return hash.digest('hex');
}

/** Every file in the bundle that the manifest covers, as POSIX paths relative to the bundle. */
export function listEvidenceFiles(bundleDir: string): string[] {
  const files: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(bundleDir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && !entry.name.startsWith('.') && !unhashedFiles.has(child) && !unhashedPattern.test(child)) files.push(child);
    }
  };
  walk('');
  return files.sort();
}

/**
 * What a bundle holds that the manifest can never cover: symbolic links (bundles are read without
 * following links, and a link could make a report or a publication copy any file on the machine)
 * and dot-files, as POSIX paths relative to the bundle.
 */
export function listUnsealableEntries(bundleDir: string): string[] {
  const entries: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(bundleDir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) entries.push(`${child} (a link to ${readlinkSync(path.join(bundleDir, child))})`);
      else if (entry.isDirectory()) walk(child);
      else if (entry.name.startsWith('.')) entries.push(child);
    }
  };
  walk('');
  return entries.sort();
}

export function hashFiles(bundleDir: string): Manifest['files'] {
  const files: Manifest['files'] = {};
  for (const file of listEvidenceFiles(bundleDir)) {
    const absolute = path.join(bundleDir, file);
    files[file] = { sha256: sha256File(absolute), bytes: statSync(absolute).size };
  }
  return files;
}

export function sealManifest(manifest: Omit<Manifest, 'manifestSha256'>): Manifest {
  const unsealed = { ...manifest, manifestSha256: '' };
  return { ...unsealed, manifestSha256: sha256Hex(JSON.stringify(unsealed)) };
}

export interface VerifyReport {
  ok: boolean;
  manifestValid: boolean;
  problems: string[];
  changed: string[];
  missing: string[];
  added: string[];
  /** manifest.json.sig checked with signer.pub.pem; an invalid signature makes the bundle not verify. */
  signature: SignatureCheck;
}

/** Synchronous, so that every reader of a bundle (reports too) can check it before believing it. */
export function verifyBundle(bundleDir: string): VerifyReport {
  const report: VerifyReport = { ok: false, manifestValid: false, problems: [], changed: [], missing: [], added: [], signature: { state: 'unsigned' } };
  const manifestPath = path.join(bundleDir, manifestFileName);
  if (!existsSync(manifestPath)) {
    report.problems.push(`${manifestFileName} is missing`);
    return report;
  }
  let manifest: Manifest;
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
    manifest = ManifestSchema.parse(raw);
  } catch (error) {
    report.problems.push(`${manifestFileName} is not a valid manifest: ${(error as Error).message.split('\n')[0]}`);
    return report;
  }
  // Recompute over the bytes as written (not the parsed copy) so key order cannot mask an edit.
  report.manifestValid = sha256Hex(JSON.stringify({ ...raw, manifestSha256: '' })) === manifest.manifestSha256;
  if (!report.manifestValid) report.problems.push(`${manifestFileName} was edited after it was sealed (its own hash does not match)`);
  const present = new Set(listEvidenceFiles(bundleDir));
  for (const [file, expected] of Object.entries(manifest.files)) {
    if (!present.has(file)) report.missing.push(file);
    else if (sha256File(path.join(bundleDir, file)) !== expected.sha256) report.changed.push(file);
  }
  for (const file of present) if (!(file in manifest.files)) report.added.push(file);
  report.added.push(...listUnsealableEntries(bundleDir));
  report.signature = checkDetachedSignature(bundleDir, manifestFileName, bundleSignerKeyFile, manifest.signer);
  if (report.signature.problem) report.problems.push(report.signature.problem);
  report.ok = report.manifestValid && report.signature.state !== 'invalid' && report.changed.length + report.missing.length + report.added.length === 0;
  return report;
}

/** One sentence for each thing that does not verify, for results, reports and refusals. */
export function describeVerifyProblems(report: VerifyReport): string[] {
  return [
    ...report.problems,
    ...report.changed.map((file) => `${file} changed (its sha256 differs from the manifest)`),
    ...report.missing.map((file) => `${file} is missing`),
    ...report.added.map((file) => `${file} was added after sealing (not in the manifest)`),
  ];
}
