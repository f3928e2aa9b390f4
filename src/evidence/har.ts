// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) as we write and read it.
// Real tools differ in optional fields, so the schema requires only what analysis needs and
// keeps everything else (loose objects). Our own fields start with "_" as the spec asks.
import { closeSync, openSync, readSync } from 'node:fs';
import { z } from 'zod';
import { PhaseSchema } from '../plan/schema.ts';
import { harLineLayout, readHarLines } from './har-lines.ts';

const NameValue = z.looseObject({ name: z.string(), value: z.string() });

export const HarRequestSchema = z.looseObject({
  method: z.string(),
  url: z.string(),
  httpVersion: z.string(),
  headers: z.array(NameValue),
  queryString: z.array(NameValue),
  cookies: z.array(z.looseObject({ name: z.string(), value: z.string() })).default([]),
  headersSize: z.number().default(-1),
  bodySize: z.number().default(-1),
  postData: z
    .looseObject({
      mimeType: z.string().default(''),
      text: z.string().optional(),
      params: z.array(z.looseObject({ name: z.string(), value: z.string().optional() })).optional(),
      encoding: z.string().optional().describe('Non-standard but common: "base64" for binary bodies'),
    })
    .optional(),
});

export const HarResponseSchema = z.looseObject({
  status: z.number(),
  statusText: z.string().default(''),
  httpVersion: z.string().default('HTTP/1.1'),
  headers: z.array(NameValue),
  cookies: z.array(z.looseObject({ name: z.string(), value: z.string() })).default([]),
  content: z.looseObject({
    size: z.number().default(0),
    mimeType: z.string().default(''),
    text: z.string().optional(),
    encoding: z.string().optional(),
  }),
  redirectURL: z.string().default(''),
  headersSize: z.number().default(-1),
  bodySize: z.number().default(-1),
});

export const HarEntrySchema = z.looseObject({
  startedDateTime: z.string(),
  time: z.number(),
  request: HarRequestSchema,
  response: HarResponseSchema,
  cache: z.looseObject({}).default({}),
  timings: z.looseObject({ send: z.number(), wait: z.number(), receive: z.number() }).default({ send: 0, wait: 0, receive: 0 }),
  serverIPAddress: z.string().optional(),
  _phase: PhaseSchema.optional().describe('Capture phase the request was sent in'),
  _tlsFailure: z
    .looseObject({ host: z.string(), reason: z.string() })
    .optional()
    .describe('The client refused our certificate (pinning): the contact happened but nothing was read'),
  _source: z.string().optional().describe('Who sent it: browser, device, replayer'),
  _baseline: z.boolean().optional().describe('Sent in the baseline window, with the game not running (device captures)'),
  _afterToolConsent: z.boolean().optional().describe('Sent after a tool tap that changed consent (consent-changed-by-tool): not the game\'s default'),
  _missing: z
    .array(z.string())
    .optional()
    .describe('Imported HARs: fields the file did not hold or that could not be read, e.g. response.headers; not captured, which is not the same as empty'),
  _importedIndex: z.number().int().min(0).optional().describe('Imported HARs: the index of this entry in the imported file'),
  _domainContact: z
    .looseObject({
      tool: z.string(),
      firstSeen: z.string(),
      lastSeen: z.string(),
      hits: z.number().int().min(0).optional(),
      toolCompany: z.string().optional(),
      toolCategory: z.string().optional(),
      line: z.number().int().min(1),
    })
    .optional()
    .describe('Imported domain-level exports (App Privacy Report, TrackerControl): only the host and times of a connection are known; the method, path and everything it carried were never seen'),
});
export type HarEntry = z.infer<typeof HarEntrySchema>;

export const HarSchema = z.looseObject({
  log: z.looseObject({
    version: z.string(),
    creator: z.looseObject({ name: z.string(), version: z.string() }),
    entries: z.array(HarEntrySchema),
    pages: z.array(z.looseObject({})).optional(),
  }),
});
export type Har = z.infer<typeof HarSchema>;

export function emptyHar(creatorVersion: string): Har {
  return { log: { version: '1.2', creator: { name: 'gameaudit', version: creatorVersion }, entries: [] } };
}

/**
 * Reads a HAR file entry by entry without holding it whole: the bytes are read in chunks, the
 * `log.entries` array is found by a small scanner that only tracks strings and nesting, and each
 * entry is handed to `onEntry` as soon as its closing brace is read (JSON.parse of the entry
 * alone). What is not an entry (version, creator, pages, …) is returned with `entries: []`.
 * A 100,000-entry HAR took 1.16 GB as one JSON.parse; read this way the entries' text is never
 * all in memory at once (bench/analysis.ts). Throws SyntaxError, naming the byte offset, on JSON
 * it cannot follow; the caller turns that into a user message. A HAR gameaudit wrote, one entry a
 * line (har-lines.ts), is read line by line, which needs no walk over every byte.
 */
