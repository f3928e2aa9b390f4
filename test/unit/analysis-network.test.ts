import { describe, expect, it } from 'vitest';
import { analyseNetwork, precisionMetres } from '../../src/analysis/analyse-network.ts';
import { analysisContextFromEvidence } from '../../src/analysis/analysis-context.ts';
import { annotateHar } from '../../src/analysis/annotate-har.ts';
import { trackerDbAvailable } from '../../src/analysis/trackerdb-fallback.ts';
import type { AnalysisContext } from '../../src/analysis/types.ts';
import type { Har, HarEntry } from '../../src/evidence/har.ts';
import { makeEvidence } from './fixtures/evidence-factory.ts';

// A TCF v2 string consenting purposes 1-4 for vendors 10 and 755 (encoded with @iabtcf/core), and one consenting purpose 1 only.
const tcAll = 'CQuIxQAQuIxQAAfABBENBkCAAPAAAAAAAAAAF5wAgAFALzAAAAAA.IF5wAgAFALzA';
const tcBasic = 'CQuIxQAQuIxQAAfABBENBkCAAIAAAAAAAAAAAAAAAAAA.IF5wAgAFALzA';
const context: AnalysisContext = { firstPartyDomains: ['blockpuzzle.co.uk'], identifiers: {}, mockLocation: { latitude: 51.5014, longitude: -0.1419 } };

function harEntry(url: string, body?: string, phase?: HarEntry['_phase']): HarEntry {
  return {
    startedDateTime: '2026-03-02T10:00:01.000Z',
    time: 10,
    request: { method: body ? 'POST' : 'GET', url, httpVersion: 'HTTP/1.1', headers: [], queryString: [], cookies: [], headersSize: -1, bodySize: -1, ...(body ? { postData: { mimeType: 'application/json', text: body } } : {}) },
    response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: '' }, redirectURL: '', headersSize: -1, bodySize: -1 },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
    ...(phase ? { _phase: phase } : {}),
  };
}
const harOf = (...entries: HarEntry[]): Har => ({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } });

describe('parties and trackers', () => {
  it('decides first or third party by registrable domain from the ICANN suffix list', () => {
    const analysis = analyseNetwork(harOf(harEntry('https://cdn.blockpuzzle.co.uk/a.js'), harEntry('https://blockpuzzle.co.uk.evil.example/'), harEntry('https://mygame.appspot.com/')), context, { fallback: null });
    expect(analysis.entries.map((entry) => [entry.registrableDomain, entry.party])).toEqual([
      ['blockpuzzle.co.uk', 'first'],
      ['evil.example', 'third'],
      ['appspot.com', 'third'],
    ]);
  });

  it('attributes hosts from the catalogue, longest suffix first, with Families certification', () => {
    const analysis = analyseNetwork(harOf(harEntry('https://googleads.g.doubleclick.net/mads/gma'), harEntry('https://region1.app-measurement.com/a'), harEntry('https://ms.applovin.com/'), harEntry('https://sdk-api.kidoz.net/api/initSDK')), context, { fallback: null });
    expect(analysis.entries.map((entry) => [entry.tracker?.organization, entry.tracker?.category, entry.tracker?.familiesCertified])).toEqual([
      ['Google', 'advertising', true],
      ['Google', 'analytics', null],
      ['AppLovin', 'advertising', false],
      ['Kidoz', 'advertising', true],
    ]);
    expect(analysis.organisations.map((organisation) => [organisation.organization, organisation.category, organisation.familiesCertified])).toEqual([
      ['Google', 'advertising', true],
      ['AppLovin', 'advertising', false],
      ['Kidoz', 'advertising', true],
    ]);
  });

  // Ghostery's database is optional (its licence differs): the test of it runs where it is installed,
  // and the test without it runs everywhere.
  it.runIf(trackerDbAvailable)('asks Ghostery trackerdb about hosts the catalogue does not know', () => {
    const har = harOf(harEntry('https://sdk.iad-01.braze.com/api/v3/data'));
    expect(analyseNetwork(har, context).entries[0]!.tracker).toMatchObject({ organization: 'Braze', category: 'analytics', source: 'trackerdb' });
  });

  it('leaves a host the catalogue does not know unattributed when there is no second opinion', () => {
    const har = harOf(harEntry('https://sdk.iad-01.braze.com/api/v3/data'));
    expect(analyseNetwork(har, context, { fallback: null }).entries[0]!.tracker).toBeUndefined();
  });
});

