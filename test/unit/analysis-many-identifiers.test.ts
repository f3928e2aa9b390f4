// Issue 22: an identifiers file of 30,000 custom values (650 KB, inside the 1 MB limit) made
// scoring quadratic in memory and time (a dense 129-column automaton row for every state), and
// `score` did not finish in 170 s. It now builds in linear time and memory; this test ran out of
// its time limit before the change and finishes in a few seconds after it.
import { describe, expect, it } from 'vitest';
import { analyseNetwork } from '../../src/analysis/analyse-network.ts';
import type { Har, HarEntry } from '../../src/evidence/har.ts';

const valueCount = 30_000;
/** Values shaped like the probe's (reliability-2026-12.md, 1-id09-many-custom): about 22 bytes each. */
const customValue = (index: number): string => `persona-${index.toString(36)}-${(index * 7919).toString(16)}q`;

function entry(url: string): HarEntry {
  return {
    startedDateTime: '2026-03-02T10:00:01.000Z',
    time: 1,
    request: { method: 'GET', url, httpVersion: 'HTTP/1.1', headers: [{ name: 'User-Agent', value: 'Mozilla/5.0 (Linux; Android 14)' }], queryString: [], cookies: [], headersSize: -1, bodySize: -1 },
    response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: '' }, redirectURL: '', headersSize: -1, bodySize: -1 },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
  };
}

describe('identifier search with a 650 KB identifiers file', () => {
  it('finds values among 30,000 custom identifiers in 2,000 requests', { timeout: 60_000 }, () => {
    const identifiers: Record<string, string> = {};
    for (let index = 0; index < valueCount; index++) identifiers[`custom:v${index}`] = customValue(index);
    expect(JSON.stringify(identifiers).length).toBeGreaterThan(600_000);
    const entries = Array.from({ length: 2000 }, (_, index) => entry(`https://collector.tracker.example/c?n=${index}&pad=${'ab'.repeat(40)}`));
    entries[17] = entry(`https://collector.tracker.example/c?uid=${customValue(29_999)}`);
    entries[1203] = entry(`https://collector.tracker.example/c?h=${Buffer.from(customValue(4)).toString('base64')}`);
    const har: Har = { log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } };
    const analysis = analyseNetwork(har, { firstPartyDomains: ['game.example'], identifiers }, { fallback: null });
    expect(analysis.entries[17]!.identifiers).toEqual([{ kind: 'custom:v29999', encoding: 'plain', where: 'query', field: 'uid' }]);
    expect(analysis.entries[1203]!.identifiers).toEqual([
      { kind: 'custom:v4', encoding: 'base64', where: 'query', field: 'h' },
      // The run decoded, the value is there as is too.
      { kind: 'custom:v4', encoding: 'plain', where: 'query', inside: { layers: ['base64'], field: 'h' } },
    ]);
    expect(analysis.entries.filter((analysed) => analysed.identifiers.length > 0).map((analysed) => analysed.index)).toEqual([17, 1203]);
  });
});
