// network.har in line form (one entry a line, as the bundle writer writes it) is read line by
// line (evidence/har-lines.ts); everything else, and any line that is not one whole entry, is
// walked as before. Either way a reader gets exactly what JSON.parse of the whole file gives.
// Entries: test/fixtures/real-traffic/wire-formats.har (derived from the real samples in
// shared/reference/real-traffic/samples.jsonl; its README names the record of each).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forEachHarEntry } from '../../src/evidence/bundle-reader.ts';
import { BundleWriter } from '../../src/evidence/bundle-writer.ts';
import { harLineLayout } from '../../src/evidence/har-lines.ts';
import { readHarEntries, type Har } from '../../src/evidence/har.ts';

const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-har-lines-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

const realHar = JSON.parse(readFileSync(new URL('../fixtures/real-traffic/wire-formats.har', import.meta.url), 'utf8')) as Har;

function written(name: string, har: Har): string {
  const directory = path.join(workspace, name);
  new BundleWriter(directory).writeHar(har);
  return path.join(directory, 'network.har');
}

function read(file: string, chunkBytes?: number): { urls: string[]; skeleton: unknown; entryCount: number } {
  const urls: string[] = [];
  const { skeleton, entryCount } = readHarEntries(file, (entry, index) => {
    expect(index).toBe(urls.length);
    urls.push((entry as { request: { url: string } }).request.url);
  }, chunkBytes);
  return { urls, skeleton, entryCount };
}

describe('network.har in line form', () => {
  it('is written one entry a line and is still the same JSON', () => {
    const file = written('real', realHar);
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    expect(lines).toHaveLength(16 + 2);
    expect(lines[0]).toMatch(/^\{"log":\{"version":"1\.2",.*"entries":\[$/);
    expect(lines[1]!.startsWith('{"comment":"rt-081: MoPub ad request body as logged')).toBe(true);
    expect(lines[17]).toBe(']}}');
    expect(JSON.parse(text)).toEqual(realHar);
  });

  it('is read line by line into exactly what JSON.parse gives, in any chunk size', () => {
    const file = written('chunks', realHar);
    const layout = harLineLayout(file);
    expect(layout?.skeleton).toEqual({ ...realHar, log: { ...realHar.log, entries: [] } });
    for (const chunkBytes of [64, 1000, 1 << 20]) {
      const { urls, skeleton, entryCount } = read(file, chunkBytes);
      expect(entryCount).toBe(16);
      expect(urls.slice(0, 3)).toEqual(['https://ads.mopub.com/m/ad', realHar.log.entries[1]!.request.url, realHar.log.entries[2]!.request.url]);
      expect(urls).toEqual(realHar.log.entries.map((entry) => entry.request.url));
      expect(skeleton).toEqual(layout!.skeleton);
    }
  });

  it('is not what another layout is: one line, pretty-printed, or entries of another array', () => {
    const oneLine = path.join(workspace, 'one-line.har');
    writeFileSync(oneLine, JSON.stringify(realHar));
    const pretty = path.join(workspace, 'pretty.har');
    writeFileSync(pretty, JSON.stringify(realHar, null, 2));
    const decoy = path.join(workspace, 'decoy.har');
    // The first line ends "entries":[ but opens another array; the log's own entries come later.
    writeFileSync(decoy, '{"other":{"entries":[\n{"request":{"url":"https://decoy.example/"}}\n]},"log":{"version":"1.2","creator":{"name":"x","version":"1"},"entries":[{"request":{"url":"https://real.example/"}}]}}');
    expect(harLineLayout(oneLine)).toBeUndefined();
    expect(harLineLayout(pretty)).toBeUndefined();
    expect(harLineLayout(decoy)).toBeUndefined();
    expect(read(decoy).urls).toEqual(['https://real.example/']);
    expect(read(pretty).urls).toEqual(realHar.log.entries.map((entry) => entry.request.url));
  });

  it('is walked from the start, handing nothing on twice, when a line holds two entries', () => {
    const file = written('two-on-a-line', realHar);
    const lines = readFileSync(file, 'utf8').split('\n');
    // Entries 3 and 4 (0-based) joined on one line: still valid JSON, no longer one entry a line.
    lines.splice(4, 2, `${lines[4]}${lines[5]}`);
    writeFileSync(file, lines.join('\n'));
    const { urls, entryCount } = read(file);
    expect(entryCount).toBe(16);
    expect(urls).toEqual(realHar.log.entries.map((entry) => entry.request.url));
  });

  it('names the entry and field of a bad entry, as the walk does', () => {
    const bad = structuredClone(realHar);
    (bad.log.entries[5]!.request as { url: unknown }).url = 42;
    const file = written('bad-entry', bad);
    const seen: string[] = [];
    expect(() => forEachHarEntry(path.dirname(file), (entry) => seen.push(entry.request.url))).toThrow(`${file}: log.entries[5].request.url: expected string, got number`);
    expect(seen).toHaveLength(5);
  });

  it('says a file cut short after a whole line is damaged or truncated', () => {
    const file = written('cut', realHar);
    const lines = readFileSync(file, 'utf8').split('\n');
    writeFileSync(file, lines.slice(0, 9).join('\n'));
    let handedOn = 0;
    // 8,304 bytes: the header line and eight entry lines.
    expect(() => forEachHarEntry(path.dirname(file), () => handedOn++)).toThrow(`${file}: not valid JSON (The file ends after 8 whole entries, before the list of entries is closed (byte 8304)); the file is damaged or truncated`);
    // The eight whole entries were handed on before the end was found missing.
    expect(handedOn).toBe(8);
  });

  it('says the same of another layout cut short between two entries', () => {
    const file = written('cut-walked', realHar);
    // Another tool's layout (entries after an indented header), cut right after the third entry and its comma.
    const entries = realHar.log.entries.slice(0, 3).map((entry) => JSON.stringify(entry));
    writeFileSync(file, `{"log": {"version": "1.2", "creator": {"name": "x", "version": "1"},\n  "entries": [\n    ${entries.join(',\n    ')},\n`);
    expect(harLineLayout(file)).toBeUndefined();
    let handedOn = 0;
    expect(() => forEachHarEntry(path.dirname(file), () => handedOn++)).toThrow(/not valid JSON \(The file ends after 3 whole entries, before the list of entries is closed \(byte \d+\)\); the file is damaged or truncated$/);
    expect(handedOn).toBe(3);
  });
});
