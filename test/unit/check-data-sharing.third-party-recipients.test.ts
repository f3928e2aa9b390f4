import { describe, expect, it } from 'vitest';
import check from '../../checks/data-sharing.third-party-recipients.ts';
import { entry, input, makeEvidence, network, tracker } from './fixtures/evidence-factory.ts';

const game = entry('https://play.test-game.example/index.html', { index: 0 });
const persona = makeEvidence({ knownIdentifiers: { email: 'ico.test.persona@example.org' }, mockLocation: { latitude: 51.5014, longitude: -0.1419 } });

describe('data-sharing.third-party-recipients', () => {
  it('fails when identifiers or precise location reach a third party at launch', () => {
    const analysis = network([
      game,
      entry('https://api.gameanalytics.com/v2/events', { index: 1, method: 'POST', tracker: tracker('GameAnalytics', 'analytics'), identifiers: [{ kind: 'email', encoding: 'sha256-lowercase', where: 'body', field: 'user_id' }] }),
      entry('https://rtb.adexchange.example/bid', { index: 2, method: 'POST', location: { precisionDecimals: 4, metres: 11.13, where: 'body', field: 'lat' } }),
      // Sent to the game itself: not a disclosure to a third party.
      entry('https://api.test-game.example/profile', { index: 3, identifiers: [{ kind: 'email', encoding: 'plain', where: 'body' }] }),
    ]);
    const result = check.evaluate(input(persona, analysis));
    expect(result.outcome).toBe('fail');
    expect(result.findings.map((finding) => finding.data?.organization)).toEqual(['GameAnalytics', 'adexchange.example']);
    expect(result.findings[0]!.data).toMatchObject({ identifierKinds: 'email', encodings: 'sha256-lowercase', hosts: 'api.gameanalytics.com' });
    expect(result.findings[1]!.data).toMatchObject({ preciseLocation: true });
    expect(result.findings[1]!.evidence).toEqual([{ kind: 'har-entry', index: 2 }]);
  });

  it('does not count a tracker reading back the cookie it set itself', () => {
    const evidence = makeEvidence({
      knownIdentifiers: { email: 'ico.test.persona@example.org' },
      storage: [{ phase: 'launch', at: '2026-03-02T10:00:09.000Z', eventId: 'ev-0003', localStorage: [], cookies: [{ name: 'uid', value: '7c9e6679f2b14a1f', domain: '.tracker.example', path: '/', expires: 1900000000, httpOnly: false, secure: true, sameSite: 'None' }] }],
    });
    const analysis = network([game, entry('https://px.tracker.example/p', { index: 1, tracker: tracker('Tracker', 'advertising'), identifiers: [{ kind: 'cookie:uid', encoding: 'plain', where: 'cookie', field: 'uid' }] })]);
    expect(check.evaluate(input(evidence, analysis)).outcome).toBe('pass');
  });

  it('passes when nothing known is sent to third parties, is inconclusive when a tracker connection could not be read', () => {
    const clean = network([game, entry('https://fonts.gstatic.com/s/roboto.woff2', { index: 1 })]);
    expect(check.evaluate(input(persona, clean)).outcome).toBe('pass');
    const pinned = network([
      game,
      entry('https://app.adjust.com/session', {
        index: 1,
        tracker: tracker('Adjust', 'attribution'),
        tlsFailure: { host: 'app.adjust.com', reason: 'certificate unknown' },
        readability: { state: 'tls-failed', reason: "The app refused the capture's certificate for app.adjust.com (certificate unknown), so no request was carried." },
      }),
    ]);
    const result = check.evaluate(input(persona, pinned));
    expect(result.outcome).toBe('inconclusive');
    expect(result.summary).toBe(
      "None of the known identifiers or the location was found in the readable requests to third parties at launch, but 1 connection attempt to 1 company (Adjust) could not be read: the app refused the capture's certificate, so no request was carried; so it cannot be ruled out.",
    );
  });

  it('is inconclusive without network evidence or without anything to search for', () => {
    expect(check.evaluate(input(persona, network([]))).outcome).toBe('inconclusive');
    expect(check.evaluate(input(makeEvidence(), network([game, entry('https://cdn.other.example/a.js', { index: 1 })]))).outcome).toBe('inconclusive');
  });
});
