import { describe, expect, it } from 'vitest';
import { collectAdParams, interpretAdSignals } from '../../src/analysis/ad-signals.ts';
import { adSignalNames, unconfirmedReason } from '../../src/analysis/ad-signal-names.ts';
import { branchInstallRt028, gmaInterstitialRt038, gmaWebViewRt039, prebidAuctionRt034, prebidAuctionRt034AsPrinted, vungleConfigRt035, type RealAdRequest } from '../fixtures/ad-signals/real-traffic.ts';

function signalsOf(url: string, body?: string, party: 'first' | 'third' = 'third') {
  const { params } = collectAdParams({ url, party, ...(body !== undefined ? { body: { text: body, mimeType: 'application/json' } } : {}) });
  return interpretAdSignals(params, url);
}

function signalsOfRecord(record: RealAdRequest) {
  const { params } = collectAdParams({ url: record.url, party: 'third', ...(record.body ? { body: record.body } : {}) });
  return interpretAdSignals(params, record.url);
}

// The inputs of the code review's Appendix A #3 (finding H6).
describe('signals that disagree are a conflict, not a restriction', () => {
  it('tfcd=0&npa=0&us_privacy=1YYN: npa=0 decides (personalised); the US-law string is recorded as contradicting it', () => {
    const signals = signalsOf('https://googleads.g.doubleclick.net/pagead/ads?tfcd=0&npa=0&us_privacy=1YYN');
    expect(signals).toMatchObject({ childDirected: false, personalisedAds: true, consent: { usPrivacy: '1YYN' } });
    expect(signals?.conflicts).toEqual([
      {
        signal: 'personalisedAds',
        values: [
          { name: 'npa', value: '0', says: 'exposes', means: 'allows personalised ads', decides: true },
          { name: 'us_privacy', value: '1YYN', says: 'protects', means: 'restricts sale under US law', decides: false },
        ],
      },
    ]);
  });

  it('npa=0&ltd=1: personalisation is unknown, with both values in the conflict', () => {
    const signals = signalsOf('https://googleads.g.doubleclick.net/pagead/ads?npa=0&ltd=1');
    expect(signals).toMatchObject({ childDirected: 'unknown', personalisedAds: 'unknown' });
    expect(signals?.conflicts).toEqual([
      {
        signal: 'personalisedAds',
        values: [
          { name: 'npa', value: '0', says: 'exposes', means: 'allows personalised ads', decides: true },
          { name: 'ltd', value: '1', says: 'protects', means: 'asks for limited ads', decides: true },
        ],
      },
    ]);
  });

  it('regs.coppa=0 with a real device.ifa and has_user_consent=false: not a child, personalisation contradictory', () => {
    const body = '{"regs":{"coppa":0},"device":{"ifa":"472e5d6c-0759-4c0b-9d26-3e7104266e5a"},"has_user_consent":false}';
    const signals = signalsOf('https://rtb.adexchange.example/openrtb2/auction', body);
    expect(signals).toMatchObject({ childDirected: false, personalisedAds: 'unknown' });
    expect(signals?.conflicts?.[0]?.values.map((value) => `${value.name}=${value.value}`)).toEqual(['device.ifa=472e5d6c-0759-4c0b-9d26-3e7104266e5a', 'has_user_consent=false']);
    expect(signals?.unconfirmed).toEqual([{ name: 'has_user_consent', why: 'as a request field (documented as an SDK setting)' }]);
  });

  it("a first-party JSON field named coppa is the game's own setting, not an ad network's signal", () => {
    expect(signalsOf('https://api.test-game.example/v1/settings', '{"settings":{"coppa":false}}', 'first')).toBeUndefined();
    // The same body sent to a third party is read.
    expect(signalsOf('https://ads.network.example/v1/settings', '{"settings":{"coppa":false}}', 'third')).toMatchObject({ childDirected: false, params: { 'settings.coppa': 'false' } });
  });

  it('tfcd=0 and tfcd-like child flags that disagree leave child-directedness unknown', () => {
    const signals = signalsOf('https://googleads.g.doubleclick.net/pagead/ads?tfcd=0&tfua=1');
    expect(signals).toMatchObject({ childDirected: 'unknown', personalisedAds: false });
    expect(signals?.conflicts?.map((conflict) => conflict.signal)).toEqual(['childDirected']);
  });

  it('agreeing signals stay decided and record no conflict (tfcd=1&npa=1; tfcd=0&npa=1)', () => {
    expect(signalsOf('https://googleads.g.doubleclick.net/pagead/ads?tfcd=1&npa=1')).toEqual({ childDirected: true, personalisedAds: false, params: { tfcd: '1', npa: '1' } });
    expect(signalsOf('https://googleads.g.doubleclick.net/pagead/ads?tfcd=0&npa=1')).toEqual({ childDirected: false, personalisedAds: false, params: { tfcd: '0', npa: '1' } });
  });

  it('tfat=0 is "unspecified", which says nothing about the user', () => {
    expect(signalsOf('https://googleads.g.doubleclick.net/pagead/ads?tfat=0')).toEqual({ childDirected: 'unknown', personalisedAds: 'unknown', params: { tfat: '0' } });
  });
});

