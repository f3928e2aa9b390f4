// Turns a HAR captured by another tool (HTTP Toolkit, Charles, Chrome DevTools, mitmproxy, …)
// into an evidence bundle, so that traffic an investigator recorded elsewhere can be analysed and
// scored like our own captures. Only network traffic is known; everything else is marked missing,
// and so is each request's phase unless the operator gives it (--phase): another tool's HAR does
// not know our phases, and "launch, before any privacy choice" must never be a default.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { InputFileError, UserError } from '../errors.ts';
import { flattenIdentifiers } from '../plan/flatten-identifiers.ts';
import { loadIdentifiers, parseWithSchema } from '../plan/load.ts';
import type { Identifiers, Phase, Platform } from '../plan/schema.ts';
import { phaseNames } from '../plan/schema.ts';
import { BundleWriter, bundleFiles } from './bundle-writer.ts';
import type { Har, HarEntry } from './har.ts';
import type { ImportedHar } from './imported-har-schema.ts';
import { describeEntryProblem, salvageEntries, type EntryProblem } from './salvage-har-entries.ts';
import { jsonNestingDepth, maxJsonNesting } from './import/json-nesting.ts';
import { phaseAt, phaseWindow, type PhaseWord } from './import/phase-by-time.ts';
import { harLacks, recordingTool } from './import/har-tools.ts';
import { readInputFile, type InputFile } from './import/read-input-file.ts';
import { notCollectedItems, type Evidence, type EvidenceArea, type EvidenceInput } from './schema.ts';

export interface ImportHarOptions {
  harFile: string;
  gameId: string;
  platform: Platform;
  identifiersFile?: string;
  firstPartyDomains: string[];
  outDir: string;
  /** The operator's word for the phase the whole capture was; without it requests carry no phase. */
  phase?: Phase;
  /** The operator's word for when the first privacy choice was made (ISO): before it is launch, after it consent. */
  firstChoiceAt?: string;
  /** The file as already read (gameaudit import reads it once to tell its format). */
  input?: InputFile;
}

export interface ImportedBundle {
  directory: string;
  evidence: Evidence;
  entryCount: number;
  creator: string;
  /** One line each: entries left out, fields that could not be read. */
  warnings: string[];
}

/** HAR versions whose structure we read; 1.1 and 1.2 differ only in optional fields. */
const readableHarVersions = new Set(['1.1', '1.2']);

/** The container only: entries are read one by one, so one bad entry does not sink the file. */
const HarContainerSchema = z.looseObject({
  log: z.looseObject({
    version: z.string(),
    entries: z.array(z.unknown()),
  }),
});

const CreatorSchema = z.looseObject({ name: z.string(), version: z.string() });
const PagesSchema = z.array(z.looseObject({}));

export interface ReadHar {
  /** The usable entries only, each naming its index in the file (`_importedIndex`). */
  har: Har;
  text: string;
  /** Entries in the file, usable or not. */
  entriesInFile: number;
  leftOut: EntryProblem[];
  /** Entries that are not network requests (data:, blob: URLs), set aside. */
  notRequests: number;
  /** One line each, naming the entry and field: entries left out, fields that could not be read. */
  warnings: string[];
}

/**
 * Reads a HAR file. Refuses it, with one actionable line, only when it cannot be used: not
 * readable JSON, not a HAR container, or no entry naming a usable request. A bad entry is left out
 * with a warning; a lossy one is kept and says what it lacks.
 */
