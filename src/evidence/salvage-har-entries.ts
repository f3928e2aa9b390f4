// Reads the entries of a HAR written by another tool one at a time, keeping what can be used.
// Real exports are lossy: mitmproxy's har_dump, as other tools run it, writes responses with only
// a status and a version; some tools leave out cookies, bodies or timings. Such an entry still
// shows who was contacted with what, so it is kept, and it records in `_missing` every field the
// file did not hold: a body that was not captured is "not captured", never "empty". Only an entry
// that cannot be placed at all (no method, no absolute URL) is left out, with a warning naming it.
import { HarEntrySchema, type HarEntry } from './har.ts';

/** One problem with one entry of the imported file, by its index there. */
export interface EntryProblem {
  index: number;
  /** Dotted path inside the entry, e.g. "request.url"; "" for the entry itself. */
  field: string;
  problem: string;
}

export interface SalvagedEntries {
  /** Usable entries, in file order; each carries `_importedIndex` and, when fields were absent, `_missing`. */
  entries: HarEntry[];
  /** Entries left out: they name no request that can be placed. */
  leftOut: EntryProblem[];
  /** Fields of kept entries that were present but unreadable: dropped, and listed in `_missing`. */
  unreadable: EntryProblem[];
  /** Entries that are not network requests at all (data:, blob:, about: URLs): set aside, not traffic. */
  notRequests: EntryProblem[];
}

/** Schemes that reach a server. DevTools also lists data: and blob: URLs, whose content was inside the page: no one received them. */
const networkSchemes = new Set(['http:', 'https:', 'ws:', 'wss:']);

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Fields the analysis can do without. `fill` is what stands in for an absent one so the schema
 * holds (never a value that claims something was seen: no headers, a size of -1 for "unknown").
 * `recordAbsent` says whether its absence is a loss worth recording: HAR leaves a body out of a
 * GET, and the query string is in the URL anyway.
 */
interface LossyField {
  path: readonly string[];
  fill?: (entry: Json) => unknown;
  recordAbsent: (entry: Json) => boolean;
}

const always = (): boolean => true;
const never = (): boolean => false;
const at = (entry: Json, path: readonly string[]): unknown => path.reduce<unknown>((value, key) => (isRecord(value) ? value[key] : undefined), entry);

/** Methods whose requests normally carry a body: without postData the body was not captured. */
const bodyMethods = new Set(['POST', 'PUT', 'PATCH']);
const notCapturedContent = { size: -1, mimeType: '', comment: 'not captured by the recording tool (unknown, not empty)' };

function queryStringOf(entry: Json): { name: string; value: string }[] {
  const url = new URL(at(entry, ['request', 'url']) as string);
  return [...url.searchParams].map(([name, value]) => ({ name, value }));
}

// Deepest paths first, so that a problem inside a field drops the field, not its parent.
const lossyFields: readonly LossyField[] = [
  { path: ['response', 'content', 'text'], recordAbsent: (entry) => isRecord(at(entry, ['response', 'content'])) && at(entry, ['response', 'content', 'size']) !== 0 },
  { path: ['response', 'content', 'encoding'], recordAbsent: never },
  { path: ['response', 'content', 'size'], recordAbsent: never },
  { path: ['response', 'content', 'mimeType'], recordAbsent: never },
  { path: ['request', 'postData', 'text'], recordAbsent: never },
  { path: ['request', 'postData', 'encoding'], recordAbsent: never },
  { path: ['request', 'postData', 'params'], recordAbsent: never },
  { path: ['request', 'postData', 'mimeType'], recordAbsent: never },
  {
    path: ['request', 'postData'],
    // A declared empty body (bodySize 0) is seen to be empty; otherwise a POST without one lost it.
    recordAbsent: (entry) => bodyMethods.has(String(at(entry, ['request', 'method'])).toUpperCase()) && at(entry, ['request', 'bodySize']) !== 0,
  },
  { path: ['request', 'httpVersion'], fill: () => '', recordAbsent: always },
  { path: ['request', 'headers'], fill: () => [], recordAbsent: always },
  { path: ['request', 'queryString'], fill: queryStringOf, recordAbsent: never },
  { path: ['request', 'cookies'], fill: () => [], recordAbsent: always },
  { path: ['request', 'headersSize'], recordAbsent: never },
  { path: ['request', 'bodySize'], recordAbsent: never },
  { path: ['response', 'status'], fill: () => 0, recordAbsent: always },
  { path: ['response', 'statusText'], recordAbsent: never },
  { path: ['response', 'httpVersion'], fill: () => '', recordAbsent: always },
  { path: ['response', 'headers'], fill: () => [], recordAbsent: always },
  { path: ['response', 'cookies'], fill: () => [], recordAbsent: always },
  { path: ['response', 'content'], fill: () => ({ ...notCapturedContent }), recordAbsent: always },
  { path: ['response', 'redirectURL'], recordAbsent: never },
  { path: ['response', 'headersSize'], recordAbsent: never },
  { path: ['response', 'bodySize'], recordAbsent: never },
  { path: ['startedDateTime'], fill: () => '', recordAbsent: always },
  { path: ['time'], fill: () => -1, recordAbsent: always },
  { path: ['cache'], recordAbsent: never },
  { path: ['timings'], recordAbsent: never },
  { path: ['serverIPAddress'], recordAbsent: never },
  { path: ['_phase'], recordAbsent: never },
  { path: ['_tlsFailure'], recordAbsent: never },
  { path: ['_source'], recordAbsent: never },
  { path: ['_missing'], recordAbsent: never },
  { path: ['_importedIndex'], recordAbsent: never },
];

