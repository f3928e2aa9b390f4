import { describe, expect, it } from 'vitest';
import check from '../../checks/data-minimisation.persistent-device-ids.ts';
import { entry, input, makeEvidence, network, tracker } from './fixtures/evidence-factory.ts';

const game = entry('https://play.test-game.example/index.html', { index: 0 });
const android = makeEvidence({ platform: 'android', knownIdentifiers: { advertisingId: '3f2a9c4e-7b1d-4e8a-9c55-2d6f1a0b7e93', androidId: '9a3f5c7e1b2d4f60' } });

describe('data-minimisation.persistent-device-ids', () => {
  it('fails when the Android id reaches a third party at launch; the resettable advertising id alone does not count here', () => {
    const analysis = network([
      game,
      entry('https://app-measurement.com/a', { index: 1, method: 'POST', tracker: tracker('Google', 'analytics'), identifiers: [{ kind: 'androidId', encoding: 'md5', where: 'body' }] }),
      entry('https://ms.applovin.com/1.0/mediate', { index: 2, tracker: tracker('AppLovin', 'advertising', false), identifiers: [{ kind: 'advertisingId', encoding: 'plain', where: 'query' }] }),
    ]);
    const result = check.evaluate(input(android, analysis));
    expect(result.outcome).toBe('fail');
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]!.data).toMatchObject({ organization: 'Google', identifierKinds: 'androidId', encodings: 'md5', hosts: 'app-measurement.com' });
    expect(result.findings[0]!.evidence).toEqual([{ kind: 'har-entry', index: 1 }]);
  });

  it('fails on a long-lived third-party cookie read back at launch (the web persistent id)', () => {
    const evidence = makeEvidence({
      storage: [{ phase: 'launch', at: '2026-03-02T10:00:09.000Z', eventId: 'ev-0002', localStorage: [], cookies: [{ name: 'uid', value: '7c9e6679f2b14a1f8d1b', domain: '.tracker.example', path: '/', expires: 1800000000, httpOnly: false, secure: true, sameSite: 'None' }] }],
    });
    const analysis = network([game, entry('https://px.tracker.example/p', { index: 1, identifiers: [{ kind: 'cookie:uid', encoding: 'plain', where: 'cookie', field: 'uid' }] })]);
    expect(check.evaluate(input(evidence, analysis)).outcome).toBe('fail');
  });

  it('fails when a tracker sets a months-long cookie at launch even if it is not read back before the capture ends', () => {
    const evidence = makeEvidence({
      storage: [{ phase: 'launch', at: '2026-03-02T10:00:09.000Z', eventId: 'ev-0002', localStorage: [], cookies: [{ name: 'IDE', value: 'xO4zweg7Uy-UsnwY', domain: '.doubleclick.net', path: '/', expires: 1806000000, httpOnly: false, secure: true, sameSite: 'None' }] }],
    });
    const analysis = network([game, entry('https://googleads.g.doubleclick.net/pagead/ads', { index: 1, registrableDomain: 'doubleclick.net', tracker: tracker('Google', 'advertising', true) })]);
    const result = check.evaluate(input(evidence, analysis));
    expect(result.outcome).toBe('fail');
    expect(result.findings[0]!.evidence).toEqual([{ kind: 'har-entry', index: 1 }, { kind: 'event', id: 'ev-0002' }]);
    expect(result.findings[0]!.message).toContain('cookie "IDE" on doubleclick.net');
    // A session cookie is not persistent.
    const session = makeEvidence({ storage: [{ phase: 'launch', at: '2026-03-02T10:00:09.000Z', eventId: 'ev-0002', localStorage: [], cookies: [{ name: 'IDE', value: 'xO4zweg7Uy-UsnwY', domain: '.doubleclick.net', path: '/', expires: -1, httpOnly: false, secure: true, sameSite: 'None' }] }] });
    expect(check.evaluate(input(session, analysis)).outcome).toBe('pass');
  });

  it('warns when only the game itself collects a persistent id, passes when none is sent', () => {
    const toGame = network([game, entry('https://api.test-game.example/login', { index: 1, identifiers: [{ kind: 'androidId', encoding: 'plain', where: 'body' }] })]);
    expect(check.evaluate(input(android, toGame)).outcome).toBe('warn');
    expect(check.evaluate(input(android, network([game]))).outcome).toBe('pass');
  });

  it('is inconclusive without traffic, or on Android when no persistent id is known', () => {
    expect(check.evaluate(input(android, network([]))).outcome).toBe('inconclusive');
    const nothingKnown = check.evaluate(input(makeEvidence({ platform: 'android' }), network([game])));
    expect(nothingKnown.outcome).toBe('inconclusive');
    expect(nothingKnown.summary).toBe("The test device's persistent identifiers are not known, so they could not be looked for; add androidId, imei, serial, macAddress or appSetId to the identifiers file.");
  });

  // Review C2: with no SSAID store and no androidIdByPackage the game's own Android id is unknown;
  // an IMEI that no modern app can read is no stand-in for it.
  it("is inconclusive, not a pass, on Android when the game's own Android id is not known", () => {
    const unknownId = makeEvidence({
      platform: 'android',
      knownIdentifiers: { imei: '356938035643809' },
      android: { package: 'com.test.game', androidIdSource: 'not-known' },
    });
    const result = check.evaluate(input(unknownId, network([game])));
    expect(result.outcome).toBe('inconclusive');
    expect(result.summary).toBe("The one persistent identifier looked for (imei) was not found in the launch traffic, but the game's own Android id is not known, so it was not looked for.");
  });

  it('is inconclusive when a launch request it had to search could not be read, the game\'s own included', () => {
    const analysis = network([entry('https://play.test-game.example/api/session', { index: 0, method: 'POST', readability: { state: 'truncated', reason: 'The capture kept only the first 64 bytes of the request body.' } })]);
    const result = check.evaluate(input(android, analysis));
    expect(result.outcome).toBe('inconclusive');
    expect(result.summary).toBe(
      'The one persistent identifier looked for (androidId) was not found in the readable launch traffic, but 1 request to 1 company (test-game.example) could not be read: their bodies were cut short or left out of the capture; so it cannot be ruled out.',
    );
  });
});

