// Reads a bundle back for scoring and reporting, naming the file and field of anything wrong.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InputFileError } from '../errors.ts';
import { bundleFiles } from './bundle-writer.ts';
import { isHarEntryAsWritten } from './har-entry-as-written.ts';
import { HarEntrySchema, HarSchema, readHarEntries, type Har, type HarEntry } from './har.ts';
import { ManifestSchema, type Manifest } from './manifest.ts';
import { EvidenceSchema, TimelineEventSchema, type Evidence, type TimelineEvent } from './schema.ts';
import { describeIssue, parseWithSchema } from '../plan/load.ts';

/** A bundle's records without its traffic: scoring reads network.har as a stream (forEachHarEntry). */
export interface BundleRecords {
  directory: string;
  evidence: Evidence;
  events: TimelineEvent[];
  manifest: Manifest | undefined;
}

export interface Bundle extends BundleRecords {
  har: Har;
}

function readJson(file: string): unknown {
  if (!existsSync(file)) throw new InputFileError(file, 'file not found; is this an evidence bundle (runs/<run>/<game>/<platform>)?');
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputFileError(file, `not valid JSON (${(error as Error).message}); the file is damaged or truncated`);
  }
}

export function readEvidence(directory: string): Evidence {
  const file = path.join(directory, bundleFiles.evidence);
  return parseWithSchema(file, EvidenceSchema, readJson(file));
}

export function readHar(directory: string): Har {
  const file = path.join(directory, bundleFiles.har);
  return parseWithSchema(file, HarSchema, readJson(file));
}

/**
 * Hands each entry of the bundle's network.har to `onEntry`, checked against the HAR schema, as
 * it is read: the file is never held whole (a 100,000-request capture is hundreds of megabytes).
 * Whatever is wrong with the file is an InputFileError naming it, the entry and the field, as
 * readHar would; entries before the bad one have already been handed on.
 */
export function forEachHarEntry(directory: string, onEntry: (entry: HarEntry) => void): void {
  const file = path.join(directory, bundleFiles.har);
  if (!existsSync(file)) throw new InputFileError(file, 'file not found; is this an evidence bundle (runs/<run>/<game>/<platform>)?');
  let skeleton: unknown;
  try {
    ({ skeleton } = readHarEntries(file, (value, index) => {
      if (isHarEntryAsWritten(value)) {
        onEntry(value);
        return;
      }
      const parsed = HarEntrySchema.safeParse(value, { reportInput: true });
      if (!parsed.success) {
        const first = parsed.error.issues.find((issue) => issue.code === 'unrecognized_keys') ?? parsed.error.issues[0]!;
        throw new InputFileError(file, describeIssue({ ...first, path: ['log', 'entries', index, ...first.path] }, () => undefined));
      }
      onEntry(parsed.data);
    }));
  } catch (error) {
    if (error instanceof SyntaxError) throw new InputFileError(file, `not valid JSON (${error.message}); the file is damaged or truncated`);
    throw error;
  }
  // What is not an entry (log.version, log.creator) is checked too, as readHar checks it.
  parseWithSchema(file, HarSchema, skeleton);
}

export function readManifest(directory: string): Manifest | undefined {
  const file = path.join(directory, bundleFiles.manifest);
  if (!existsSync(file)) return undefined;
  return parseWithSchema(file, ManifestSchema, readJson(file));
}

/** Events, skipping a final line cut short by a crash (the rest of the timeline stays usable). */
export function readEvents(directory: string): TimelineEvent[] {
  const file = path.join(directory, bundleFiles.events);
  if (!existsSync(file)) return [];
  const events: TimelineEvent[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, lineIndex) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (lineIndex >= lines.length - 2) return;
      throw new InputFileError(file, `line ${lineIndex + 1} is not valid JSON`);
    }
    const parsed = TimelineEventSchema.safeParse(value);
    if (!parsed.success) throw new InputFileError(file, `line ${lineIndex + 1}: ${parsed.error.issues[0]?.message ?? 'bad event'}`);
    events.push(parsed.data);
  });
  return events;
}

export function readBundleRecords(directory: string): BundleRecords {
  return {
    directory,
    evidence: readEvidence(directory),
    events: readEvents(directory),
    manifest: readManifest(directory),
  };
}

/** The bundle with its HAR parsed whole: for tests and small bundles; scoring streams it instead. */
export function readBundle(directory: string): Bundle {
  return {
    directory,
    evidence: readEvidence(directory),
    har: readHar(directory),
    events: readEvents(directory),
    manifest: readManifest(directory),
  };
}
