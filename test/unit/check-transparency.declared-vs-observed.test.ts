// The package inventories are those of the committed fixture packages (test/fixtures/packages,
// built from the sources beside them: the demo's Leaky Runner as APK and IPA); the traffic is
// literal, in the shape the analysis gives.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import check from '../../checks/transparency.declared-vs-observed.ts';
import { inspectPackage } from '../../src/inspect/inspect-package.ts';
import type { PackageInspection } from '../../src/inspect/package-inspection-schema.ts';
import { entry, input, makeEvidence, network, tracker } from './fixtures/evidence-factory.ts';

const fixture = (name: string): string => path.resolve(import.meta.dirname, '../fixtures/packages', name);
let apk: PackageInspection;
let ipa: PackageInspection;
let brokenDex: PackageInspection;

beforeAll(async () => {
  [apk, ipa, brokenDex] = await Promise.all([inspectPackage(fixture('leaky-runner.apk')), inspectPackage(fixture('leaky-runner.ipa')), inspectPackage(fixture('leaky-runner-broken-dex.apk'))]);
});

const game = entry('https://api.demogames.example/config', { index: 0 });
const sdkStatuses = (findings: { data?: Record<string, unknown> }[]): unknown[][] =>
  findings.filter((finding) => finding.data?.kind === 'sdk').map((finding) => [finding.data!.company, finding.data!.product, finding.data!.status]);

describe('transparency.declared-vs-observed', () => {
  it('fails on iOS when a tracking host no privacy manifest declares is contacted, and warns of undeclared data', () => {
    const traffic = network([
      game,
      entry('https://app-measurement.com/a', { index: 1, tracker: tracker('Google', 'analytics') }),
      entry('https://googleads.g.doubleclick.net/mads/gma', { index: 2, tracker: tracker('Google', 'advertising', true), identifiers: [{ kind: 'advertisingId', encoding: 'plain', where: 'query', field: 'idfa' }] }),
      entry('https://ms.applovin.com/1.0/mediate', { index: 3, tracker: tracker('AppLovin', 'advertising', false), location: { precisionDecimals: 4, metres: 11, where: 'body' } }),
    ]);
    const result = check.evaluate(input(makeEvidence({ platform: 'ios', packageInspection: ipa }), traffic));
    expect(result.outcome).toBe('fail');
    expect(result.summary).toBe("1 declaration of the app package is contradicted by the game's traffic.");
    expect(result.findings.filter((finding) => finding.severity !== 'info').map((finding) => [finding.severity, finding.message])).toEqual([
      ['fail', "AppLovin's tracking host ms.applovin.com was contacted in 1 request, but no privacy manifest in com.demogames.leakyrunner lists it in NSPrivacyTrackingDomains."],
      ['warn', 'location was sent to third parties in 1 request, but no privacy manifest in com.demogames.leakyrunner declares NSPrivacyCollectedDataTypePreciseLocation or NSPrivacyCollectedDataTypeCoarseLocation.'],
    ]);
    expect(result.findings[0]!.evidence).toEqual([{ kind: 'har-entry', index: 3 }]);
    expect(sdkStatuses(result.findings)).toEqual([
      ['Google', 'AdMob / Ad Manager / DoubleClick', 'embedded-and-seen'],
      ['Meta', 'Meta Audience Network / Facebook SDK', 'embedded-not-seen'],
      ['AppLovin', 'AppLovin', 'seen-not-embedded'],
    ]);
    expect(result.findings.find((finding) => finding.data?.company === 'Meta')!.message).toBe(
      'Meta Meta Audience Network / Facebook SDK: embedded, not seen in the capture — carrying an SDK is not proof it was active.',
    );
  });

  it('fails on Android when the manifest turns Firebase Analytics collection off and Firebase traffic is seen', () => {
    // As a game that switched collection off would declare it: the fixture's value, turned to false.
    const switchedOff: PackageInspection = structuredClone(apk);
    switchedOff.android!.manifests[0]!.metaData = switchedOff.android!.manifests[0]!.metaData.map((entry) => (entry.name === 'firebase_analytics_collection_enabled' ? { ...entry, value: false } : entry));
    const traffic = network([game, entry('https://app-measurement.com/a', { index: 1, tracker: { ...tracker('Google', 'analytics'), product: 'Firebase / Google Analytics for apps' } })]);
    const result = check.evaluate(input(makeEvidence({ platform: 'android', packageInspection: switchedOff }), traffic));
    expect(result.outcome).toBe('fail');
    expect(result.findings[0]).toEqual({
      message: 'com.demogames.leakyrunner declares firebase_analytics_collection_enabled = false in its manifest, yet Firebase Analytics requests were sent (1 request).',
      evidence: [{ kind: 'har-entry', index: 1 }],
      severity: 'fail',
      data: { kind: 'contradicted-switch', metaData: 'firebase_analytics_collection_enabled', requests: 1 },
    });
    // The same traffic with the fixture's own declaration (collection on) contradicts nothing.
    expect(check.evaluate(input(makeEvidence({ platform: 'android', packageInspection: apk }), traffic)).outcome).toBe('pass');
  });

  it('passes on Android when no declared switch is contradicted by readable traffic, listing every SDK with its status', () => {
    const traffic = network([game, entry('https://googleads.g.doubleclick.net/mads/gma', { index: 1, tracker: { ...tracker('Google', 'advertising', true), product: 'AdMob / Ad Manager / DoubleClick' } })]);
    const result = check.evaluate(input(makeEvidence({ platform: 'android', packageInspection: apk }), traffic));
    expect(result.outcome).toBe('pass');
    expect(result.summary).toBe('The traffic contradicted none of the SDK switches its manifest declares.');
    expect(sdkStatuses(result.findings)).toEqual([
      ['Google', 'AdMob / Ad Manager / DoubleClick', 'embedded-and-seen'],
      ['Google', 'Firebase / Google Analytics for apps', 'embedded-not-seen'],
      ['Unity', 'Unity Ads', 'embedded-not-seen'],
      ['AppLovin', 'AppLovin MAX / AppDiscovery', 'embedded-not-seen'],
      ['Meta', 'Meta Audience Network / Facebook SDK', 'embedded-not-seen'],
      ['Adjust', 'Adjust SDK', 'embedded-not-seen'],
    ]);
  });

  it('is inconclusive, never a pass, when part of the package could not be read, and does not call SDK traffic "not embedded" then', () => {
    const traffic = network([game, entry('https://ms.applovin.com/1.0/mediate', { index: 1, tracker: { ...tracker('AppLovin', 'advertising', false), product: 'AppLovin MAX / AppDiscovery' } })]);
    const result = check.evaluate(input(makeEvidence({ platform: 'android', packageInspection: brokenDex }), traffic));
    expect(result.outcome).toBe('inconclusive');
    expect(result.findings.find((finding) => finding.data?.company === 'AppLovin')!.message).toBe(
      'AppLovin AppLovin MAX / AppDiscovery: seen; whether it is embedded is unknown (part of the package could not be read) (1 request).',
    );
  });

  it('is inconclusive when no package was inspected, and not applicable on the web', () => {
    const notInspected = check.evaluate(input(makeEvidence({ platform: 'android' }), network([game])));
    expect(notInspected.outcome).toBe('inconclusive');
    expect(notInspected.summary).toBe('The app package was not inspected in this capture, so its declarations could not be compared with its traffic.');
    expect(check.evaluate(input(makeEvidence(), network([game]))).outcome).toBe('not-applicable');
  });
});