describe('data-minimisation.persistent-device-ids: idfv, App Set ID and what TrackHAR decodes', () => {
  const idfv = '53F8C8DF-F20E-4101-9D00-5DC82FD717CD'; // rt-026's vendorId (AppsFlyer iOS 4.8)
  const appSetId = '26037c57-5815-4a4d-9b80-0f28b036e2e3';
  const adjust = (identifiers: { kind: string; encoding: 'plain'; where: 'body'; field: string }[]) =>
    network([game, entry('https://app.adjust.com/session', { index: 1, method: 'POST', tracker: tracker('Adjust', 'attribution'), identifiers })]);

  it('fails when the iOS identifier for vendor reaches a third party on iOS', () => {
    const ios = makeEvidence({ platform: 'ios', knownIdentifiers: { idfv } });
    const result = check.evaluate(input(ios, adjust([{ kind: 'idfv', encoding: 'plain', where: 'body', field: 'idfv' }])));
    expect(result.outcome).toBe('fail');
    expect(result.findings[0]!.message).toBe('Adjust received a persistent identifier at launch (app.adjust.com): idfv (as is, in the body field "idfv").');
  });

  it('fails when the App Set ID reaches a third party on Android', () => {
    const androidWithAppSet = makeEvidence({ platform: 'android', knownIdentifiers: { appSetId, androidId: '9a3f5c7e1b2d4f60' } });
    const result = check.evaluate(input(androidWithAppSet, adjust([{ kind: 'appSetId', encoding: 'plain', where: 'body', field: 'google_app_set_id' }])));
    expect(result.outcome).toBe('fail');
    expect(result.findings[0]!.data).toMatchObject({ identifierKinds: 'appSetId' });
  });

  it("fails on a device id TrackHAR's adapter decoded though the identifiers file does not list it, and says where and why", () => {
    const analysis = network([
      game,
      entry('https://app.adjust.com/session', {
        index: 1,
        method: 'POST',
        tracker: tracker('Adjust', 'attribution'),
        trackHar: { adapter: 'adjust/body', transmissions: [{ property: 'deviceId', context: 'body', path: 'android_uuid', reasoning: 'adjust/uuid.md' }] },
      }),
    ]);
    const result = check.evaluate(input(android, analysis));
    expect(result.outcome).toBe('fail');
    expect(result.findings[0]!.message).toBe('Adjust received a persistent identifier at launch (app.adjust.com): deviceId decoded by TrackHAR adapter adjust/body from `android_uuid` (body; reasoning: adjust/uuid.md); the value is not in the identifiers file.');
    expect(result.findings[0]!.data).toMatchObject({ identifierKinds: 'deviceId' });
  });
});

