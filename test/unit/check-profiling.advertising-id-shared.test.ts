import { describe, expect, it } from 'vitest';
import check from '../../checks/profiling.advertising-id-shared.ts';
import { adSignals, entry, input, makeEvidence, network, tracker } from './fixtures/evidence-factory.ts';

const aaid = '3f2a9c4e-7b1d-4e8a-9c55-2d6f1a0b7e93';
const withAaid = makeEvidence({ platform: 'android', knownIdentifiers: { advertisingId: aaid } });
const game = entry('https://play.test-game.example/index.html', { index: 0 });

describe('profiling.advertising-id-shared', () => {
  it('fails when a third party receives the advertising id at launch, naming organisation, host, kind and encoding', () => {
    const analysis = network([
      game,
      entry('https://ms.applovin.com/1.0/mediate', { index: 1, tracker: tracker('AppLovin', 'advertising', false), identifiers: [{ kind: 'advertisingId', encoding: 'base64', where: 'query', field: 'idfa' }] }),
      // The same id in a later phase does not decide the default.
      entry('https://app.adjust.com/session', { index: 2, phase: 'play', tracker: tracker('Adjust', 'attribution'), identifiers: [{ kind: 'advertisingId', encoding: 'plain', where: 'body' }] }),
    ]);
    const result = check.evaluate(input(withAaid, analysis));
    expect(result.outcome).toBe('fail');
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]!.evidence).toEqual([{ kind: 'har-entry', index: 1 }]);
    expect(result.findings[0]!.data).toMatchObject({ organization: 'AppLovin', hosts: 'ms.applovin.com', identifierKind: 'advertisingId', encodings: 'base64' });
    expect(result.findings[0]!.message).toContain('base64');
  });

  it('fails on a real advertising id in an ad request even when it is not the one in the identifiers file', () => {
    const analysis = network([game, entry('https://rtb.adexchange.example/openrtb2/auction', { index: 1, method: 'POST', adSignals: adSignals(false, true, { 'device.ifa': '6f1c0a2e-1111-4b2c-9d3e-123456789abc' }) })]);
    const result = check.evaluate(input(withAaid, analysis));
    expect(result.outcome).toBe('fail');
    expect(result.findings[0]!.message).toContain('6f1c0a2e-1111-4b2c-9d3e-123456789abc');
  });

  it('passes when the known id is nowhere in the launch traffic, and the zero id in an ad request does not count', () => {
    const analysis = network([game, entry('https://googleads.g.doubleclick.net/mads/gma', { index: 1, tracker: tracker('Google', 'advertising', true), adSignals: adSignals(true, false, { tfcd: '1', rdid: '00000000-0000-0000-0000-000000000000' }) })]);
    const result = check.evaluate(input(withAaid, analysis));
    expect(result.outcome).toBe('pass');
  });

  it('is inconclusive when no network traffic was captured, or when the device id is unknown on Android', () => {
    expect(check.evaluate(input(withAaid, network([]))).outcome).toBe('inconclusive');
    const unknownId = check.evaluate(input(makeEvidence({ platform: 'android' }), network([game])));
    expect(unknownId.outcome).toBe('inconclusive');
    expect(unknownId.summary).toContain('advertisingId');
    expect(check.evaluate(input(makeEvidence(), network([game]))).outcome).toBe('not-applicable');
  });

  it('is inconclusive, not a pass, when a third-party request it had to search was opaque (AppLovin, real sample rt-075)', () => {
    const analysis = network([game, entry('https://ms.applovin.com/5.0/i', { index: 1, method: 'POST', tracker: tracker('AppLovin', 'advertising', false), readability: { state: 'opaque', reason: 'The body is an AppLovin-encrypted payload (1:<sha1>:<key>:<payload>).' } })]);
    const result = check.evaluate(input(withAaid, analysis));
    expect(result.outcome).toBe('inconclusive');
    expect(result.summary).toBe(
      'The advertising id was not found in any readable third-party request made at launch, but 1 request to 1 company (AppLovin) could not be read: what they carry is encrypted or in a format the analysis cannot decode; so it cannot be ruled out.',
    );
    expect(result.findings.map((finding) => finding.data?.readability)).toEqual(['opaque']);
  });
});