describe('location', () => {
  it('records the precision of the mock location in the usual shapes, within 0.01°', () => {
    const analysis = analyseNetwork(
      harOf(
        harEntry('https://a.example/?lat=51.5014&lon=-0.1419'),
        harEntry('https://b.example/', JSON.stringify({ latitude: 51.50, longitude: -0.14 }).replace('51.5', '51.50').replace('-0.14', '-0.14')),
        harEntry('https://c.example/?ll=51.509,-0.135'),
        harEntry('https://d.example/', '{"lat":51.5014,"lng":-0.1419,"acc":20}'),
      ),
      context,
      { fallback: null },
    );
    expect(analysis.entries.map((entry) => entry.location?.precisionDecimals)).toEqual([4, 2, 3, 4]);
    expect(analysis.entries[0]!.location).toMatchObject({ metres: precisionMetres(4), where: 'query', field: 'lat' });
    expect(precisionMetres(2)).toBeCloseTo(1113.2, 1);
  });

  it('does not count one decimal, a far-away point, or part of a longer number', () => {
    const analysis = analyseNetwork(harOf(harEntry('https://a.example/?lat=51.5&lon=-0.1'), harEntry('https://b.example/?lat=51.53&lon=-0.1419'), harEntry('https://c.example/?v=151.5014&w=-0.14190')), context, { fallback: null });
    expect(analysis.entries.map((entry) => entry.location)).toEqual([undefined, undefined, undefined]);
  });
});

describe('ad signals', () => {
  it('reads Google parameters, including DoubleClick semicolon parameters and a TCF string', () => {
    const analysis = analyseNetwork(
      harOf(
        harEntry(`https://googleads.g.doubleclick.net/pagead/ads?tfcd=0&npa=0&gdpr=1&gdpr_consent=${tcAll}`),
        harEntry('https://ad.doubleclick.net/ddm/activity;src=1;tfcd=1;npa=1;ord=1'),
        harEntry('https://googleads.g.doubleclick.net/pagead/ads?tfat=1&max_ad_content_rating=G'),
      ),
      context,
      { fallback: null },
    );
    const [leaky, careful, teen] = analysis.entries.map((entry) => entry.adSignals);
    expect(leaky).toMatchObject({ childDirected: false, personalisedAds: true, consent: { gdprApplies: true, tcString: tcAll, decoded: { purposesConsented: [1, 2, 3, 4], vendorsConsented: 2, cmpId: 31 } } });
    expect(careful).toMatchObject({ childDirected: true, personalisedAds: false, params: { tfcd: '1', npa: '1' } });
    expect(teen).toMatchObject({ childDirected: true, personalisedAds: false, params: { tfat: '1', max_ad_content_rating: 'G' } });
  });

  it('reads OpenRTB 2.5 (ext) and 2.6 (promoted) fields, and records an undecodable consent string as such', () => {
    const rtb25 = { imp: [{ id: '1' }], regs: { coppa: 0, ext: { gdpr: 1 } }, user: { ext: { consent: tcBasic } }, device: { ifa: '3f2a9c4e-7b1d-4e8a-9c55-2d6f1a0b7e93', lmt: 0 } };
    const rtb26 = { imp: [{ id: '1' }], regs: { coppa: 1, gdpr: 1 }, user: { consent: 'not-a-tc-string!' }, device: { ifa: '00000000-0000-0000-0000-000000000000', lmt: 1 } };
    const analysis = analyseNetwork(harOf(harEntry('https://rtb.example/bid', JSON.stringify(rtb25)), harEntry('https://rtb.example/bid', JSON.stringify(rtb26))), context, { fallback: null });
    const first = analysis.entries[0]!.adSignals!;
    const second = analysis.entries[1]!.adSignals!;
    expect(first.childDirected).toBe(false);
    // Purpose 1 only: the TCF string withholds consent to personalised ads, but a real device.ifa
    // with lmt=0 goes out with it. The request contradicts itself, so personalisation is unknown.
    expect(first.personalisedAds).toBe('unknown');
    expect(first.conflicts?.[0]?.values.map((value) => value.name)).toEqual(['device.ifa', 'user.ext.consent']);
    expect(first.consent?.decoded).toEqual({ purposesConsented: [1], vendorsConsented: 0, cmpId: 31 });
    expect(first.params).toMatchObject({ 'regs.coppa': '0', 'regs.ext.gdpr': '1', 'device.lmt': '0' });
    expect(second).toMatchObject({ childDirected: true, personalisedAds: false, params: { 'regs.coppa': '1', 'regs.gdpr': '1' } });
    expect(second.consent?.decoded).toMatchObject({ error: expect.stringContaining('not a decodable TCF v2 string') });
  });

  it('reads Unity, AppLovin and ironSource privacy fields', () => {
    const analysis = analyseNetwork(
      harOf(
        harEntry('https://auction.unityads.unity3d.com/v6/games/1/requests', JSON.stringify({ user: { nonBehavioral: true }, coppa: true })),
        harEntry('https://ms.applovin.com/1.0/mediate?has_user_consent=true&is_age_restricted_user=false'),
        harEntry('https://outcome-ssp.supersonicads.com/mediation?do_not_sell=true&is_child_directed=true'),
      ),
      context,
      { fallback: null },
    );
    expect(analysis.entries.map((entry) => [entry.adSignals?.childDirected, entry.adSignals?.personalisedAds])).toEqual([
      [true, false],
      [false, true],
      [true, false],
    ]);
  });
});

