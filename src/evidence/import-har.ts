// Turns a HAR captured by another tool (HTTP Toolkit, Charles, Chrome DevTools, mitmproxy, …)
// into an evidence bundle, so that traffic an investigator recorded elsewhere can be analysed and
// scored like our own captures. Only network traffic is known; everything else is marked missing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InputFileError, UserError } from '../errors.ts';
import { flattenIdentifiers } from '../plan/flatten-identifiers.ts';
import { loadIdentifiers, parseWithSchema } from '../plan/load.ts';
import type { Identifiers, Phase, Platform } from '../plan/schema.ts';
import { phaseNames } from '../plan/schema.ts';
import { BundleWriter, bundleFiles } from './bundle-writer.ts';
import { HarSchema, type Har } from './har.ts';
import { notCollectedItems, type Evidence, type EvidenceArea, type EvidenceInput } from './schema.ts';

export interface ImportHarOptions {
  harFile: string;
  gameId: string;
  platform: Platform;
  identifiersFile?: string;
  firstPartyDomains: string[];
  outDir: string;
}

export interface ImportedBundle {
  directory: string;
  evidence: Evidence;
  entryCount: number;
  creator: string;
}

/** HAR versions whose structure we read; 1.1 and 1.2 differ only in optional fields. */
const readableHarVersions = new Set(['1.1', '1.2']);

