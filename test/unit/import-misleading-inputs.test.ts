// Issue 22, "Inputs that mislead" and "File-system errors are user errors", for gameaudit import:
// each case failed before (a stack trace, an internal error, or two spellings of one host).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyseNetwork } from '../../src/analysis/analyse-network.ts';
import { hostOf, isFirstParty, registrableDomain } from '../../src/analysis/registrable-domain.ts';
import { readBundle } from '../../src/evidence/bundle-reader.ts';
import type { Har, HarEntry } from '../../src/evidence/har.ts';
import { importHar } from '../../src/evidence/import-har.ts';
import { scoreBundle } from '../../src/scoring/score-bundle.ts';
import { runCli } from '../helpers/run-cli.ts';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-import-misleading-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const httpToolkitHar = path.resolve(import.meta.dirname, '../fixtures/har/http-toolkit.har');

function expectOneLineRefusal(result: ReturnType<typeof runCli>, start: string): void {
  expect(result.exitCode).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]!.startsWith(start)).toBe(true);
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
}

describe('gameaudit import refuses file-system mistakes with one line', () => {
  it('a HAR nested 100,000 levels deep is refused and leaves no half-made bundle', () => {
    const file = path.join(scratch, 'deep.har');
    const depth = 100_000;
    writeFileSync(file, `{"log":{"version":"1.2","creator":{"name":"x","version":"1"},"entries":[{"request":{"method":"GET","url":"https://a.example/"},"_deep":${'['.repeat(depth)}${']'.repeat(depth)}}]}}`);
    const out = path.join(scratch, 'deep-out');
    const result = runCli(['import', file, '--game', 'deep', '--platform', 'android', '--out', out]);
    expectOneLineRefusal(result, `gameaudit: ${file}: nested more than 512 levels deep`);
    expect(existsSync(out)).toBe(false);
  });

  it('a folder given as the file is refused, by import and by its alias import-har', () => {
    const folder = path.join(scratch, 'a-folder.har');
    mkdirSync(folder);
    for (const command of ['import', 'import-har']) {
      const out = path.join(scratch, `folder-out-${command}`);
      const result = runCli([command, folder, '--game', 'folder', '--platform', 'android', '--out', out]);
      expectOneLineRefusal(result, `gameaudit: ${folder}: this is a folder (or a device), not a file`);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('--out naming a file is refused and the file is untouched', () => {
    const outFile = path.join(scratch, 'out-is-a-file');
    writeFileSync(outFile, 'keep me');
    const result = runCli(['import', httpToolkitHar, '--game', 'x', '--platform', 'android', '--out', outFile]);
    expectOneLineRefusal(result, `gameaudit: --out: ${outFile} is a file, not a folder`);
    expect(readFileSync(outFile, 'utf8')).toBe('keep me');
  });

  it('a --first-choice-at without a time zone is refused: the phone and the laptop may not agree on "12:00"', () => {
    const result = runCli(['import', httpToolkitHar, '--game', 'x', '--platform', 'android', '--first-choice-at', '2024-06-01T12:00:00', '--out', path.join(scratch, 'tz-out')]);
    expectOneLineRefusal(result, 'gameaudit: --first-choice-at: "2024-06-01T12:00:00" is not a time with its time zone');
  });
});

describe('data: URLs in an imported HAR are not requests to a third party', () => {
  it('the inline image in firefox-devtools.har (see test/fixtures/import/README.md) is set aside, and no recipient has an empty host', async () => {
    const outDir = path.join(scratch, 'data-url');
    await importHar({ harFile: path.resolve(import.meta.dirname, '../fixtures/import/firefox-devtools.har'), gameId: 'block-puzzle', platform: 'android', firstPartyDomains: ['blockpuzzle.example'], outDir, phase: 'launch' });
    expect(readBundle(outDir).har.log.entries.map((entry) => entry._importedIndex)).toEqual([1]);
    const result = await scoreBundle(outDir, { cwd: scratch });
    expect(result.network.entries.map((entry) => entry.host)).toEqual(['googleads.g.doubleclick.net']);
    expect(result.network.organisations.map((organisation) => organisation.organization)).toEqual(['Google']);
  });
});

describe('hosts are normalised where they are parsed', () => {
  it('case and a trailing dot are ignored, and an internationalised name is its punycode', () => {
    expect(hostOf('https://Ads.Example.COM./track')).toBe('ads.example.com');
    expect(hostOf('https://bücher.example/x')).toBe('xn--bcher-kva.example');
    expect(hostOf('https://xn--bcher-kva.example/x')).toBe('xn--bcher-kva.example');
    expect(registrableDomain('Shop.Bücher.Co.UK.')).toBe('xn--bcher-kva.co.uk');
    expect(isFirstParty('api.xn--bcher-kva.example', ['bücher.example'])).toBe(true);
  });

  it('one server spelt four ways is one recipient in the analysis', () => {
    const entry = (url: string): HarEntry => ({
      startedDateTime: '2024-06-01T12:00:00.000Z',
      time: 1,
      request: { method: 'GET', url, httpVersion: 'HTTP/1.1', headers: [], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
      response: { status: 204, statusText: '', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: '' }, redirectURL: '', headersSize: -1, bodySize: 0 },
      cache: {},
      timings: { send: 0, wait: 0, receive: 0 },
      _phase: 'launch',
    });
    const har: Har = { log: { version: '1.2', creator: { name: 'test', version: '1' }, entries: ['https://bücher.example/a', 'https://xn--bcher-kva.example/b', 'https://BÜCHER.example./c', 'https://XN--BCHER-KVA.EXAMPLE/d'].map(entry) } };
    const analysis = analyseNetwork(har, { identifiers: {}, firstPartyDomains: [] }, { fallback: null });
    expect(new Set(analysis.entries.map((analysed) => analysed.host))).toEqual(new Set(['xn--bcher-kva.example']));
    expect(analysis.organisations.map((organisation) => organisation.hosts)).toEqual([['xn--bcher-kva.example']]);
  });
});
