import { describe, expect, it } from 'vitest';
import check from '../../checks/data-sharing.uncertified-ad-networks.ts';
import { adSignals, entry, input, makeEvidence, network, tracker } from './fixtures/evidence-factory.ts';

const game = entry('https://play.test-game.example/index.html', { index: 0 });

describe('data-sharing.uncertified-ad-networks', () => {
  it('fails on ad networks outside the Families list, including an ad exchange it cannot identify', () => {
    const analysis = network([
      game,
      entry('https://googleads.g.doubleclick.net/pagead/ads', { index: 1, tracker: tracker('Google', 'advertising', true) }),
      entry('https://ms.applovin.com/1.0/mediate', { index: 2, tracker: tracker('AppLovin', 'advertising', false) }),
      entry('https://rtb.adexchange.example/openrtb2/auction', { index: 3, method: 'POST', adSignals: adSignals(false, true, { 'regs.coppa': '0' }) }),
    ]);
    const result = check.evaluate(input(makeEvidence(), analysis));
    expect(result.outcome).toBe('fail');
    expect(result.findings.map((finding) => [finding.data?.organization, finding.evidence])).toEqual([
      ['AppLovin', [{ kind: 'har-entry', index: 2 }]],
      ['adexchange.example', [{ kind: 'har-entry', index: 3 }]],
    ]);
    expect(result.findings[0]!.message).toContain('ms.applovin.com');
  });

  it('treats a Ghostery attribution to a certified company as certified', () => {
    const analysis = network([game, entry('https://pagead2.googlesyndication.example/x', { index: 1, tracker: { organization: 'Google LLC', category: 'advertising', familiesCertified: null, source: 'trackerdb' } })]);
    expect(check.evaluate(input(makeEvidence(), analysis)).outcome).toBe('pass');
  });

  it('passes when only certified ad networks, or none, are contacted at launch', () => {
    const certified = network([game, entry('https://auction.unityads.unity3d.com/v6/games/1/requests', { index: 1, tracker: tracker('Unity', 'advertising', true) })]);
    expect(check.evaluate(input(makeEvidence(), certified)).outcome).toBe('pass');
    const laterOnly = network([game, entry('https://ms.applovin.com/1.0/mediate', { index: 1, phase: 'consent', tracker: tracker('AppLovin', 'advertising', false) })]);
    expect(check.evaluate(input(makeEvidence(), laterOnly)).outcome).toBe('pass');
  });

  it('is inconclusive when no network traffic was captured', () => {
    const evidence = makeEvidence({ incompleteReasons: [{ phase: 'launch', message: 'The proxy failed to start.', affects: ['network'] }] });
    const result = check.evaluate(input(evidence, network([])));
    expect(result.outcome).toBe('inconclusive');
    expect(result.summary).toContain('The proxy failed to start.');
  });

  it('says an uncertified network was contacted, not that it received requests, when only its handshake was seen', () => {
    const analysis = network([game, entry('https://ms.applovin.com/', { index: 1, method: 'CONNECT', status: 0, tracker: tracker('AppLovin', 'advertising', false), readability: { state: 'tls-failed', reason: "The app refused the capture's certificate for t.appsflyer.com (certificate unknown), so no request was carried." } })]);
    const result = check.evaluate(input(makeEvidence(), analysis));
    expect(result.outcome).toBe('fail');
    expect(result.summary).toBe('1 ad network outside the Families self-certified list was contacted (a connection was attempted) before the child did anything.');
    expect(result.findings[0]!.message).toMatch(/^1 connection attempt at launch went to AppLovin/);
  });

  it('is inconclusive, not a pass, when a third-party request could not be read', () => {
    const analysis = network([game, entry('https://rtb.adexchange.example/bid', { index: 1, method: 'POST', registrableDomain: 'adexchange.example', readability: { state: 'opaque', reason: 'The body is an AppLovin-encrypted payload (1:<sha1>:<key>:<payload>).' } })]);
    const result = check.evaluate(input(makeEvidence(), analysis));
    expect(result.outcome).toBe('inconclusive');
    expect(result.summary).toMatch(/^No ad request was seen at launch, but 1 request to 1 company \(adexchange\.example\) could not be read/);
  });
});