describe('parameter names a public source does not confirm', () => {
  it('tfat and npa are confirmed on web tags but not inside in-app /mads/gma requests', () => {
    expect(signalsOf('https://securepubads.g.doubleclick.net/gampad/ads?tfat=1')?.unconfirmed).toBeUndefined();
    expect(signalsOf('https://googleads.g.doubleclick.net/mads/gma?tfat=1&npa=1')?.unconfirmed).toEqual([
      { name: 'tfat', why: 'for in-app (/mads/gma) requests' },
      { name: 'npa', why: 'for in-app (/mads/gma) requests' },
    ]);
    expect(unconfirmedReason('tfat', '/pagead/ads')).toBeUndefined();
  });

  it('keeps a table row, with a source, for every name the analysis reads', () => {
    const names = adSignalNames.map((row) => row.name);
    for (const name of ['tfcd', 'tfua', 'tfat', 'npa', 'rdp', 'ltd', 'us_privacy', 'regs.coppa', 'device.ifa', 'adid_p', 'rdidl', 'coppa', 'has_user_consent', 'lat_val', 'user.gdpr.consent_status']) expect(names).toContain(name);
    expect(adSignalNames.filter((row) => row.source.length === 0)).toEqual([]);
    expect(adSignalNames.find((row) => row.name === 'adid_p')?.confirmed).toBe(false);
  });
});

describe('real SDK requests (real-traffic samples)', () => {
  it('rt-038 Google Mobile Ads: an advertising id of 36 characters was sent, its value not visible; nothing said about children', () => {
    expect(signalsOfRecord(gmaInterstitialRt038)).toEqual({
      childDirected: 'unknown',
      personalisedAds: 'unknown',
      params: { adid_p: '1', is_lat: 'false', rdidl: '36' },
      advertisingIdSentHidden: { flag: 'adid_p', length: 36 },
    });
  });

  it('rt-039 Google Mobile Ads from the SDK WebView: an advertising id was sent, length not given', () => {
    expect(signalsOfRecord(gmaWebViewRt039)?.advertisingIdSentHidden).toEqual({ flag: 'adid_p' });
  });

  it('rt-034 Prebid OpenRTB: a real device.ifa with lmt=0 allows personalisation; the cut-short TC string is undecodable', () => {
    const signals = signalsOfRecord(prebidAuctionRt034);
    expect(signals).toMatchObject({ childDirected: 'unknown', personalisedAds: true, params: { 'device.ifa': '472e5d6c-0759-4c0b-9d26-3e7104266e5a', 'device.lmt': '0' } });
    expect(signals?.consent?.decoded).toEqual({ error: 'not a decodable TCF v2 string: bitfield encoding length mismatch' });
    // As printed (markdown inside, cut short) the body is not JSON: nothing is read, and nothing is claimed.
    expect(signalsOfRecord(prebidAuctionRt034AsPrinted)).toBeUndefined();
  });

  it('rt-035 Vungle config: a 15-hex device.ifa counts as a real id; a cut-short consent_status says nothing', () => {
    expect(signalsOfRecord(vungleConfigRt035)).toMatchObject({
      childDirected: 'unknown',
      personalisedAds: true,
      params: { 'device.ifa': '2f3191f1154e246', 'device.lmt': '0', 'user.gdpr.consent_status': 'opte' },
    });
    const optedOut = vungleConfigRt035.body!.text.replace('"opte"', '"opted_out"');
    expect(signalsOf(vungleConfigRt035.url, optedOut)).toMatchObject({ personalisedAds: 'unknown', conflicts: [{ signal: 'personalisedAds' }] });
  });

  it('rt-028 Branch install: lat_val=0 is recorded as a parameter and decides nothing', () => {
    expect(signalsOfRecord(branchInstallRt028)).toEqual({ childDirected: 'unknown', personalisedAds: 'unknown', params: { lat_val: '0' } });
  });

  it('Meta Audience Network COPPA=0 (uppercase form field, as in its ad requests) says adult', () => {
    const { params } = collectAdParams({ url: 'https://graph.facebook.com/network_ads_common', party: 'third', body: { text: 'COPPA=0&IDFA_FLAG=0', mimeType: 'application/x-www-form-urlencoded' } });
    expect(interpretAdSignals(params)).toMatchObject({ childDirected: false, params: { COPPA: '0' }, unconfirmed: [{ name: 'COPPA', why: 'as a request field (documented as an SDK setting)' }] });
  });
});
