// forEachHarEntry: a bundle's network.har read entry by entry for scoring, with the same plain
// one-line errors (file, entry, field, fix) as reading it whole. Entries are built like those
// of test/fixtures/har (our proxy's HAR 1.2 layout).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forEachHarEntry } from '../../src/evidence/bundle-reader.ts';

const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-har-stream-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

const entry = (url: string) => ({
  startedDateTime: '2026-03-02T10:00:01.000Z',
  time: 42,
  request: { method: 'GET', url, httpVersion: 'HTTP/1.1', headers: [], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
  response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: 'text/plain' }, redirectURL: '', headersSize: -1, bodySize: 0 },
  cache: {},
  timings: { send: 1, wait: 40, receive: 1 },
});

/** A bundle folder holding only network.har: all the reader needs. */
function bundleWith(name: string, harText: string): string {
  const directory = path.join(workspace, name);
  mkdirSync(directory, { recursive: true });
  writeFileSync(path.join(directory, 'network.har'), harText);
  return directory;
}

const urls = (directory: string): string[] => {
  const seen: string[] = [];
  forEachHarEntry(directory, (read) => seen.push(read.request.url));
  return seen;
};

describe('forEachHarEntry', () => {
  it('hands on every entry in order, with the schema defaults filled in', () => {
    const directory = bundleWith('good', JSON.stringify({ log: { version: '1.2', creator: { name: 'gameaudit', version: '0.1.0' }, entries: [entry('https://a.example/1'), entry('https://b.example/2')] } }));
    expect(urls(directory)).toEqual(['https://a.example/1', 'https://b.example/2']);
  });

  it('names the entry and the field of a bad entry', () => {
    const bad = { ...entry('https://b.example/2'), request: { ...entry('https://b.example/2').request, url: 42 } };
    const directory = bundleWith('bad-entry', JSON.stringify({ log: { version: '1.2', creator: { name: 'gameaudit', version: '0.1.0' }, entries: [entry('https://a.example/1'), bad] } }));
    expect(() => urls(directory)).toThrow(`${path.join(directory, 'network.har')}: log.entries[1].request.url: expected string, got number`);
  });

  it('names a missing log.version, outside the entries', () => {
    const directory = bundleWith('no-version', JSON.stringify({ log: { creator: { name: 'gameaudit', version: '0.1.0' }, entries: [entry('https://a.example/1')] } }));
    expect(() => urls(directory)).toThrow(`${path.join(directory, 'network.har')}: log.version: required field is missing; add it (string)`);
  });

  it('says a file cut short is damaged or truncated', () => {
    const whole = JSON.stringify({ log: { version: '1.2', creator: { name: 'gameaudit', version: '0.1.0' }, entries: [entry('https://a.example/1'), entry('https://b.example/2')] } });
    const directory = bundleWith('cut', whole.slice(0, whole.length - 300));
    expect(() => urls(directory)).toThrow(/network\.har: not valid JSON \(The file ends inside entry 1 \(byte \d+\)\); the file is damaged or truncated$/);
  });

  it('says which file is missing', () => {
    expect(() => urls(path.join(workspace, 'nothing-here'))).toThrow('network.har: file not found; is this an evidence bundle (runs/<run>/<game>/<platform>)?');
  });
});