/** Reads and validates a HAR file, with one actionable line for each way it can be wrong. */
export function readHarFile(file: string): { har: Har; text: string } {
  if (!existsSync(file)) throw new InputFileError(file, 'file not found; check the path');
  const bytes = readFileSync(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputFileError(file, 'not UTF-8 text (HAR files are JSON in UTF-8); re-export it from the capture tool, or convert it with iconv -t UTF-8');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new InputFileError(file, 'the file is empty; export the HAR again');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8 quotes the start of the text in its message; control characters there (a newline, NUL)
    // would break the one-line error, so they are shown escaped.
    const message = (error as Error).message.replace(/[\u0000-\u001f\u007f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
    // The parser fails at the very end of a file that was cut short, whatever it expected next.
    const position = Number(/at position (\d+)/.exec(message)?.[1] ?? Number.NaN);
    const truncated = /end of (JSON )?input|Unterminated/i.test(message) || position >= text.trimEnd().length;
    throw new InputFileError(file, `not valid JSON (${message})${truncated ? '; the file looks truncated, export it again' : '; is this a HAR file?'}`);
  }
  const version = (value as { log?: { version?: unknown } } | null)?.log?.version;
  if (typeof version === 'string' && !readableHarVersions.has(version)) {
    throw new InputFileError(file, `log.version: HAR version "${version}" is not supported; gameaudit reads HAR 1.1 and 1.2`);
  }
  const har = parseWithSchema(file, HarSchema, value);
  har.log.entries.forEach((entry, index) => checkEntryContent(file, entry, index));
  return { har, text };
}

/** Standard or URL-safe base64, padding optional; whitespace (line-wrapped exports) is allowed. */
const base64Text = /^[A-Za-z0-9+/_-]*={0,2}$/;

function isBase64(text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  return base64Text.test(compact) && compact.replace(/=+$/, '').length % 4 !== 1;
}

/**
 * What the schema cannot say: a URL the analysis can read, and a base64 body that is base64.
 * Either would otherwise surface later as an internal error or as silently wrong bytes.
 */
function checkEntryContent(file: string, entry: Har['log']['entries'][number], index: number): void {
  const where = `log.entries[${index}]`;
  if (!URL.canParse(entry.request.url)) {
    throw new InputFileError(file, `${where}.request.url: "${entry.request.url.slice(0, 80)}" is not an absolute URL; every request needs its full URL (scheme and host)`);
  }
  const bodies = [
    { field: 'request.postData.text', body: entry.request.postData },
    { field: 'response.content.text', body: entry.response.content },
  ];
  for (const { field, body } of bodies) {
    if (body?.encoding?.toLowerCase() === 'base64' && body.text !== undefined && !isBase64(body.text)) {
      throw new InputFileError(file, `${where}.${field}: the encoding is base64 but the text is not valid base64; export the HAR again, or remove "encoding" if the body is plain text`);
    }
  }
}

function isoOrUndefined(dateTime: string): string | undefined {
  const time = Date.parse(dateTime);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function userAgentOf(har: Har): string | undefined {
  for (const entry of har.log.entries) {
    const header = entry.request.headers.find((candidate) => candidate.name.toLowerCase() === 'user-agent');
    if (header) return header.value;
  }
  return undefined;
}

export async function importHar(options: ImportHarOptions): Promise<ImportedBundle> {
  const { har } = readHarFile(options.harFile);
  if (existsSync(path.join(options.outDir, bundleFiles.evidence)) || (existsSync(options.outDir) && readdirSync(options.outDir).length > 0)) {
    throw new UserError(`${options.outDir}: the folder is not empty; give --out a new or empty folder so no evidence is overwritten`);
  }
  const identifiers: Identifiers = options.identifiersFile ? loadIdentifiers(options.identifiersFile) : {};
  // Entries without a phase were recorded without our phases: they count as launch (the default).
  const entries = har.log.entries.map((entry) => ({ ...entry, _phase: entry._phase ?? ('launch' as Phase) }));
  const imported: Har = { ...har, log: { ...har.log, entries } };

  const times = entries.map((entry) => isoOrUndefined(entry.startedDateTime)).filter((time): time is string => time !== undefined).sort();
  const startedAt = times[0] ?? new Date().toISOString();
  const endedAt = times[times.length - 1] ?? startedAt;
  const phasesSeen = phaseNames.filter((phase) => entries.some((entry) => entry._phase === phase));
  const creator = `${har.log.creator.name} ${har.log.creator.version}`.trim();
  const notObserved: EvidenceArea[] = ['settings', 'consent', 'geolocation', 'permissions', 'screenshots', 'device', 'age-gate'];
  if (!options.identifiersFile) notObserved.push('identifiers');
  const userAgent = userAgentOf(har);
  const firstUrl = entries[0]?.request.url;

  const evidenceInput: EvidenceInput = {
    schemaVersion: 1,
    game: { id: options.gameId, title: options.gameId, publisher: 'unknown (imported HAR)' },
    platform: options.platform,
    target: firstUrl ? new URL(firstUrl).origin : path.basename(options.harFile),
    device: { kind: options.platform === 'web' ? 'emulated-browser' : 'physical', name: `unknown (recorded with ${creator})`, ...(userAgent ? { userAgent } : {}) },
    status: 'complete',
    incompleteReasons: [
      {
        message: `Imported from a HAR file recorded with ${creator}: only network traffic is known; ${notObserved.join(', ')} were not observed.`,
        affects: notObserved,
      },
    ],
    startedAt,
    endedAt,
    phases: (phasesSeen.length > 0 ? phasesSeen : (['launch'] as Phase[])).map((name) => ({ name, startedAt, endedAt, status: 'complete' as const })),
    geolocation: { calls: [] },
    settings: { source: 'none', readable: false, controls: [], note: 'Imported HAR: the settings screens were not observed.' },
    notCollected: notCollectedItems.map((item) => ({ item, reason: `Imported from a HAR file recorded with ${creator}: only network traffic is known.` })),
    firstPartyDomains: options.firstPartyDomains,
    knownIdentifiers: flattenIdentifiers(identifiers),
    ...(identifiers.location ? { mockLocation: identifiers.location } : {}),
    notes: [
      `Imported with gameaudit import-har from ${path.basename(options.harFile)}, recorded with ${creator}; the original file is kept unchanged as imported/${path.basename(options.harFile)}.`,
      `${entries.length} requests; ${har.log.entries.filter((entry) => entry._phase === undefined).length} without a phase were counted as the launch phase (the game untouched).`,
      ...(options.identifiersFile ? [`Identifiers searched for come from ${path.basename(options.identifiersFile)}.`] : ['No identifiers file was given, so no identifiers could be searched for.']),
    ],
  };

  const writer = new BundleWriter(options.outDir);
  // The investigator's file, byte for byte and hashed with the rest: network.har adds our phases to it.
  writer.file(`imported/${path.basename(options.harFile)}`, readFileSync(options.harFile));
  writer.writeHar(imported);
  writer.event('har-imported', null, { file: path.basename(options.harFile), creator, entries: entries.length });
  const evidence = writer.writeEvidence(evidenceInput);
  // There is no plan: the manifest hashes the import's own parameters in its place.
  await writer.seal({
    evidence,
    planSource: JSON.stringify({ importHar: path.basename(options.harFile), gameId: options.gameId, platform: options.platform, firstPartyDomains: options.firstPartyDomains, identifiers: options.identifiersFile ? readFileSync(options.identifiersFile, 'utf8') : null }),
  });
  return { directory: options.outDir, evidence, entryCount: entries.length, creator };
}
