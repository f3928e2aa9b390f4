import { describe, expect, it } from 'vitest';
import check from '../../checks/geolocation.precise-location-shared.ts';
import { adSignals, entry, input, makeEvidence, network } from './fixtures/evidence-factory.ts';

const game = entry('https://play.test-game.example/index.html', { index: 0 });
const located = makeEvidence({ mockLocation: { latitude: 51.5014, longitude: -0.1419 } });

describe('geolocation.precise-location-shared', () => {
  it('fails when a third party receives the precise location at launch, with precision in metres', () => {
    const analysis = network([game, entry('https://rtb.adexchange.example/openrtb2/auction', { index: 1, method: 'POST', location: { precisionDecimals: 4, metres: 11.13, where: 'body', field: 'lat' } })]);
    const result = check.evaluate(input(located, analysis));
    expect(result.outcome).toBe('fail');
    expect(result.findings[0]!.data).toMatchObject({ organization: 'adexchange.example', precisionDecimals: 4, metres: 11.13, identifierKind: 'location' });
    expect(result.findings[0]!.evidence).toEqual([{ kind: 'har-entry', index: 1 }]);
  });

  it('says so when the location reached a third party although the permission was refused (demo-leaky, report-reading item 7)', () => {
    const analysis = network([game, entry('https://a.applovin.com/ad', { index: 1, method: 'POST', location: { precisionDecimals: 6, metres: 0.11, where: 'body', field: 'lat' } })]);
    const refused = makeEvidence({ mockLocation: { latitude: 51.507351, longitude: -0.127758 }, geolocation: { calls: [], permissionState: 'denied', inAppLocationControls: [] } });
    const result = check.evaluate(input(refused, analysis));
    expect(result.outcome).toBe('fail');
    expect(result.summary).toBe('The precise location went to 1 third party before the child did anything, although the location permission was not granted.');
    expect(result.findings.map((finding) => finding.message)).toEqual([
      'applovin.com received the precise location at launch (a.applovin.com): coordinates matching the test location, in the body field "lat", 6 decimals, about 0.11 m.',
      'Coordinates matching the test location reached applovin.com although the location permission was refused throughout the capture, so they did not come from the location permission: they came from somewhere else, such as the IP address, a cached or built-in value, or a server.',
    ]);
    const granted = makeEvidence({ mockLocation: { latitude: 51.507351, longitude: -0.127758 }, geolocation: { calls: [], permissionState: 'granted', inAppLocationControls: [] } });
    expect(check.evaluate(input(granted, analysis)).findings).toHaveLength(1);
    // Unknown permission state: nothing is claimed about where the coordinates came from.
    expect(check.evaluate(input(located, analysis)).findings).toHaveLength(1);
  });

  it('reads OpenRTB device.geo even without a known mock location, and ignores one-decimal coordinates', () => {
    const precise = network([game, entry('https://rtb.adexchange.example/bid', { index: 1, adSignals: adSignals(false, true, { 'device.geo.lat': '48.8566', 'device.geo.lon': '2.3522' }) })]);
    expect(check.evaluate(input(makeEvidence(), precise)).outcome).toBe('fail');
    const coarse = network([game, entry('https://rtb.adexchange.example/bid', { index: 1, adSignals: adSignals(false, true, { 'device.geo.lat': '51.5', 'device.geo.lon': '-0.1' }) })]);
    expect(check.evaluate(input(located, coarse)).outcome).toBe('pass');
  });

  it('warns when only the game itself receives it, and a later phase does not decide', () => {
    const first = network([game, entry('https://api.test-game.example/nearby', { index: 1, location: { precisionDecimals: 3, metres: 111.32, where: 'query' } })]);
    expect(check.evaluate(input(located, first)).outcome).toBe('warn');
    const later = network([game, entry('https://rtb.adexchange.example/bid', { index: 1, phase: 'play', location: { precisionDecimals: 4, metres: 11.13, where: 'body' } })]);
    expect(check.evaluate(input(located, later)).outcome).toBe('pass');
  });

  it('is inconclusive without traffic, or without a mock location to look for', () => {
    expect(check.evaluate(input(located, network([]))).outcome).toBe('inconclusive');
    expect(check.evaluate(input(makeEvidence(), network([game]))).outcome).toBe('inconclusive');
  });

  it('is inconclusive when a launch request could not be read', () => {
    const analysis = network([game, entry('https://t.appsflyer.com/api/v6.5/androidevent', { index: 1, method: 'CONNECT', status: 0, readability: { state: 'tls-failed', reason: "The app refused the capture's certificate for t.appsflyer.com (certificate unknown), so no request was carried." } })]);
    const result = check.evaluate(input(located, analysis));
    expect(result.outcome).toBe('inconclusive');
    expect(result.summary).toBe(
      "The test location was not found, at two decimals or better, in any readable request made at launch, but 1 connection attempt to 1 company (appsflyer.com) could not be read: the app refused the capture's certificate, so no request was carried; so it cannot be ruled out.",
    );
  });
});
