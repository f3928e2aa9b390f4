// The proxy's on-disk spool: one HAR entry per line, appended the moment a request completes.
// Appending (never rewriting) keeps the proxy's memory flat however long the capture runs, and
// a crash loses at most the line being written.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { HarEntrySchema, type HarEntry } from '../../evidence/har.ts';

export function appendSpoolEntry(spoolFile: string, entry: HarEntry): void {
  appendFileSync(spoolFile, `${JSON.stringify(entry)}\n`);
}

export interface SpoolContents {
  entries: HarEntry[];
  /** Lines that could not be read: a cut-off last line after a crash, or damage. */
  unreadableLines: number;
}

/**
 * Reads the spool back in the order the requests started (they are written as they finish).
 * A line that does not parse is skipped and counted, never fatal: the entries around it are evidence.
 */
export function readSpool(spoolFile: string): SpoolContents {
  if (!existsSync(spoolFile)) return { entries: [], unreadableLines: 0 };
  const withOrder: Array<{ entry: HarEntry; started: number; line: number }> = [];
  let unreadableLines = 0;
  const lines = readFileSync(spoolFile, 'utf8').split('\n');
  lines.forEach((line, lineIndex) => {
    if (!line.trim()) return;
    try {
      const entry = HarEntrySchema.parse(JSON.parse(line));
      const started = Date.parse(entry.startedDateTime);
      withOrder.push({ entry, started: Number.isNaN(started) ? Number.MAX_SAFE_INTEGER : started, line: lineIndex });
    } catch {
      unreadableLines += 1;
    }
  });
  withOrder.sort((a, b) => a.started - b.started || a.line - b.line);
  return { entries: withOrder.map((item) => item.entry), unreadableLines };
}
