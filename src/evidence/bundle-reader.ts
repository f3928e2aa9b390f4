// Reads a bundle back for scoring and reporting, naming the file and field of anything wrong.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InputFileError } from '../errors.ts';
import { bundleFiles } from './bundle-writer.ts';
import { HarSchema, type Har } from './har.ts';
import { ManifestSchema, type Manifest } from './manifest.ts';
import { EvidenceSchema, TimelineEventSchema, type Evidence, type TimelineEvent } from './schema.ts';
import { parseWithSchema } from '../plan/load.ts';

export interface Bundle {
  directory: string;
  evidence: Evidence;
  har: Har;
  events: TimelineEvent[];
  manifest: Manifest | undefined;
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

export function readBundle(directory: string): Bundle {
  return {
    directory,
    evidence: readEvidence(directory),
    har: readHar(directory),
    events: readEvents(directory),
    manifest: readManifest(directory),
  };
}
