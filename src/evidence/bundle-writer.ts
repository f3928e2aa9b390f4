// Writes one evidence bundle as the capture goes: events are appended as they happen,
// screenshots land at once, and evidence.json / network.har are rewritten atomically at each
// checkpoint, so a capture that dies half-way still leaves everything it saw on disk.
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Phase } from '../plan/schema.ts';
import { toolCommit, toolVersion } from '../version.ts';
import { writeFileAtomic, writeFileAtomicStream, writeJsonAtomic } from './atomic-write.ts';
import type { Har, HarEntry } from './har.ts';
import { inertHtmlSnapshot } from './inert-snapshot.ts';
import { operatorIdentity } from './operator.ts';
import { SecretMasker } from './secret-masker.ts';
import { configuredSigner } from '../signing/configured-signer.ts';
import { signatureSuffix, signerClaim, writeDetachedSignature } from '../signing/detached-signature.ts';
import { bundleSignerKeyFile, hashFiles, manifestFileName, sealManifest, sha256Hex, type Manifest } from './manifest.ts';
import { EvidenceSchema, type Evidence, type EvidenceInput, type TimelineEvent } from './schema.ts';

export const bundleFiles = {
  evidence: 'evidence.json',
  har: 'network.har',
  events: 'events.ndjson',
  result: 'result.json',
  manifest: manifestFileName,
  screens: 'screens',
} as const;

export class BundleWriter {
  private eventCounter = 0;
  private screenshotCounter = 0;

  /** Test-account credentials are masked in everything this writes (events, trees, HAR, evidence). */
  constructor(
    readonly directory: string,
    private readonly masker: SecretMasker = new SecretMasker([]),
  ) {
    mkdirSync(path.join(directory, bundleFiles.screens), { recursive: true });
    writeFileSync(path.join(directory, bundleFiles.events), '', { flag: 'a' });
  }

  /** Appends one event to the timeline and returns its id (ev-0001, ev-0002, …). */
  event(type: string, phase: Phase | null, fields: Record<string, unknown> = {}): string {
    this.eventCounter += 1;
    const id = `ev-${String(this.eventCounter).padStart(4, '0')}`;
    const event: TimelineEvent = this.masker.maskValue({ id, at: new Date().toISOString(), phase, type, ...fields });
    appendFileSync(path.join(this.directory, bundleFiles.events), `${JSON.stringify(event)}\n`);
    return id;
  }

  /** Saves a PNG under screens/ and returns its bundle-relative path. */
  screenshot(phase: Phase, label: string, png: Uint8Array): string {
    this.screenshotCounter += 1;
    const safeLabel = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'screen';
    const file = `${bundleFiles.screens}/${String(this.screenshotCounter).padStart(2, '0')}-${phase}-${safeLabel}.png`;
    writeFileAtomic(path.join(this.directory, file), png);
    return file;
  }

  /** Saves any other captured file (UI trees, raw adb output) under a bundle-relative path. */
  file(relativePath: string, content: string | Uint8Array): string {
    writeFileAtomic(path.join(this.directory, relativePath), typeof content === 'string' ? this.masker.mask(content) : content);
    return relativePath;
  }

  /**
   * Saves the UI tree beside its screenshot. An HTML tree is masked first (escaping would hide a
   * credential from the masker) and then stored inert, as text (inert-snapshot.ts).
   */
  uiTree(relativePath: string, tree: string): string {
    const masked = this.masker.mask(tree);
    writeFileAtomic(path.join(this.directory, relativePath), relativePath.endsWith('.html') ? inertHtmlSnapshot(masked) : masked);
    return relativePath;
  }

  /** Validates and writes evidence.json; a schema error here is a bug in the capture, so it throws. */
  writeEvidence(evidence: EvidenceInput): Evidence {
    const parsed = EvidenceSchema.parse(this.masker.maskValue(evidence));
    writeJsonAtomic(path.join(this.directory, bundleFiles.evidence), parsed);
    return parsed;
  }

  writeHar(har: Har): void {
    this.writeHarEntries(har, har.log.entries);
  }

  /**
   * Writes network.har from entries that arrive one at a time (the proxy's spool), so a large
   * capture is never held in memory whole. Atomic: a temporary file renamed into place. Each entry
   * has a line of its own, so reading it back needs no walk over every byte (har-lines.ts); the
   * file is still one JSON value any HAR viewer reads.
   */
  writeHarEntries(header: Har, entries: Iterable<HarEntry>): void {
    const empty = JSON.stringify({ ...header, log: { ...header.log, entries: [] } });
    const marker = '"entries":[]';
    const split = empty.indexOf(marker) + marker.length - 1;
    writeFileAtomicStream(path.join(this.directory, bundleFiles.har), (write) => {
      write(this.masker.mask(empty.slice(0, split)));
      let first = true;
      for (const entry of entries) {
        write(`${first ? '\n' : ',\n'}${this.masker.mask(JSON.stringify(entry))}`);
        first = false;
      }
      write(`\n${this.masker.mask(empty.slice(split))}`);
    });
  }

  /**
   * Hashes every evidence file and writes the sealed manifest, signed with the operator's key
   * when one is set (its public key is sealed with the evidence). Call last.
   */
  async seal(details: { evidence: Evidence; planSource: string }): Promise<Manifest> {
    const signer = configuredSigner();
    const operator = operatorIdentity();
    // A bundle sealed again (a resume) by someone without a key must not keep a stale signature.
    for (const stale of [bundleSignerKeyFile, `${bundleFiles.manifest}${signatureSuffix}`]) rmSync(path.join(this.directory, stale), { force: true });
    if (signer) writeFileAtomic(path.join(this.directory, bundleSignerKeyFile), signer.publicKeyPem);
    const manifest = sealManifest({
      manifestVersion: 1,
      tool: { name: 'gameaudit', version: toolVersion, commit: toolCommit() },
      game: { id: details.evidence.game.id, title: details.evidence.game.title },
      platform: details.evidence.platform,
      planSha256: sha256Hex(details.planSource),
      device: details.evidence.device,
      operator: operator.name,
      operatorSource: operator.source,
      startedAt: details.evidence.startedAt,
      endedAt: details.evidence.endedAt ?? new Date().toISOString(),
      status: details.evidence.status,
      files: hashFiles(this.directory),
      ...(signer ? { signer: signerClaim(signer) } : {}),
    });
    writeJsonAtomic(path.join(this.directory, bundleFiles.manifest), manifest);
    if (signer) writeDetachedSignature(this.directory, bundleFiles.manifest, signer);
    return manifest;
  }
}
