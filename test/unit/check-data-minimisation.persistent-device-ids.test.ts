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
    expect(check.evaluate(input(makeEvidence({ platform: 'android' }), network([game]))).outcome).toBe('inconclusive');
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
