import { describe, expect, it } from 'vitest';
import check from '../../checks/profiling.personalised-ads-signals.ts';
import { adSignals, entry, input, makeEvidence, network, tracker } from './fixtures/evidence-factory.ts';

const game = entry('https://play.test-game.example/index.html', { index: 0 });
const google = tracker('Google', 'advertising', true);

describe('profiling.personalised-ads-signals', () => {
  it('fails on a launch ad request that allows personalised ads (tfcd=0&npa=0), and on an OpenRTB bid saying coppa 0', () => {
    const analysis = network([
      game,
      entry('https://googleads.g.doubleclick.net/pagead/ads?tfcd=0&npa=0', { index: 1, tracker: google, adSignals: adSignals(false, true, { tfcd: '0', npa: '0' }) }),
      entry('https://rtb.adexchange.example/openrtb2/auction', { index: 2, method: 'POST', adSignals: adSignals(false, 'unknown', { 'regs.coppa': '0' }) }),
    ]);
    const result = check.evaluate(input(makeEvidence(), analysis));
    expect(result.outcome).toBe('fail');
    expect(result.findings.map((finding) => [finding.data?.organization, finding.evidence])).toEqual([
      ['Google', [{ kind: 'har-entry', index: 1 }]],
      ['adexchange.example', [{ kind: 'har-entry', index: 2 }]],
    ]);
    expect(result.findings[0]!.message).toContain('tfcd=0');
  });

  it('passes when launch ad requests are child-directed and non-personalised, or when there are none', () => {
    const careful = network([game, entry('https://googleads.g.doubleclick.net/pagead/ads?tfcd=1&npa=1', { index: 1, tracker: google, adSignals: adSignals(true, false, { tfcd: '1', npa: '1' }) })]);
    expect(check.evaluate(input(makeEvidence(), careful)).outcome).toBe('pass');
    // Personalised requests after the launch phase are not the default.
    const later = network([game, entry('https://googleads.g.doubleclick.net/pagead/ads', { index: 1, phase: 'play', tracker: google, adSignals: adSignals(false, true, { npa: '0' }) })]);
    const result = check.evaluate(input(makeEvidence(), later));
    expect(result.outcome).toBe('pass');
    expect(result.summary).toBe('No ad requests were made at launch.');
  });

  it('warns when a launch ad request says nothing either way', () => {
    const analysis = network([game, entry('https://ads.mopub.example/m/ad', { index: 1, tracker: tracker('Example Ads', 'advertising'), adSignals: adSignals('unknown', 'unknown', { gdpr: '0' }) })]);
    expect(check.evaluate(input(makeEvidence(), analysis)).outcome).toBe('warn');
  });

  it('is inconclusive when nothing was captured in the launch phase', () => {
    expect(check.evaluate(input(makeEvidence(), network([]))).outcome).toBe('inconclusive');
    const onlyLater = network([entry('https://play.test-game.example/index.html', { index: 0, phase: 'play' })]);
    expect(check.evaluate(input(makeEvidence(), onlyLater)).outcome).toBe('inconclusive');
  });
});
