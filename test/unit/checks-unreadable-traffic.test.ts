// The six network checks on traffic they cannot read (review C1, Appendix A #5): real analysis
// of HAR entries our proxy and Chrome DevTools write, never a pass on what could not be seen.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import persistentIds from '../../checks/data-minimisation.persistent-device-ids.ts';
import thirdPartyRecipients from '../../checks/data-sharing.third-party-recipients.ts';
import uncertifiedAdNetworks from '../../checks/data-sharing.uncertified-ad-networks.ts';
import trackingBeforeChoice from '../../checks/default-settings.tracking-before-choice.ts';
import preciseLocation from '../../checks/geolocation.precise-location-shared.ts';
import advertisingId from '../../checks/profiling.advertising-id-shared.ts';
import { analysisContextFromEvidence } from '../../src/analysis/analysis-context.ts';
import { analyseNetwork } from '../../src/analysis/analyse-network.ts';
import { buildHarEntry, buildTlsFailureEntry } from '../../src/capture/proxy/har-entry.ts';
import { HarSchema, type Har, type HarEntry } from '../../src/evidence/har.ts';
import type { Evidence } from '../../src/evidence/schema.ts';
import type { CheckDefinition } from '../../src/check-kit/contract.ts';
import { runCheck } from '../../src/scoring/run-checks.ts';
import { buildCheckInputs } from '../../src/scoring/check-inputs.ts';
import { during, makeEvidence } from './fixtures/evidence-factory.ts';

const sixChecks: CheckDefinition[] = [advertisingId, persistentIds, preciseLocation, thirdPartyRecipients, uncertifiedAdNetworks, trackingBeforeChoice];

// The identifiers of the review's reproduction: the AAID from real sample rt-028, an Android id, a mock location.
const aaid = '8bba913a-7156-4b15-a65b-ae9ff23f3412';
const androidEvidence = makeEvidence({
  platform: 'android',
  target: 'com.roblox.client',
  device: { kind: 'emulator', name: 'Pixel 7 emulator' },
  firstPartyDomains: ['roblox.com', 'rbxcdn.com'],
  knownIdentifiers: { advertisingId: aaid, androidId: '9774d56d682e549c' },
  mockLocation: { latitude: 51.501364, longitude: -0.14189 },
});

function har(entries: HarEntry[]): Har {
  return { log: { version: '1.2', creator: { name: 'gameaudit', version: 'test' }, entries } };
}

function outcomes(evidence: Evidence, capture: Har) {
  const network = analyseNetwork(capture, analysisContextFromEvidence(evidence), { fallback: null });
  return Object.fromEntries(sixChecks.map((check) => [check.id, runCheck(check, buildCheckInputs(evidence, network, []))]));
}

const launchMs = (seconds: number) => Date.parse(during('launch', seconds));

// Review Appendix A #5: five refused handshakes at launch.
const tlsFailures = [
  buildTlsFailureEntry('googleads.g.doubleclick.net', 'certificate unknown', launchMs(1), 'launch'),
  buildTlsFailureEntry('app-measurement.com', 'certificate unknown', launchMs(1.2), 'launch'),
  buildTlsFailureEntry('t.appsflyer.com', 'certificate unknown', launchMs(1.4), 'launch'),
  buildTlsFailureEntry('apis.roblox.com', 'certificate unknown', launchMs(1.6), 'launch'),
  buildTlsFailureEntry('ecsv2.roblox.com', 'certificate unknown', launchMs(1.8), 'launch'),
];

describe('an all-TLS-failure launch (review Appendix A #5)', () => {
  const results = outcomes(androidEvidence, har(tlsFailures));

  it('passes none of the six network checks', () => {
    expect(Object.fromEntries(Object.entries(results).map(([id, result]) => [id, result.outcome]))).toEqual({
      'profiling.advertising-id-shared': 'inconclusive',
      'data-minimisation.persistent-device-ids': 'inconclusive',
      'geolocation.precise-location-shared': 'inconclusive',
      'data-sharing.third-party-recipients': 'inconclusive',
      'data-sharing.uncertified-ad-networks': 'inconclusive',
      'default-settings.tracking-before-choice': 'fail',
    });
  });

  it('names the unreadable connections, their companies and the fix', () => {
    expect(results['profiling.advertising-id-shared']!.summary).toBe(
      "The advertising id was not found in any readable third-party request made at launch, but 3 connection attempts to 2 companies (Google, AppsFlyer) could not be read: the app refused the capture's certificate, so no request was carried; so it cannot be ruled out.",
    );
    expect(results['data-minimisation.persistent-device-ids']!.summary).toMatch(/5 connection attempts to 3 companies \(Google, AppsFlyer, roblox\.com\) could not be read/);
    const finding = results['profiling.advertising-id-shared']!.findings.find((candidate) => candidate.data?.readability === 'tls-failed')!;
    expect(finding.message).toMatch(/--ca-dir \(see docs\/real-devices\.md\)/);
    expect(finding.evidence).toEqual([
      { kind: 'har-entry', index: 0 },
      { kind: 'har-entry', index: 1 },
      { kind: 'har-entry', index: 2 },
    ]);
  });

  it('tracking-before-choice says the companies were contacted, not that they received requests', () => {
    const result = results['default-settings.tracking-before-choice']!;
    expect(result.summary).toBe('2 tracking companies were contacted (a connection was attempted) before any privacy choice; the app refused the capture’s certificate, so what they would have been sent could not be read.');
    expect(result.summary).not.toMatch(/received/);
    expect(result.findings.filter((finding) => finding.severity === 'fail').map((finding) => finding.message)).toEqual([
      'The game tried to contact Google (advertising) at launch, before any privacy choice, in 1 connection attempt; the certificate was refused, so nothing was received: googleads.g.doubleclick.net.',
      'The game tried to contact Google (analytics) at launch, before any privacy choice, in 1 connection attempt; the certificate was refused, so nothing was received: app-measurement.com.',
      'The game tried to contact AppsFlyer (attribution) at launch, before any privacy choice, in 1 connection attempt; the certificate was refused, so nothing was received: t.appsflyer.com.',
    ]);
  });
});

