// readHarEntries reads a HAR entry by entry; it must give exactly what JSON.parse of the whole
// file gives, whatever the chunk boundaries cut (a string, an escape, an entry, the entries array).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHarEntries } from '../../src/evidence/har.ts';

const fixtures = ['charles.har', 'http-toolkit.har', 'chrome-devtools.har', 'mitmproxy.har', 'real-sdk-readability.har'].map((name) => new URL(`../fixtures/har/${name}`, import.meta.url).pathname);
fixtures.push(new URL('../fixtures/real-traffic/wire-formats.har', import.meta.url).pathname);

function streamed(file: string, chunkBytes: number): { entries: unknown[]; skeleton: unknown; entryCount: number } {
  const entries: unknown[] = [];
  const { skeleton, entryCount } = readHarEntries(file, (entry, index) => {
    expect(index).toBe(entries.length);
    entries.push(entry);
  }, chunkBytes);
  return { entries, skeleton, entryCount };
}

describe('reading a HAR as a stream', () => {
  it.each(fixtures.flatMap((file) => [7, 61, 4096].map((chunk) => [path.basename(file), chunk, file] as const)))('%s in %i-byte chunks gives the same entries and the rest of the log', (_name, chunkBytes, file) => {
    const whole = JSON.parse(readFileSync(file, 'utf8')) as { log: { entries: unknown[] } };
    const { entries, skeleton, entryCount } = streamed(file, chunkBytes);
    expect(entries).toEqual(whole.log.entries);
    expect(entryCount).toBe(whole.log.entries.length);
    expect(skeleton).toEqual({ ...whole, log: { ...whole.log, entries: [] } });
  });

  it('follows escaped quotes and backslashes inside bodies and keys named like "entries" elsewhere', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'har-stream-'));
    const file = path.join(directory, 'tricky.har');
    const entries = [
      { request: { url: 'https://a.example/"entries":[', postData: { text: 'a \\" b \\\\" c {"entries": [1, 2]} ] }' } }, comment: '\\' },
      { request: { url: 'https://b.example/' }, nested: { entries: [{ x: '}' }] } },
    ];
    writeFileSync(file, JSON.stringify({ log: { version: '1.2', creator: { name: 'x', version: '1' }, pages: [{ entries: 'no' }], entries, comment: 'after' } }, null, 1));
    for (const chunkBytes of [1, 2, 3, 5, 16, 1 << 16]) {
      const result = streamed(file, chunkBytes);
      expect(result.entries).toEqual(entries);
      expect(result.skeleton).toEqual({ log: { version: '1.2', creator: { name: 'x', version: '1' }, pages: [{ entries: 'no' }], entries: [], comment: 'after' } });
    }
  });

  it('throws a SyntaxError naming the entry when the file ends inside one', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'har-stream-'));
    const file = path.join(directory, 'cut.har');
    const text = readFileSync(fixtures[0]!, 'utf8');
    writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));
    expect(() => streamed(file, 64)).toThrow(SyntaxError);
    expect(() => streamed(file, 64)).toThrow(/The file ends inside (entry \d+|a string)/);
  });
});
