// `gameaudit pack`: a self-contained zip of audits for someone who does not run gameaudit. Only
// bundles that verify now go in; from each, only regular files: the evidence files the manifest
// seals (with the hash it sealed), the manifest, result and their seals and signatures, and the
// rendered reports. SHA256SUMS lists every file, signed with the operator's key when one is set.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { signBytes, type Signer } from '../signing/signing-key.ts';
import { signatureSuffix } from '../signing/detached-signature.ts';
import { bundleSignerKeyFile, ManifestSchema, manifestFileName, resultSealFiles, sha256Hex } from './manifest.ts';
import { ResultSealSchema } from './result-seal.ts';
import { howToVerifyText, type PackedBundleNotes } from './pack-how-to-verify.ts';

/** Outside the manifest but part of an audit: what seals and signs it, and what was rendered from it. */
const packedUnsealedFiles = [manifestFileName, `${manifestFileName}${signatureSuffix}`, 'result.json', ...Object.values(resultSealFiles), 'report.html', 'requests.html', 'report.pdf'];

export interface PackBundle {
  directory: string;
  gameId: string;
  platform: string;
}

export interface PackInput {
  bundles: PackBundle[];
  /** With --publish: the published summary's files (path under published/ → bytes), instead of evidence. */
  publication?: Map<string, Uint8Array>;
  signer: Signer | undefined;
  toolVersion: string;
  createdAt: string;
}

function regularFile(file: string): Uint8Array | undefined {
  const status = lstatSync(file, { throwIfNoEntry: false });
  return status?.isFile() ? readFileSync(file) : undefined;
}

/** Report assets (images the report shows) are rendered files too; read without following links. */
function reportAssets(bundleDir: string): string[] {
  const assets = path.join(bundleDir, 'report-assets');
  if (!lstatSync(assets, { throwIfNoEntry: false })?.isDirectory()) return [];
  return readdirSync(assets, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `report-assets/${entry.name}`);
}

function packedFilesOf(bundle: PackBundle): { files: Map<string, Uint8Array>; notes: Omit<PackedBundleNotes, 'folder'> } {
  const manifest = ManifestSchema.parse(JSON.parse(readFileSync(path.join(bundle.directory, manifestFileName), 'utf8')));
  const files = new Map<string, Uint8Array>();
  for (const [file, sealed] of Object.entries(manifest.files)) {
    const bytes = regularFile(path.join(bundle.directory, file));
    // The bundle verified a moment ago; a file that changed since is left out rather than packed unsealed.
    if (bytes && sha256Hex(bytes) === sealed.sha256) files.set(file, bytes);
  }
  for (const file of [...packedUnsealedFiles, ...reportAssets(bundle.directory)]) {
    const bytes = regularFile(path.join(bundle.directory, file));
    if (bytes) files.set(file, bytes);
  }
  const sealBytes = files.get(resultSealFiles.seal);
  const resultSigner = sealBytes ? ResultSealSchema.safeParse(JSON.parse(Buffer.from(sealBytes).toString('utf8'))).data?.signer?.name : undefined;
  return {
    files,
    notes: { game: manifest.game.id, platform: manifest.platform, ...(manifest.signer && files.has(bundleSignerKeyFile) ? { manifestSigner: manifest.signer.name } : {}), ...(resultSigner ? { resultSigner } : {}) },
  };
}

/** The zip's bytes. Deterministic apart from createdAt and the zip's own timestamps. */
export function buildEvidencePack(input: PackInput): Uint8Array {
  const entries = new Map<string, Uint8Array>();
  const notes: PackedBundleNotes[] = [];
  input.bundles.forEach((bundle, position) => {
    const folder = `${String(position + 1).padStart(2, '0')}-${bundle.gameId}-${bundle.platform}`.replace(/[^A-Za-z0-9._-]/g, '-');
    const { files, notes: bundleNotes } = packedFilesOf(bundle);
    for (const [file, bytes] of files) entries.set(`bundles/${folder}/${file}`, bytes);
    notes.push({ folder, ...bundleNotes });
  });
  for (const [file, bytes] of input.publication ?? []) entries.set(`published/${file}`, bytes);
  const text = (value: string): Uint8Array => new TextEncoder().encode(value);
  entries.set(
    'HOW-TO-VERIFY.txt',
    text(
      howToVerifyText({
        toolVersion: input.toolVersion,
        createdAt: input.createdAt,
        publish: Boolean(input.publication),
        ...(input.signer ? { packSigner: { name: input.signer.name, fingerprint: input.signer.fingerprint } } : {}),
        bundles: notes,
      }),
    ),
  );
  if (input.signer) entries.set('packer.pub.pem', text(input.signer.publicKeyPem));
  // sha256sum's own format: "<hash>  <path>", sorted so the same files give the same list.
  const sums = [...entries]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([file, bytes]) => `${sha256Hex(bytes)}  ${file}\n`)
    .join('');
  entries.set('SHA256SUMS', text(sums));
  if (input.signer) entries.set(`SHA256SUMS${signatureSuffix}`, signBytes(input.signer, text(sums)));
  const zippable: Zippable = {};
  for (const [file, bytes] of entries) zippable[file] = bytes;
  return zipSync(zippable, { level: 6 });
}