export function readHarFile(file: string, input: InputFile = readInputFile(file)): ReadHar {
  const { text } = input;
  // Checked on the text, before anything recursive touches the parsed value (issue 22).
  if (jsonNestingDepth(text) > maxJsonNesting) {
    throw new InputFileError(file, `nested more than ${maxJsonNesting} levels deep, which no HAR is (a HAR nests about ten); the file is broken or not a HAR, so nothing was imported`);
  }
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
  const container = parseWithSchema(file, HarContainerSchema, value);
  const warnings: string[] = [];
  const creator = CreatorSchema.safeParse(container.log.creator);
  if (!creator.success) warnings.push('log.creator: missing or not {name, version}; the recording tool is unknown');
  const pages = container.log.pages === undefined ? undefined : PagesSchema.safeParse(container.log.pages);
  if (pages && !pages.success) warnings.push('log.pages: not a list of pages; left out (gameaudit does not read them)');

  const salvaged = salvageEntries(container.log.entries);
  const entriesInFile = container.log.entries.length;
  if (salvaged.entries.length === 0) {
    if (entriesInFile === 0) throw new InputFileError(file, 'log.entries: the file holds no requests; export the HAR again after using the game');
    if (salvaged.leftOut.length === 0) throw new InputFileError(file, `log.entries: none of the ${entriesInFile} entries is a network request (${describeEntryProblem(salvaged.notRequests[0]!)}); export the HAR again after using the game`);
    const more = salvaged.leftOut.length > 1 ? ` (and ${salvaged.leftOut.length - 1} more)` : '';
    throw new InputFileError(file, `log.entries: none of the ${entriesInFile} entries names a usable request: ${describeEntryProblem(salvaged.leftOut[0]!)}${more}; every entry needs request.method and an absolute request.url`);
  }
  for (const problem of salvaged.leftOut) warnings.push(`${describeEntryProblem(problem)}; the entry was left out`);
  for (const problem of salvaged.unreadable) warnings.push(describeEntryProblem(problem));
  for (const problem of salvaged.notRequests) warnings.push(describeEntryProblem(problem));

  const { pages: _pages, creator: _creator, entries: _entries, ...rest } = container.log;
  const har: Har = {
    log: {
      ...rest,
      creator: creator.success ? creator.data : { name: 'unknown tool', version: '' },
      entries: salvaged.entries,
      ...(pages?.success ? { pages: pages.data } : {}),
    },
  };
  return { har, text, entriesInFile, leftOut: salvaged.leftOut, notRequests: salvaged.notRequests.length, warnings };
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

/** Request-side fields whose absence hides what a request carried (identifiers, location, ad signals). */
const requestContentFields = new Set(['request.headers', 'request.cookies', 'request.postData', 'request.postData.text']);

function countMissing(entries: readonly HarEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of entries) for (const field of entry._missing ?? []) counts[field] = (counts[field] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Which phase each request was sent in. Another tool's HAR says nothing about our phases, so
 * without the operator's word the requests carry no phase at all (never "launch" by default).
 * A file where only some entries carry a phase is treated as carrying none: the rest could be any.
 */
function assignPhases(entries: readonly HarEntry[], word: PhaseWord): { entries: HarEntry[]; phaseSource: ImportedHar['phaseSource']; stripped: number } {
  if (word) {
    const placed = entries.map(({ _phase: _dropped, ...entry }) => {
      const phase = phaseAt(entry.startedDateTime, word);
      return phase ? { ...entry, _phase: phase } : entry;
    });
    return { entries: placed, phaseSource: 'phase' in word ? 'operator' : 'first-choice-time', stripped: placed.filter((entry) => entry._phase === undefined).length };
  }
  if (entries.every((entry) => entry._phase !== undefined)) return { entries: [...entries], phaseSource: 'har-file', stripped: 0 };
  const stripped = entries.filter((entry) => entry._phase !== undefined).length;
  return { entries: entries.map(({ _phase: _dropped, ...entry }) => entry), phaseSource: 'not-recorded', stripped };
}

function phaseNote(phaseSource: ImportedHar['phaseSource'], operatorPhase: Phase | undefined, entryCount: number, stripped: number, firstChoiceAt?: string): string {
  switch (phaseSource) {
    case 'first-choice-time':
      return `The operator said the first privacy choice was made at ${firstChoiceAt} (--first-choice-at); gameaudit did not observe it, so requests sent before it count as launch (the default) and later ones as consent, on the operator's word${stripped > 0 ? `; ${stripped} requests have no readable time and so no phase` : ''}.`;
    case 'operator':
      return `The operator said the whole capture was the ${operatorPhase} phase (import --phase ${operatorPhase}); gameaudit did not observe the phases, so all ${entryCount} requests are counted as ${operatorPhase} on the operator's word.`;
    case 'har-file':
      return `Every request carried the phase it was sent in (gameaudit's _phase field), as recorded in the file.`;
    case 'not-recorded':
      return `The file does not say which phase any request was sent in, so none is given one${stripped > 0 ? ` (${stripped} entries carried a phase, the others none, so those were set aside too)` : ''}: what happened before any privacy choice cannot be told from it. Give import --first-choice-at <time> if the operator knows when the first privacy choice was made, or --phase launch (or consent, settings, play) if the whole capture was one phase.`;
  }
}

/** An import writes only into a new or empty folder, so no evidence is ever overwritten. */
export function assertUnusedOutDir(outDir: string): void {
  if (!existsSync(outDir)) return;
  if (!statSync(outDir).isDirectory()) throw new UserError(`--out: ${outDir} is a file, not a folder; give --out a new or empty folder`);
  if (readdirSync(outDir).length > 0 || existsSync(path.join(outDir, bundleFiles.evidence))) {
    throw new UserError(`--out: ${outDir} is not empty; give --out a new or empty folder so no evidence is overwritten`);
  }
}

export async function importHar(options: ImportHarOptions): Promise<ImportedBundle> {
  const input = options.input ?? readInputFile(options.harFile);
  const { har, entriesInFile, leftOut, notRequests, warnings } = readHarFile(options.harFile, input);
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const phaseWord: PhaseWord = options.phase ? { phase: options.phase } : options.firstChoiceAt ? { firstChoiceAt: options.firstChoiceAt } : undefined;
  const tool = recordingTool(har.log.creator.name);
  assertUnusedOutDir(options.outDir);
  const identifiers: Identifiers = options.identifiersFile ? loadIdentifiers(options.identifiersFile) : {};
  const { entries, phaseSource, stripped } = assignPhases(har.log.entries, phaseWord);
  const imported: Har = { ...har, log: { ...har.log, entries } };

  const times = entries.map((entry) => isoOrUndefined(entry.startedDateTime)).filter((time): time is string => time !== undefined).sort();
  // No request has a usable time: the import's own time is the only one there is.
  const startedAt = times[0] ?? new Date().toISOString();
  const endedAt = times[times.length - 1] ?? startedAt;
  const creator = `${har.log.creator.name} ${har.log.creator.version}`.trim();
  const harName = path.basename(options.harFile);
  const notObserved: EvidenceArea[] = ['settings', 'consent', 'geolocation', 'permissions', 'screenshots', 'device', 'age-gate'];
  if (!options.identifiersFile) notObserved.push('identifiers');
  const userAgent = userAgentOf(imported);
  const firstUrl = entries[0]?.request.url;
  const fieldsMissing = countMissing(entries);
  const contentMissing = entries.filter((entry) => (entry._missing ?? []).some((field) => requestContentFields.has(field))).length;

  const importedHar: ImportedHar = {
    file: harName,
    creator,
    format: 'har',
    sha256,
    lacks: harLacks(fieldsMissing, entries.length, tool),
    phaseSource,
    phasesAssumed: phaseSource !== 'har-file',
    ...(options.phase ? { operatorPhase: options.phase } : {}),
    ...(phaseWord && 'firstChoiceAt' in phaseWord ? { firstChoiceAt: phaseWord.firstChoiceAt } : {}),
    entriesInFile,
    entriesLeftOut: leftOut,
    ...(notRequests > 0 ? { entriesNotRequests: notRequests } : {}),
    fieldsMissing,
  };
  // Phase records only where something vouches for them: the file's own, or the operator's word.
  const phases: Phase[] = phaseSource === 'not-recorded' ? [] : phaseNames.filter((phase) => entries.some((entry) => entry._phase === phase));
  const missingWords = Object.entries(fieldsMissing).map(([field, count]) => `${field} in ${count}`);

  const evidenceInput: EvidenceInput = {
    schemaVersion: 1,
    game: { id: options.gameId, title: options.gameId, publisher: 'unknown (imported HAR)' },
    platform: options.platform,
    target: firstUrl ? new URL(firstUrl).origin : harName,
    device: { kind: options.platform === 'web' ? 'emulated-browser' : 'physical', name: `unknown (recorded with ${creator})`, ...(userAgent ? { userAgent } : {}) },
    status: 'complete',
    incompleteReasons: [
      {
        message: `Imported from a HAR file recorded with ${creator}: only network traffic is known; ${notObserved.join(', ')} were not observed.`,
        affects: notObserved,
      },
      // What a request carried in its headers, cookies or body is unknown when the file lacks them.
      ...(contentMissing > 0
        ? [
            {
              message: `${contentMissing} of the ${entries.length} imported requests lack their headers, cookies or body in the file (not captured by ${creator}, which is not the same as empty), so what those carried there is unknown.`,
              affects: ['network', 'identifiers'] as EvidenceArea[],
            },
          ]
        : []),
    ],
    startedAt,
    endedAt,
    phases: phases.map((name) => ({
      name,
      ...phaseWindow(name, startedAt, endedAt, phaseWord),
      status: 'complete' as const,
      ...(phaseSource === 'operator' ? { note: `Not observed by gameaudit: the operator said the whole imported capture was the ${name} phase.` } : {}),
      ...(phaseSource === 'first-choice-time'
        ? { note: name === 'launch' ? `Not observed by gameaudit: the requests sent before the first privacy choice, which the operator said was made at ${options.firstChoiceAt}.` : `Not observed by gameaudit: the requests sent from the first privacy choice on (${options.firstChoiceAt}, the operator's word).` }
        : {}),
    })),
    geolocation: { calls: [] },
    settings: { source: 'none', readable: false, controls: [], note: 'Imported HAR: the settings screens were not observed.' },
    notCollected: notCollectedItems.map((item) => ({ item, reason: `Imported from a HAR file recorded with ${creator}: only network traffic is known.` })),
    firstPartyDomains: options.firstPartyDomains,
    knownIdentifiers: flattenIdentifiers(identifiers),
    ...(identifiers.location ? { mockLocation: identifiers.location } : {}),
    notes: [
      `Imported with gameaudit import from ${harName} (a HAR recorded with ${creator}${tool.name !== har.log.creator.name ? `, which is ${tool.name}` : ''}, sha256 ${sha256}); the original file is kept unchanged as imported/${harName}.`,
      `${entries.length} requests imported${leftOut.length > 0 ? `; ${leftOut.length} of the file's ${entriesInFile} entries name no usable request and were left out (${leftOut.map(describeEntryProblem).join('; ')})` : ''}.`,
      phaseNote(phaseSource, options.phase, entries.length, stripped, options.firstChoiceAt),
      ...(tool.quirk ? [tool.quirk] : []),
      ...(notRequests > 0 ? [`${notRequests} entries of the file were data: or blob: URLs (content the page held itself, not requests to any server) and are not counted as traffic.`] : []),
      ...(missingWords.length > 0 ? [`Not in the file, so not captured (unknown, not empty): ${missingWords.join(', ')} of the ${entries.length} requests; each request lists its own in _missing.`] : []),
      ...(options.identifiersFile ? [`Identifiers searched for come from ${path.basename(options.identifiersFile)}.`] : ['No identifiers file was given, so no identifiers could be searched for.']),
    ],
    importedHar,
  };

  const writer = new BundleWriter(options.outDir);
  // The investigator's file, byte for byte and hashed with the rest: network.har holds the usable
  // entries with what we add to them (_missing, _importedIndex, the operator's phase).
  writer.file(`imported/${harName}`, input.bytes);
  writer.writeHar(imported);
  writer.event('har-imported', null, { file: harName, creator, entries: entries.length, entriesInFile, phaseSource, warnings: warnings.length });
  const evidence = writer.writeEvidence(evidenceInput);
  // There is no plan: the manifest hashes the import's own parameters in its place.
  await writer.seal({
    evidence,
    planSource: JSON.stringify({
      importHar: harName,
      sha256,
      ...(options.firstChoiceAt ? { firstChoiceAt: options.firstChoiceAt } : {}),
      gameId: options.gameId,
      platform: options.platform,
      ...(options.phase ? { phase: options.phase } : {}),
      firstPartyDomains: options.firstPartyDomains,
      identifiers: options.identifiersFile ? readFileSync(options.identifiersFile, 'utf8') : null,
    }),
  });
  return { directory: options.outDir, evidence, entryCount: entries.length, creator, warnings };
}