describe('data-minimisation.persistent-device-ids: device fingerprinting', () => {
  it("fails when Vungle receives battery, disk, volume and carrier at launch, as TrackHAR decodes rt-035's real body", async () => {
    const { readFileSync } = await import('node:fs');
    const { analyseNetwork } = await import('../../src/analysis/analyse-network.ts');
    const { HarSchema } = await import('../../src/evidence/har.ts');
    const har = HarSchema.parse(JSON.parse(readFileSync(new URL('../fixtures/real-traffic/wire-formats.har', import.meta.url), 'utf8')));
    // Entry 14 is rt-035 (Vungle config, launch phase); nothing in the identifiers file is in it.
    const vungleOnly = { log: { ...har.log, entries: [har.log.entries[14]!] } };
    const analysis = analyseNetwork(vungleOnly, { firstPartyDomains: ['test-game.example'], identifiers: { androidId: '9a3f5c7e1b2d4f60' } }, { fallback: null });
    const result = check.evaluate(input(android, analysis));
    expect(result.outcome).toBe('fail');
    // After the verdict, every transmission TrackHAR decoded is counted, in all and per company.
    expect(result.findings.map((finding) => finding.severity)).toEqual(['fail', 'info', 'info']);
    expect(result.findings[1]!.message).toBe("TrackHAR's adapters decoded 18 transmissions of data about the device or its user in 1 launch request to 1 third party; each company's are listed below with their requests.");
    expect(result.findings[2]!.message).toBe(
      'Liftoff was sent 18 items of data at launch in 1 request to ads.api.vungle.com, as TrackHAR decoded them: Device advertising ID (GAID/IDFA); App ID; App version; Battery level; Carrier; Free disk space; Charging status; ' +
        'Language; Manufacturer; Model; Network connection type; OS name; OS version; Screen height; Screen width; Time zone; User agent; Volume.',
    );
    expect(result.summary).toBe('1 third party received or set persistent identifiers or device fingerprinting data before the child did anything.');
    expect(result.findings[0]!.message).toBe(
      'Liftoff received 5 device characteristics at launch that an ad does not need and that together single out the device (device fingerprinting; ads.api.vungle.com): ' +
        'Carrier (`device.carrier`, TrackHAR adapter vungle/api-ads); Battery level (`device.ext.vungle.android.battery_level`, TrackHAR adapter vungle/api-ads); ' +
        'Charging status (`device.ext.vungle.android.battery_state`, TrackHAR adapter vungle/api-ads); Volume (`device.ext.vungle.android.volume_level`, TrackHAR adapter vungle/api-ads); ' +
        'Free disk space (`device.ext.vungle.android.storage_bytes_available`, TrackHAR adapter vungle/api-ads).',
    );
    expect(result.findings[0]!.evidence).toEqual([{ kind: 'har-entry', index: 0 }]);
  });

  it('does not call model, OS and screen size a fingerprint (an ad is fitted to them)', () => {
    const analysis = network([
      game,
      entry('https://publisher-config.unityads.unity3d.com/games/3268074/configuration', {
        index: 1,
        tracker: tracker('Unity', 'advertising', true),
        trackHar: { adapter: 'unity/unityads-games', transmissions: ['model', 'osVersion', 'screenWidth', 'screenHeight', 'language'].map((property) => ({ property, context: 'query' as const, path: property, reasoning: 'obvious property name', value: 'x' })) },
      }),
    ]);
    expect(check.evaluate(input(android, analysis)).outcome).toBe('pass');
  });
});