describe('a Chrome DevTools HAR whose third-party requests met net::ERR_CERT_AUTHORITY_INVALID', () => {
  const devtools = HarSchema.parse(JSON.parse(readFileSync('test/fixtures/har/chrome-devtools-cert-refused.har', 'utf8')));
  // As import-har does: entries recorded without our phases count as launch.
  devtools.log.entries = devtools.log.entries.map((entry) => ({ ...entry, _phase: 'launch' as const }));
  // The Amplitude body the browser meant to send names this device id: it was never sent, so it is not a disclosure.
  const webEvidence = makeEvidence({ firstPartyDomains: ['blockpuzzle.example'], knownIdentifiers: { 'custom:amplitudeDeviceId': 'd8b7c1a2-5f3e-4c1b-9a7d-2e6f0b4c8a91' }, mockLocation: { latitude: 51.501364, longitude: -0.14189 } });
  const results = outcomes(webEvidence, devtools);

  it('passes none of the six checks', () => {
    expect(Object.values(results).map((result) => result.outcome)).not.toContain('pass');
    expect(results['data-sharing.third-party-recipients']!.outcome).toBe('inconclusive');
    // Google's ad and analytics hosts were only tried: the tracking fail says so.
    expect(results['default-settings.tracking-before-choice']!.outcome).toBe('fail');
    expect(results['default-settings.tracking-before-choice']!.summary).toMatch(/^1 tracking company was contacted \(a connection was attempted\) before any privacy choice/);
    expect(results['data-sharing.third-party-recipients']!.summary).toMatch(/3 connection attempts to 2 companies \(Google, amplitude\.com\) could not be read: the app refused the capture's certificate/);
  });
});

// The p= parameter and body of real AppLovin requests (samples rt-031, rt-075, rt-076).
const applovin = HarSchema.parse(JSON.parse(readFileSync('test/fixtures/har/real-sdk-readability.har', 'utf8'))).log.entries.slice(0, 3);

describe('an opaque-only launch: AppLovin requests from the real samples', () => {
  const results = outcomes(androidEvidence, har(applovin));

  it('cannot pass the identifier and location checks, and says why', () => {
    expect(results['profiling.advertising-id-shared']!.outcome).toBe('inconclusive');
    expect(results['data-minimisation.persistent-device-ids']!.outcome).toBe('inconclusive');
    expect(results['geolocation.precise-location-shared']!.outcome).toBe('inconclusive');
    expect(results['data-sharing.third-party-recipients']!.outcome).toBe('inconclusive');
    expect(results['profiling.advertising-id-shared']!.summary).toBe(
      'The advertising id was not found in any readable third-party request made at launch, but 3 requests to 1 company (AppLovin) could not be read: what they carry is encrypted or in a format the analysis cannot decode; so it cannot be ruled out.',
    );
  });

  it('still fails AppLovin as an uncertified ad network and as tracking before choice, in "received" words', () => {
    expect(results['data-sharing.uncertified-ad-networks']!.outcome).toBe('fail');
    expect(results['default-settings.tracking-before-choice']!.outcome).toBe('fail');
    expect(results['default-settings.tracking-before-choice']!.summary).toMatch(/^1 tracking company received 3 requests before any privacy choice/);
  });
});

describe('a readable request already showing the advertising id, beside unreadable ones', () => {
  const leaking = buildHarEntry(
    {
      startTime: launchMs(2),
      method: 'POST',
      url: 'https://api2.branch.io/v1/install',
      httpVersion: '1.1',
      rawHeaders: [['content-type', 'application/json']],
      // Branch's v1/install body, real sample rt-028 (cut to the ids).
      body: new TextEncoder().encode(`{"hardware_id":"a5829c81-3bfc-45c4-b2b5-e0a8f6528eae","lat_val":0,"advertising_ids":{"aaid":"${aaid}"},"google_advertising_id":"${aaid}"}`),
    },
    { statusCode: 200, statusMessage: 'OK', rawHeaders: [['content-type', 'application/json']], body: new TextEncoder().encode('{}'), endTime: launchMs(2.2) },
    { phase: 'launch', requestBodyCapBytes: 4096, responseBodyCapBytes: 4096 },
  );
  const results = outcomes(androidEvidence, har([...tlsFailures, ...applovin.map((entry) => ({ ...entry, _phase: 'launch' as const })), leaking]));

  it('stays a fail: a violation seen is not undone by what could not be read', () => {
    expect(results['profiling.advertising-id-shared']!.outcome).toBe('fail');
    expect(results['data-sharing.third-party-recipients']!.outcome).toBe('fail');
    expect(results['profiling.advertising-id-shared']!.findings[0]!.message).toMatch(/^Branch received the advertising id at launch in 1 request to api2\.branch\.io/);
  });
});
