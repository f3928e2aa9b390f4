// Traffic after a tool tap that changed consent is marked in the HAR and carried by the analysis
// (issue 15), so no check can take it for the game's default.
import { expect, it } from 'vitest';
import { analyseNetwork } from '../../src/analysis/analyse-network.ts';
import { markAfterToolConsent } from '../../src/capture/after-tool-consent.ts';
import type { Har, HarEntry } from '../../src/evidence/har.ts';

function entry(url: string, startedDateTime: string): HarEntry {
  return {
    startedDateTime,
    time: 10,
    request: { method: 'GET', url, httpVersion: 'HTTP/1.1', headers: [], queryString: [], cookies: [], headersSize: -1, bodySize: -1 },
    response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: '' }, redirectURL: '', headersSize: -1, bodySize: -1 },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
    _phase: 'play',
  };
}

it('marks the entries that started at or after the tap, and the analysis carries the mark', () => {
  const entries = [entry('https://a.example/before', '2026-12-02T09:00:00.000Z'), entry('https://a.example/at', '2026-12-02T09:00:05.000Z'), entry('https://a.example/after', '2026-12-02T09:00:06.000Z')];
  const marked = [...markAfterToolConsent(entries, Date.parse('2026-12-02T09:00:05.000Z'))];
  expect(marked.map((item) => item._afterToolConsent)).toEqual([undefined, true, true]);
  expect([...markAfterToolConsent(entries, undefined)].map((item) => item._afterToolConsent)).toEqual([undefined, undefined, undefined]);
  const har: Har = { log: { version: '1.2', creator: { name: 'test', version: '1' }, entries: marked } };
  const analysis = analyseNetwork(har, { firstPartyDomains: ['example.org'], identifiers: {} }, { fallback: null });
  expect(analysis.entries.map((item) => item.afterToolConsent)).toEqual([false, true, true]);
});
