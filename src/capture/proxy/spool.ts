// The proxy's on-disk spool: one HAR entry per line, appended the moment a request completes.
// Appending (never rewriting) keeps the proxy's memory flat however long the capture runs, and
// a crash loses at most the line being written. Reading it back is streamed too: the capture
// process keeps only a small index (start time and byte range) per entry, never the whole
// capture, so writing network.har from a 10,000-request spool does not need gigabytes.
import { appendFileSync, closeSync, existsSync, openSync, readSync } from 'node:fs';
import { HarEntrySchema, type HarEntry } from '../../evidence/har.ts';

export function appendSpoolEntry(spoolFile: string, entry: HarEntry): void {
  appendFileSync(spoolFile, `${JSON.stringify(entry)}\n`);
}

export interface SpoolContents {
  entries: HarEntry[];
  /** Lines that could not be read: a cut-off last line after a crash, or damage. */
  unreadableLines: number;
}

/** Where one readable line sits in the spool, and what sorting and filtering need of it. */
interface SpoolLine {
  started: number;
  line: number;
  offset: number;
  length: number;
  source: string | undefined;
}

export interface SpoolIndex {
  readonly spoolFile: string;
  /** Readable lines in the order the requests started (they are written as they finish). */
  readonly lines: readonly SpoolLine[];
  readonly unreadableLines: number;
}

const chunkBytes = 1024 * 1024;
const newline = 0x0a;

function parseLine(bytes: Buffer): HarEntry | undefined {
  try {
    return HarEntrySchema.parse(JSON.parse(bytes.toString('utf8')));
  } catch {
    return undefined;
  }
}

/**
 * One pass over the spool as it is now (the proxy may still be appending): every line is parsed
 * once to validate it and learn its start time, then dropped. A line that does not parse is
 * skipped and counted, never fatal: the entries around it are evidence.
 */
export function indexSpool(spoolFile: string): SpoolIndex {
  if (!existsSync(spoolFile)) return { spoolFile, lines: [], unreadableLines: 0 };
  const lines: SpoolLine[] = [];
  let unreadableLines = 0;
  let lineNumber = 0;
  const take = (bytes: Buffer, offset: number): void => {
    const line = lineNumber++;
    if (bytes.toString('utf8').trim() === '') return;
    const entry = parseLine(bytes);
    if (!entry) {
      unreadableLines += 1;
      return;
    }
    const started = Date.parse(entry.startedDateTime);
    lines.push({ started: Number.isNaN(started) ? Number.MAX_SAFE_INTEGER : started, line, offset, length: bytes.length, source: entry._source });
  };

  const descriptor = openSync(spoolFile, 'r');
  try {
    const chunk = Buffer.allocUnsafe(chunkBytes);
    // Bytes of a line that started in an earlier chunk.
    let pending: Buffer[] = [];
    let pendingStart = 0;
    let position = 0;
    for (;;) {
      const read = readSync(descriptor, chunk, 0, chunkBytes, position);
      if (read === 0) break;
      let lineStart = 0;
      for (let index = chunk.indexOf(newline, 0); index !== -1 && index < read; index = chunk.indexOf(newline, index + 1)) {
        const piece = chunk.subarray(lineStart, index);
        if (pending.length > 0) {
          take(Buffer.concat([...pending, piece]), pendingStart);
          pending = [];
        } else {
          take(piece, position + lineStart);
        }
        lineStart = index + 1;
      }
      if (lineStart < read) {
        if (pending.length === 0) pendingStart = position + lineStart;
        pending.push(Buffer.from(chunk.subarray(lineStart, read)));
      }
      position += read;
    }
    // A last line without its newline: cut off by a crash, or still being written.
    if (pending.length > 0) take(Buffer.concat(pending), pendingStart);
  } finally {
    closeSync(descriptor);
  }
  lines.sort((a, b) => a.started - b.started || a.line - b.line);
  return { spoolFile, lines, unreadableLines };
}

/** The indexed entries one at a time, in start order, read back from their byte ranges. */
export function* spoolEntries(index: SpoolIndex, keep: (source: string | undefined) => boolean = () => true): Generator<HarEntry> {
  if (index.lines.length === 0) return;
  const descriptor = openSync(index.spoolFile, 'r');
  try {
    for (const line of index.lines) {
      if (!keep(line.source)) continue;
      const bytes = Buffer.allocUnsafe(line.length);
      readSync(descriptor, bytes, 0, line.length, line.offset);
      const entry = parseLine(bytes);
      // It parsed when indexed and the spool is append-only, so this holds; guard anyway.
      if (entry) yield entry;
    }
  } finally {
    closeSync(descriptor);
  }
}

/** The whole spool in memory, in the order the requests started (for small captures and tests). */
export function readSpool(spoolFile: string): SpoolContents {
  const index = indexSpool(spoolFile);
  return { entries: [...spoolEntries(index)], unreadableLines: index.unreadableLines };
}