export function readHarEntries(file: string, onEntry: (entry: unknown, index: number) => void, chunkBytes = 8 * 1024 * 1024): { skeleton: unknown; entryCount: number } {
  const layout = harLineLayout(file);
  if (!layout) return walkHarEntries(file, onEntry, chunkBytes);
  const { handedOn, whole } = readHarLines(file, layout, onEntry, chunkBytes);
  if (whole) return { skeleton: layout.skeleton, entryCount: handedOn };
  // A line that is not one entry: the file is walked from the start, and what was handed on is not handed on again.
  return walkHarEntries(
    file,
    (entry, index) => {
      if (index >= handedOn) onEntry(entry, index);
    },
    chunkBytes,
  );
}

function walkHarEntries(file: string, onEntry: (entry: unknown, index: number) => void, chunkBytes: number): { skeleton: unknown; entryCount: number } {
  const descriptor = openSync(file, 'r');
  try {
    const skeletonParts: Buffer[] = [];
    let carry: Buffer = Buffer.alloc(0);
    /** Bytes of the file before `window` starts, for error offsets. */
    let windowOffset = 0;
    let depth = 0;
    let inEntries = false;
    let entryStart = -1;
    let entryCount = 0;
    /** The last key read directly inside `log` (depth 2), to spot "entries". */
    let lastLogKey = '';
    let sawLog = false;
    let lastTopKey = '';
    let ended = false;
    while (!ended) {
      const chunk = Buffer.allocUnsafe(chunkBytes);
      const read = readSync(descriptor, chunk, 0, chunkBytes, null);
      ended = read === 0;
      const window = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, read)]) : chunk.subarray(0, read);
      let position = 0;
      /** Where the next window must start again: an unfinished entry or string is read again whole. */
      let resumeAt = window.length;
      let skeletonFrom = 0;
      let depthAtResume = depth;
      while (position < window.length) {
        const byte = window[position]!;
        if (byte === 0x22) {
          // A string: walked byte by byte to its closing quote, a backslash skipping the byte after
          // it. A body's JSON is full of escaped quotes; an indexOf call per quote cost more.
          let close = position + 1;
          const length = window.length;
          while (close < length) {
            const inner = window[close]!;
            if (inner === 0x22) break;
            close += inner === 0x5c ? 2 : 1;
          }
          if (close >= length) close = -1;
          if (close < 0) {
            resumeAt = entryStart >= 0 ? entryStart : position;
            depthAtResume = entryStart >= 0 ? 3 : depth;
            break;
          }
          if (depth <= 2 && close - position < 64) {
            const key = window.toString('utf8', position + 1, close);
            if (depth === 1) lastTopKey = key;
            else lastLogKey = key;
          }
          position = close + 1;
          continue;
        }
        if (byte === 0x7b || byte === 0x5b) {
          if (depth === 1 && byte === 0x7b && lastTopKey === 'log') sawLog = true;
          if (depth === 2 && byte === 0x5b && sawLog && lastLogKey === 'entries') {
            inEntries = true;
            skeletonParts.push(window.subarray(skeletonFrom, position + 1));
          }
          if (inEntries && depth === 3 && byte === 0x7b) entryStart = position;
          depth++;
        } else if (byte === 0x7d || byte === 0x5d) {
          depth--;
          if (inEntries && depth === 3 && byte === 0x7d && entryStart >= 0) {
            onEntry(JSON.parse(window.toString('utf8', entryStart, position + 1)), entryCount++);
            entryStart = -1;
          } else if (inEntries && depth === 2 && byte === 0x5d) {
            inEntries = false;
            skeletonFrom = position;
          }
          if (depth < 0) throw new SyntaxError(`Unexpected "${String.fromCharCode(byte)}" at byte ${windowOffset + position}`);
        }
        position++;
      }
      if (!inEntries) skeletonParts.push(window.subarray(skeletonFrom, resumeAt));
      if (resumeAt < window.length) {
        // Copy: the chunk buffer is not reused, but a subarray would keep the whole window alive.
        carry = Buffer.from(window.subarray(resumeAt));
        depth = depthAtResume;
        if (resumeAt === entryStart) entryStart = 0;
        windowOffset += resumeAt;
        if (ended) throw new SyntaxError(`The file ends inside ${entryStart >= 0 ? `entry ${entryCount}` : 'a string'} (byte ${windowOffset + carry.length})`);
      } else {
        carry = entryStart >= 0 ? Buffer.from(window.subarray(entryStart)) : Buffer.alloc(0);
        if (entryStart >= 0) {
          windowOffset += entryStart;
          depth = 3;
          entryStart = 0;
          if (ended) throw new SyntaxError(`The file ends inside entry ${entryCount} (byte ${windowOffset + carry.length})`);
        } else windowOffset += window.length;
      }
    }
    // Cut short between two entries (a capture that stopped writing): every entry read was whole.
    if (inEntries) throw new SyntaxError(`The file ends after ${entryCount} whole entries, before the list of entries is closed (byte ${windowOffset})`);
    return { skeleton: JSON.parse(Buffer.concat(skeletonParts).toString('utf8')), entryCount };
  } finally {
    closeSync(descriptor);
  }
}
