// The report's "Companies the game contacted" data view, from a result scored on the fixture
// derived from real samples (test/fixtures/real-traffic/wire-formats.har).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseNetwork } from '../../src/analysis/analyse-network.ts';
import { HarSchema } from '../../src/evidence/har.ts';
import { companyDataView } from '../../src/report/company-data-view.ts';
import type { NetworkEntrySummary, Result } from '../../src/scoring/result-schema.ts';

const har = HarSchema.parse(JSON.parse(readFileSync(new URL('../fixtures/real-traffic/wire-formats.har', import.meta.url), 'utf8')));
const analysis = analyseNetwork(har, { firstPartyDomains: ['example.com'], identifiers: { advertisingId: '60e5d787-7b10-4341-8289-a784280e7f1f', 'custom:mopubIfa': 'f6b2e3fc-76b5-4936-8248-bbfabd16ac3b' } }, { fallback: null });
/** Only the parts of a result the view reads. */
const result = { network: { entries: analysis.entries, organisations: analysis.organisations } } as unknown as Result;
const entriesOf = (organization: string) => analysis.entries.filter((entry) => entry.tracker?.organization === organization) as unknown as NetworkEntrySummary[];

describe('company data view', () => {
  it('lists each kind of data a company received, who saw it and the requests that carried it (Adjust, rt-063)', () => {
    expect(companyDataView(result, 'Adjust', entriesOf('Adjust')).kinds).toEqual([
      { label: 'Device advertising ID (GAID/IDFA)', seenBy: 'found by our identifier search and decoded by TrackHAR', requests: [{ index: 15, anchor: 'entry-15' }] },
      { label: 'OS name', seenBy: 'decoded by TrackHAR', requests: [{ index: 15, anchor: 'entry-15' }] },
    ]);
  });

  it('says which company received what could not be read, and why (AppsFlyer encrypted body, rt-027)', () => {
    const view = companyDataView(result, 'AppsFlyer', entriesOf('AppsFlyer'));
    expect(view.kinds).toEqual([]);
    expect(view.unreadable).toEqual({
      sentence: '1 request to AppsFlyer could not be read, so what it carried is not known.',
      reasons: ['The body is AppsFlyer-encrypted (binary, as AppsFlyer SDKs encrypt their event bodies): what it carries cannot be seen.'],
      requests: [{ index: 11, anchor: 'entry-11' }],
    });
  });

  it('shows where TrackHAR and our search disagree (MoPub, rt-081)', () => {
    const mopub = analysis.entries.filter((entry) => entry.host === 'ads.mopub.com') as unknown as NetworkEntrySummary[];
    expect(companyDataView(result, undefined, mopub).differences).toEqual([
      { detail: "Our identifier search found custom:mopubIfa in this request; TrackHAR's adapter mopub/ads did not decode it.", request: { index: 0, anchor: 'entry-0' } },
    ]);
  });
});