describe('context, annotation and purity', () => {
  it('builds the context from the bundle: identifiers, learned ids, android id, third-party cookies, location', () => {
    const evidence = makeEvidence({
      knownIdentifiers: { email: 'ico.test.persona@example.org' },
      learnedIdentifiers: [{ kind: 'advertisingId', value: '3f2a9c4e-7b1d-4e8a-9c55-2d6f1a0b7e93', source: 'adb shell settings' }],
      android: { package: 'com.example.game', androidId: '9a3f5c7e1b2d4f60' },
      mockLocation: { latitude: 51.5014, longitude: -0.1419 },
      storage: [
        {
          phase: 'launch',
          at: '2026-03-02T10:00:09.000Z',
          eventId: 'ev-0004',
          localStorage: [],
          cookies: [
            { name: 'uid', value: '7c9e6679f2b14a1f', domain: '.tracker.example', path: '/', expires: 1900000000, httpOnly: false, secure: true, sameSite: 'None' },
            { name: 'session', value: 'firstpartysession1', domain: 'play.test-game.example', path: '/', expires: -1, httpOnly: true, secure: true, sameSite: 'Lax' },
            { name: 'ok', value: '1', domain: '.tracker.example', path: '/', expires: -1, httpOnly: false, secure: true, sameSite: 'None' },
          ],
        },
      ],
    });
    const built = analysisContextFromEvidence(evidence);
    expect(built.identifiers).toEqual({ email: 'ico.test.persona@example.org', advertisingId: '3f2a9c4e-7b1d-4e8a-9c55-2d6f1a0b7e93', androidId: '9a3f5c7e1b2d4f60', 'cookie:uid': '7c9e6679f2b14a1f' });
    expect(built.identifierDetails?.['cookie:uid']).toMatchObject({ persistent: true, setBy: 'tracker.example' });
    expect(built.identifierDetails?.androidId?.persistent).toBe(true);
    expect(built.mockLocation).toEqual({ latitude: 51.5014, longitude: -0.1419 });
  });

  it('annotates a copy of the HAR and leaves the original untouched; the same input gives the same output', () => {
    const har = harOf(harEntry('https://googleads.g.doubleclick.net/pagead/ads?tfcd=1&npa=1&lat=51.5014&lon=-0.1419', undefined, 'launch'));
    const before = JSON.stringify(har);
    const analysis = analyseNetwork(har, context);
    const annotated = annotateHar(har, analysis) as unknown as { log: { entries: Record<string, unknown>[] } };
    expect(JSON.stringify(har)).toBe(before);
    expect(annotated.log.entries[0]).toMatchObject({
      _party: 'third',
      _tracker: { organization: 'Google', category: 'advertising', familiesCertified: true, source: 'catalogue' },
      _identifiers: [],
      _location: { precisionDecimals: 4, metres: precisionMetres(4) },
      _adSignals: { childDirected: true, personalisedAds: false },
    });
    expect(JSON.stringify(analyseNetwork(har, context))).toBe(JSON.stringify(analysis));
  });
});
