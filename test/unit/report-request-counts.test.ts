// Counts count what they say (issue 21, item 10): a CORS preflight carries no data and a refused
// handshake carries no request, so neither is counted among the requests a company received.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import check from '../../checks/default-settings.tracking-before-choice.ts';
import { analyseNetwork } from '../../src/analysis/analyse-network.ts';
import type { Har } from '../../src/evidence/har.ts';
import { networkCountSentence } from '../../src/report/game-view.ts';
import type { NetworkEntrySummary } from '../../src/scoring/result-schema.ts';
import { input, makeEvidence } from './fixtures/evidence-factory.ts';

// The demo's leaky web game at launch, as the child-8 persona captured it (entry 5 is its real preflight).
const leakyLaunch = JSON.parse(readFileSync(new URL('../fixtures/har/demo-leaky-launch.har', import.meta.url), 'utf8')) as Har;
// The demo's simulated Android game: four requests and the refused CONNECT to the game's own server.
const androidNetwork = JSON.parse(readFileSync(new URL('../fixtures/results/demo-android-network-entries.json', import.meta.url), 'utf8')) as { entries: NetworkEntrySummary[]; organisations: number };

const analysis = analyseNetwork(leakyLaunch, { firstPartyDomains: ['demo-games.test'], identifiers: {} }, { trackHar: false });

describe('a CORS preflight is not a request', () => {
  it('marks the OPTIONS with Access-Control-Request-Method, and only it, as a preflight', () => {
    expect(analysis.entries.filter((entry) => entry.corsPreflight).map((entry) => [entry.index, entry.method, entry.url])).toEqual([[5, 'OPTIONS', 'https://api2.amplitude.com/2/httpapi']]);
  });

  it('leaves the preflight out of Amplitude’s requests and counts it apart', () => {
    const amplitude = analysis.organisations.find((organisation) => organisation.organization === 'Amplitude')!;
    expect([amplitude.requests, amplitude.defaultPhaseRequests, amplitude.preflights]).toEqual([1, 1, 1]);
  });

  it('says how many requests the tracking companies received, not counting the preflight, and labels it', () => {
    const result = check.evaluate(input(makeEvidence({ firstPartyDomains: ['demo-games.test'] }), analysis));
    expect(result.outcome).toBe('fail');
    expect(result.summary).toBe('4 tracking companies received 6 requests before any privacy choice (not counting 1 CORS preflight, which carried no data).');
    expect(result.findings[0]!.message).toBe('1 request and 1 preflight (no data) went to Amplitude (analytics) at launch, before any privacy choice: api2.amplitude.com.');
  });
});

describe('the report’s count of recorded requests', () => {
  it('counts the refused connection apart, as an attempt whose contents were not seen', () => {
    expect(networkCountSentence(androidNetwork.entries, androidNetwork.organisations)).toBe(
      '4 requests were recorded, all of them to other companies’ servers (3 named companies), and 1 connection attempt whose contents were not seen.',
    );
  });

  it('counts the leaky game’s launch requests without its preflight', () => {
    const entries = analysis.entries.map((entry) => ({ index: entry.index, method: entry.method, url: entry.url, host: entry.host, phase: entry.phase, status: entry.status, party: entry.party, identifiers: [], ...(entry.corsPreflight ? { corsPreflight: true } : {}) }));
    expect(networkCountSentence(entries, 0)).toBe('11 requests were recorded, 6 of them to other companies’ servers, and 1 CORS preflight, which carried no data.');
  });
});
