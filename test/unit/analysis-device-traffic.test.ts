import { describe, expect, it } from 'vitest';
import { analyseNetwork } from '../../src/analysis/analyse-network.ts';
import { defaultPhaseEntries } from '../../src/check-kit/network-helpers.ts';
import { markDeviceTraffic } from '../../src/analysis/device-traffic.ts';
import { HarSchema } from '../../src/evidence/har.ts';

// Hosts Google Play services contacts on an idle Android device (review C5 names both).
describe('markDeviceTraffic', () => {
  it("marks baseline hosts as device traffic, keeps the game's own hosts, and keeps a shared host when the request names the game", () => {
    const samples = [
      { host: 'firebaselogging-pa.googleapis.com', baseline: true, text: 'https://firebaselogging-pa.googleapis.com/v1/firelog/legacy/batchlog {"client_info":{"android_client_info":{"package_name":"com.google.android.gms"}}}' },
      { host: 'play.googleapis.com', baseline: true, text: 'https://play.googleapis.com/log/batch Android-Finsky/38.9.20' },
      { host: 'play.googleapis.com', baseline: false, text: 'https://play.googleapis.com/log/batch Android-Finsky/38.9.20' },
      { host: 'firebaselogging-pa.googleapis.com', baseline: false, text: 'https://firebaselogging-pa.googleapis.com/v1/firelog/legacy/batchlog {"package_name":"com.roblox.client"}' },
      { host: 'apis.roblox.com', baseline: false, text: 'https://apis.roblox.com/product-experimentation-platform/v1/projects/1' },
      { host: 'googleads.g.doubleclick.net', baseline: false, text: 'https://googleads.g.doubleclick.net/mads/gma?msid=com.roblox.client' },
    ];
    expect(markDeviceTraffic(samples, 'com.roblox.client')).toEqual([true, true, true, false, false, false]);
  });

  it('marks nothing when no baseline was recorded (a web capture, an imported HAR)', () => {
    expect(markDeviceTraffic([{ host: 'play.googleapis.com', baseline: false, text: 'https://play.googleapis.com/log/batch' }], undefined)).toEqual([false]);
  });
});

describe('device traffic through the network analysis', () => {
  const harEntry = (url: string, fields: Record<string, unknown>) => ({
    startedDateTime: '2026-03-02T10:00:01.000Z',
    time: 20,
    request: { method: 'POST', url, httpVersion: 'HTTP/1.1', headers: [{ name: 'User-Agent', value: 'Android-Finsky/38.9.20 (api=3,versionCode=83892010)' }], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
    response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: 'text/plain' }, redirectURL: '', headersSize: -1, bodySize: 0 },
    ...fields,
  });

  it('keeps device traffic in the analysis but out of the default-phase traffic checks charge to the game', () => {
    const har = HarSchema.parse({
      log: {
        version: '1.2',
        creator: { name: 'gameaudit', version: 'test' },
        entries: [harEntry('https://play.googleapis.com/log/batch', { _baseline: true }), harEntry('https://play.googleapis.com/log/batch', { _phase: 'launch' }), harEntry('https://apis.roblox.com/v1/config', { _phase: 'launch' })],
      },
    });
    const analysis = analyseNetwork(har, { firstPartyDomains: ['roblox.com'], identifiers: {}, appPackage: 'com.roblox.client' }, { fallback: null });
    expect(analysis.entries.map((entry) => entry.deviceTraffic ?? false)).toEqual([true, true, false]);
    expect(defaultPhaseEntries(analysis).map((entry) => entry.url)).toEqual(['https://apis.roblox.com/v1/config']);
  });

  it("takes the requests started inside the capture's baseline window as the baseline", () => {
    const har = HarSchema.parse({
      log: {
        version: '1.2',
        creator: { name: 'gameaudit', version: 'test' },
        entries: [
          harEntry('https://play.googleapis.com/log/batch', { _phase: 'launch', startedDateTime: '2026-03-02T09:59:55.000Z' }),
          harEntry('https://play.googleapis.com/log/batch', { _phase: 'launch', startedDateTime: '2026-03-02T10:00:05.000Z' }),
        ],
      },
    });
    const context = { firstPartyDomains: ['roblox.com'], identifiers: {}, appPackage: 'com.roblox.client', baselineWindow: { startedAt: '2026-03-02T09:59:50.000Z', endedAt: '2026-03-02T10:00:00.000Z' } };
    expect(analyseNetwork(har, context, { fallback: null }).entries.map((entry) => entry.deviceTraffic ?? false)).toEqual([true, true]);
  });
});
