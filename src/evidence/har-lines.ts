// network.har as gameaudit writes it (bundle-writer.ts writeHarEntries): the log's other fields on
// the first line, which ends `"entries":[`, then one entry a line, then a last line that starts
// with `]`. A raw newline can only be whitespace between JSON tokens (inside a string it is
// written \n), so a line that JSON.parse reads as an object is exactly one entry: finding a line
// is one native search for a newline, where har.ts readHarEntries otherwise walks every byte to
// find where an entry ends. A HAR in any other layout (another tool's, pretty-printed, or a bundle
// written before entries had lines of their own) is not in line form and is walked as before.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export interface HarLineLayout {
  /** The log without its entries (version, creator, …), as readHarEntries returns it for the schema check. */
  skeleton: unknown;
  /** Where the first entry line starts, and where the last line (`]…`) starts. */
  entriesFrom: number;
  entriesTo: number;
}

/** How far into either end of the file the first and last lines are looked for. */
const edgeBytes = 1024 * 1024;
const newline = 0x0a;
const entriesProbe = 'gameaudit: where the entries are';

/** JSON's four whitespace bytes: space, tab, line feed, carriage return. */
function isJsonWhitespace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09 || byte === newline || byte === 0x0d;
}

function readAt(descriptor: number, position: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  const read = readSync(descriptor, buffer, 0, length, position);
  return buffer.subarray(0, read);
}

/** The file's layout when it is in line form; undefined when it is not (or is not a HAR at all). */
export function harLineLayout(file: string): HarLineLayout | undefined {
  const descriptor = openSync(file, 'r');
  try {
    const size = fstatSync(descriptor).size;
    const head = readAt(descriptor, 0, Math.min(size, edgeBytes));
    const headerEnd = head.indexOf(newline);
    if (headerEnd < 0) return undefined;
    const header = head.toString('utf8', 0, headerEnd).trimEnd();
    if (!header.endsWith('"entries":[')) return undefined;
    const tailStart = Math.max(headerEnd + 1, size - edgeBytes);
    const tail = readAt(descriptor, tailStart, size - tailStart);
    // The last line that is not blank: a file may end with a newline.
    let end = tail.length;
    while (end > 0 && isJsonWhitespace(tail[end - 1])) end--;
    const lastLineStart = tail.lastIndexOf(newline, end - 1) + 1;
    if (lastLineStart === 0 && tailStart > headerEnd + 1) return undefined;
    const lastLine = tail.toString('utf8', lastLineStart, end);
    if (!lastLine.startsWith(']')) return undefined;
    // A value put between the two lines must land in log.entries: then the first line's "[" opens
    // the log's entries, not another array of that name, and what the lines hold is its entries.
    let skeleton: { log?: { entries?: unknown[] } };
    try {
      skeleton = JSON.parse(`${header}"${entriesProbe}"${lastLine}`) as typeof skeleton;
    } catch {
      return undefined;
    }
    const entries = skeleton?.log?.entries;
    if (!Array.isArray(entries) || entries.length !== 1 || entries[0] !== entriesProbe) return undefined;
    skeleton.log!.entries = [];
    return { skeleton, entriesFrom: headerEnd + 1, entriesTo: tailStart + lastLineStart };
  } finally {
    closeSync(descriptor);
  }
}

/** One line's entry, or undefined when the line is not exactly one JSON object. */
function entryOfLine(window: Buffer, start: number, stop: number): { value: unknown } | 'blank' | undefined {
  let end = stop;
  while (end > start && isJsonWhitespace(window[end - 1])) end--;
  if (end > start && window[end - 1] === 0x2c) end--;
  let begin = start;
  while (begin < end && isJsonWhitespace(window[begin])) begin++;
  if (begin === end) return 'blank';
  if (window[begin] !== 0x7b || window[end - 1] !== 0x7d) return undefined;
  try {
    return { value: JSON.parse(window.toString('utf8', begin, end)) };
  } catch {
    return undefined;
  }
}

/**
 * Hands `onEntry` each entry, one a line, in order. Stops at the first line that is not one whole
 * entry and says how many it had handed on, so the caller can read on in another way.
 */
export function readHarLines(file: string, layout: HarLineLayout, onEntry: (entry: unknown, index: number) => void, chunkBytes = 8 * 1024 * 1024): { handedOn: number; whole: boolean } {
  const descriptor = openSync(file, 'r');
  let handedOn = 0;
  try {
    let position = layout.entriesFrom;
    let window = Buffer.alloc(0);
    let windowAt = position;
    while (position < layout.entriesTo) {
      const lineStart = position - windowAt;
      const lineEnd = window.indexOf(newline, lineStart);
      if (lineEnd < 0) {
        // The line runs past what was read: read on from its start.
        const readTo = windowAt + window.length;
        const more = readAt(descriptor, readTo, Math.min(chunkBytes, layout.entriesTo - readTo));
        if (more.length === 0) return { handedOn, whole: false };
        window = Buffer.concat([window.subarray(lineStart), more]);
        windowAt = position;
        continue;
      }
      const line = entryOfLine(window, lineStart, lineEnd);
      if (line === undefined) return { handedOn, whole: false };
      if (line !== 'blank') onEntry(line.value, handedOn++);
      position = windowAt + lineEnd + 1;
    }
    return { handedOn, whole: true };
  } finally {
    closeSync(descriptor);
  }
}
