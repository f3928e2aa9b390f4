// TrackHAR (pinned trackhar@1.0.0) run on requests derived from real samples
// (test/fixtures/real-traffic/wire-formats.har; each entry names its samples.jsonl record),
// merged with our identifier search, and where the two disagree.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseNetwork } from '../../src/analysis/analyse-network.ts';
import type { AnalysisContext } from '../../src/analysis/types.ts';
import { HarSchema } from '../../src/evidence/har.ts';

const har = HarSchema.parse(JSON.parse(readFileSync(new URL('../fixtures/real-traffic/wire-formats.har', import.meta.url), 'utf8')));
/** The study's emulator AAID (rt-043, rt-063, rt-070), MoPub's (rt-081) and ironSource's (rt-079) ids. */
const context: AnalysisContext = {
  firstPartyDomains: ['example.com'],
  identifiers: { advertisingId: '60e5d787-7b10-4341-8289-a784280e7f1f', 'custom:mopubIfa': 'f6b2e3fc-76b5-4936-8248-bbfabd16ac3b', 'custom:ironSourceDeviceId': 'ea70edc1-ac05-481c-8d2a-66b1be496a7e' },
};
const analysis = analyseNetwork(har, context, { fallback: null });
const entry = (index: number) => analysis.entries[index]!;

describe('TrackHAR adapters on real SDK requests', () => {
  it('names the advertising id in advertisingTrackingId with the unity/unityads-games adapter (rt-037, rt-043)', () => {
    expect(entry(13).trackHar?.adapter).toBe('unity/unityads-games');
    expect(entry(13).trackHar?.transmissions).toContainEqual({ property: 'advertisingId', context: 'query', path: 'advertisingTrackingId', reasoning: 'obvious observed values', knownAs: 'advertisingId', advertisingIdForm: 'id' });
    expect(entry(13).trackHar?.transmissions).toContainEqual({ property: 'isRooted', context: 'query', path: 'rooted', reasoning: 'obvious property name', value: 'false' });
    // Both saw the advertising id: no difference to report.
    expect(entry(13).identifiers).toContainEqual({ kind: 'advertisingId', encoding: 'plain', where: 'query', field: 'advertisingTrackingId' });
    expect(entry(13).decodingDifferences).toBeUndefined();
  });

  it("decodes Vungle's device characteristics that no identifier search can (rt-035)", () => {
    const transmissions = entry(14).trackHar!.transmissions;
    expect(entry(14).trackHar?.adapter).toBe('vungle/api-ads');
    expect(transmissions).toContainEqual({ property: 'batteryLevel', context: 'body', path: 'device.ext.vungle.android.battery_level', reasoning: 'obvious property name', value: '0.74' });
    expect(transmissions).toContainEqual({ property: 'diskFree', context: 'body', path: 'device.ext.vungle.android.storage_bytes_available', reasoning: 'obvious property name', value: '8170819584' });
    expect(transmissions).toContainEqual({ property: 'carrier', context: 'body', path: 'device.carrier', reasoning: 'obvious property name', value: 'Vodafone UA' });
    // The 15-hex "ifa" is an advertising id to TrackHAR, not a value of the identifiers file: value withheld, difference said.
    expect(transmissions).toContainEqual({ property: 'advertisingId', context: 'body', path: 'device.ifa', reasoning: 'obvious property name', advertisingIdForm: 'other' });
    expect(entry(14).decodingDifferences).toEqual([
      { kind: 'advertisingId', seenBy: 'trackhar', detail: "TrackHAR's adapter vungle/api-ads decoded a Device advertising ID (GAID/IDFA) in `device.ifa` whose value is not in the identifiers file." },
    ]);
  });

  it('reads the ironSource device id in base64 JSON, as our search does (rt-079)', () => {
    expect(entry(1).trackHar).toEqual({ adapter: 'ironsource/logs', transmissions: [{ property: 'advertisingId', context: 'body', path: 'data.deviceid', reasoning: 'obvious property name', knownAs: 'custom:ironSourceDeviceId', advertisingIdForm: 'id' }] });
    expect(entry(1).decodingDifferences).toBeUndefined();
  });

  it('keeps both readings when the adapter decodes nothing our search found (rt-081, MoPub body cut short)', () => {
    expect(entry(0).trackHar).toEqual({ adapter: 'mopub/ads', transmissions: [] });
    expect(entry(0).identifiers).toContainEqual({ kind: 'custom:mopubIfa', encoding: 'plain', where: 'body', field: 'ifa' });
    expect(entry(0).decodingDifferences).toEqual([{ kind: 'custom:mopubIfa', seenBy: 'identifier-search', detail: "Our identifier search found custom:mopubIfa in this request; TrackHAR's adapter mopub/ads did not decode it." }]);
  });

  it('leaves requests no adapter covers without a TrackHAR reading (rt-070 BidMachine)', () => {
    expect(entry(10).trackHar).toBeUndefined();
  });

  it('gives each company the kinds of data it received, linked to the requests, from both sources', () => {
    const adjust = analysis.organisations.find((organisation) => organisation.organization === 'Adjust')!;
    expect(adjust.dataReceived).toEqual([
      { key: 'advertisingId', label: 'Device advertising ID (GAID/IDFA)', seenBy: ['identifier-search', 'trackhar'], entryIndexes: [15] },
      { key: 'osName', label: 'OS name', seenBy: ['trackhar'], entryIndexes: [15] },
    ]);
    const vungle = analysis.organisations.find((organisation) => organisation.hosts.includes('ads.api.vungle.com'))!;
    expect(vungle.dataReceived.map((kind) => kind.key)).toEqual(['appId', 'appVersion', 'batteryLevel', 'carrier', 'isCharging', 'advertisingId', 'diskFree', 'language', 'manufacturer', 'model', 'networkConnectionType', 'osName', 'osVersion', 'screenHeight', 'screenWidth', 'timezone', 'userAgent', 'volume']);
  });

  it('can be switched off, and then no entry has a TrackHAR reading', () => {
    const without = analyseNetwork(har, context, { fallback: null, trackHar: false });
    expect(without.entries.filter((analysed) => analysed.trackHar)).toEqual([]);
  });
});

describe('which hosts TrackHAR can cover', () => {
  it('every endpoint pattern of the installed trackhar names its domain literally (what the per-host shortcut relies on)', async () => {
    const { adapters } = await import('trackhar');
    const patterns = adapters.flatMap((adapter) => adapter.endpointUrls.filter((url): url is RegExp => url instanceof RegExp));
    expect(patterns.length).toBeGreaterThan(30);
    // A label of three or more characters right before an escaped dot and a TLD or a group of TLDs.
    expect(patterns.filter((pattern) => !/[a-z0-9-]{3,}\\\.(?:[a-z]{2,}|\()/.test(pattern.source)).map(String)).toEqual([]);
  });
});
