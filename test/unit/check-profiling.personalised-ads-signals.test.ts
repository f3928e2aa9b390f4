import { describe, expect, it } from 'vitest';
import check from '../../checks/profiling.personalised-ads-signals.ts';
import { collectAdParams, interpretAdSignals } from '../../src/analysis/ad-signals.ts';
import { gmaInterstitialRt038 } from '../fixtures/ad-signals/real-traffic.ts';
import { adSignals, entry, input, makeEvidence, network, tracker } from './fixtures/evidence-factory.ts';

/** The real analysis of a URL, so these tests follow what ad-signals.ts actually records. */
function analysed(url: string) {
  return interpretAdSignals(collectAdParams({ url, party: 'third' }).params, url)!;
}

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

  // AppLovin's encrypted bodies (real-traffic samples rt-031, rt-075): what they ask for cannot be read.
  it('is inconclusive, not a pass, when the only launch ad traffic could not be read, and names the company', () => {
    const applovin = tracker('AppLovin', 'advertising', false);
    const opaque = network([
      game,
      entry('https://ms.applovin.com/1.0/mediate', { index: 1, method: 'POST', tracker: applovin, readability: { state: 'opaque', reason: "the body is AppLovin's encrypted 1:<sha1>:<key>:<payload> format." } }),
      entry('https://googleads.g.doubleclick.net/pagead/ads?tfcd=1&npa=1', { index: 2, tracker: google, adSignals: adSignals(true, false, { tfcd: '1', npa: '1' }) }),
    ]);
    const result = check.evaluate(input(makeEvidence(), opaque));
    expect(result.outcome).toBe('inconclusive');
    expect(result.summary).toBe(
      'The one readable ad request made at launch asked for child-directed or non-personalised ads, but 1 request to 1 company (AppLovin) could not be read: what they carry is encrypted or in a format the analysis cannot decode; so it cannot be ruled out.',
    );
    expect(result.findings.map((finding) => finding.evidence)).toEqual([[{ kind: 'har-entry', index: 1 }]]);
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

  it('warns on contradictory signals, quoting both values (npa=0&ltd=1)', () => {
    const analysis = network([game, entry('https://googleads.g.doubleclick.net/pagead/ads?npa=0&ltd=1', { index: 1, tracker: google, adSignals: analysed('https://googleads.g.doubleclick.net/pagead/ads?npa=0&ltd=1') })]);
    const result = check.evaluate(input(makeEvidence(), analysis));
    expect(result.outcome).toBe('warn');
    expect(result.findings.map((finding) => [finding.severity, finding.message])).toEqual([
      ['warn', '1 ad request to Google (googleads.g.doubleclick.net) at launch sent signals that disagree: npa=0 allows personalised ads, but ltd=1 asks for limited ads: the request is contradictory.'],
    ]);
  });

  it('fails tfcd=0&npa=0 even with us_privacy=1YYN, and says the US string contradicts it without deciding', () => {
    const url = 'https://googleads.g.doubleclick.net/pagead/ads?tfcd=0&npa=0&us_privacy=1YYN';
    const result = check.evaluate(input(makeEvidence(), network([game, entry(url, { index: 1, tracker: google, adSignals: analysed(url) })])));
    expect(result.outcome).toBe('fail');
    expect(result.findings.map((finding) => finding.severity)).toEqual(['fail', 'warn']);
    expect(result.findings[1]!.message).toBe(
      '1 ad request to Google (googleads.g.doubleclick.net) at launch sent signals that disagree: npa=0 allows personalised ads, but us_privacy=1YYN restricts sale under US law: the request is contradictory (us_privacy is a US signal and does not decide treatment in the UK).',
    );
  });

  it('does not pass on a parameter name no public source confirms: tfat inside an in-app /mads/gma request', () => {
    const url = 'https://googleads.g.doubleclick.net/mads/gma?tfat=1';
    const result = check.evaluate(input(makeEvidence(), network([game, entry(url, { index: 1, tracker: google, adSignals: analysed(url) })])));
    expect(result.outcome).toBe('warn');
    expect(result.findings.map((finding) => [finding.severity, finding.message])).toEqual([
      ['warn', '1 ad request to Google (googleads.g.doubleclick.net) at launch: the parameter name tfat is not confirmed by a public source for in-app (/mads/gma) requests, so what it asks for is not certain.'],
    ]);
    // The same name on a web tag is documented, and the request passes.
    const web = 'https://securepubads.g.doubleclick.net/gampad/ads?tfat=1';
    expect(check.evaluate(input(makeEvidence(), network([game, entry(web, { index: 1, tracker: google, adSignals: analysed(web) })]))).outcome).toBe('pass');
  });

  it('reports an advertising id sent but not shown (rt-038: adid_p=1, rdidl=36)', () => {
    const analysis = network([game, entry(gmaInterstitialRt038.url, { index: 1, tracker: google, adSignals: analysed(gmaInterstitialRt038.url) })]);
    const result = check.evaluate(input(makeEvidence(), analysis));
    expect(result.outcome).toBe('warn');
    expect(result.findings.map((finding) => finding.message)).toEqual([
      '1 ad request to Google (googleads.g.doubleclick.net) at launch said an advertising id of 36 characters was sent (adid_p=1, rdidl=36); its value is not visible. These parameter names are not confirmed by a public source: their meaning is inferred from real requests.',
      '1 ad request to Google (googleads.g.doubleclick.net) at launch said neither that the user may be a child nor that ads must not be personalised.',
    ]);
    expect(result.findings[0]!.data).toMatchObject({ advertisingIdLength: 36 });
  });
});