function setAt(entry: Json, path: readonly string[], value: unknown): void {
  let parent = entry;
  for (const key of path.slice(0, -1)) {
    if (!isRecord(parent[key])) parent[key] = {};
    parent = parent[key] as Json;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) delete parent[last];
  else parent[last] = value;
}

/** Standard or URL-safe base64, padding optional; whitespace (line-wrapped exports) is allowed. */
const base64Text = /^[A-Za-z0-9+/_-]*={0,2}$/;

function isBase64(text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  return base64Text.test(compact) && compact.replace(/=+$/, '').length % 4 !== 1;
}

/** Quoted for a one-line message: control characters escaped, long values cut. */
function quoted(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

/** Why the entry cannot be used at all, or undefined when it names a request that can be placed. */
function fatalProblem(raw: unknown): { field: string; problem: string } | undefined {
  if (!isRecord(raw)) return { field: '', problem: 'not an object; every entry is a {request, response} object' };
  const request = raw.request;
  if (request === undefined) return { field: 'request', problem: 'required field is missing; an entry without its request cannot be placed' };
  if (!isRecord(request)) return { field: 'request', problem: 'not an object' };
  if (request.method === undefined) return { field: 'request.method', problem: 'required field is missing' };
  if (typeof request.method !== 'string' || request.method.trim() === '') return { field: 'request.method', problem: `${quoted(request.method)} is not an HTTP method` };
  if (request.url === undefined) return { field: 'request.url', problem: 'required field is missing' };
  if (typeof request.url !== 'string' || !URL.canParse(request.url)) {
    return { field: 'request.url', problem: `${quoted(request.url)} is not an absolute URL; every request needs its full URL (scheme and host)` };
  }
  return undefined;
}

function salvageEntry(raw: Json, index: number): { entry: HarEntry; unreadable: EntryProblem[] } | EntryProblem {
  const candidate: Json = structuredClone(raw);
  if (!isRecord(candidate.response)) {
    // Not even a status: the response as a whole is not known. Its parts are listed below.
    candidate.response = {};
  }
  const missing: string[] = [];
  const unreadable: EntryProblem[] = [];
  for (const field of lossyFields) {
    if (at(candidate, field.path) !== undefined) continue;
    if (field.recordAbsent(candidate)) missing.push(field.path.join('.'));
    if (field.fill) setAt(candidate, field.path, field.fill(candidate));
  }
  // Whatever the schema still refuses is dropped field by field and recorded as unreadable; each
  // round removes one field, so this ends.
  for (let round = 0; round <= lossyFields.length; round += 1) {
    const parsed = HarEntrySchema.safeParse(candidate);
    if (parsed.success) {
      const entry = parsed.data;
      for (const [field, body] of [
        ['request.postData.text', entry.request.postData],
        ['response.content.text', entry.response.content],
      ] as const) {
        if (body?.encoding?.toLowerCase() === 'base64' && body.text !== undefined && !isBase64(body.text)) {
          delete body.text;
          missing.push(field);
          unreadable.push({ index, field, problem: 'the encoding is base64 but the text is not valid base64; the body was not read' });
        }
      }
      // A file that was itself an import keeps what it already said was missing.
      const allMissing = [...new Set([...(entry._missing ?? []), ...missing])];
      return { entry: { ...entry, ...(allMissing.length > 0 ? { _missing: allMissing } : {}), _importedIndex: index }, unreadable };
    }
    const issue = parsed.error.issues[0]!;
    const issuePath = issue.path.map(String);
    const field = lossyFields.find((candidateField) => candidateField.path.every((key, position) => issuePath[position] === key));
    if (!field) return { index, field: issuePath.join('.'), problem: issue.message.replace(/\s+/g, ' ') };
    const name = field.path.join('.');
    unreadable.push({ index, field: name, problem: `${quoted(at(candidate, field.path))} could not be read (${issue.message.replace(/\s+/g, ' ')}); it is treated as not captured` });
    if (!missing.includes(name) && !name.startsWith('_')) missing.push(name);
    setAt(candidate, field.path, field.fill ? field.fill(candidate) : undefined);
  }
  return { index, field: '', problem: 'could not be read' };
}

export function salvageEntries(rawEntries: readonly unknown[]): SalvagedEntries {
  const result: SalvagedEntries = { entries: [], leftOut: [], unreadable: [], notRequests: [] };
  rawEntries.forEach((raw, index) => {
    const fatal = fatalProblem(raw);
    if (fatal) {
      result.leftOut.push({ index, ...fatal });
      return;
    }
    const scheme = new URL((raw as { request: { url: string } }).request.url).protocol;
    if (!networkSchemes.has(scheme)) {
      result.notRequests.push({ index, field: 'request.url', problem: `a ${scheme} URL is content the page held itself, not a request to any server; not counted as traffic` });
      return;
    }
    const salvaged = salvageEntry(raw as Json, index);
    if ('entry' in salvaged) {
      result.entries.push(salvaged.entry);
      result.unreadable.push(...salvaged.unreadable);
    } else {
      result.leftOut.push(salvaged);
    }
  });
  return result;
}

/** "log.entries[3].request.url: <problem>", as warnings and errors name a problem. */
export function describeEntryProblem(problem: EntryProblem): string {
  return `log.entries[${problem.index}]${problem.field ? `.${problem.field}` : ''}: ${problem.problem}`;
}
