// requests.html: from a finding, one click to the request itself. Built on the real network.har
// of a leaky-demo capture (test/fixtures/requests/README.md); the summaries of entries 7 and 11
// are those that capture's result.json holds, and the choice event is its ev-0017.
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NetworkEntrySummary } from '../../src/scoring/result-schema.ts';
import { renderGame } from '../../src/report/render-game.ts';
import { writeBundle, type GameSpec } from '../fixtures/results/build-result.ts';
import { leakyGame } from '../fixtures/results/games.ts';

const har = path.resolve(import.meta.dirname, '../fixtures/requests/demo-leaky-web-child-8.har');

const googleAd: NetworkEntrySummary = {
  index: 7, method: 'GET', url: 'https://googleads.g.doubleclick.net/pagead/ads?client=ca-app-pub-3940256099942544&slotname=6300978111&format=320x50_mb&output=html&msid=com.demogames.starcatcherparty&rdid=3f2a9c4e-8b1d-4e6a-9f3c-2d7e5b8a1c60&is_lat=0&tfcd=0&npa=0&u_w=412&u_h=915',
  host: 'googleads.g.doubleclick.net', phase: 'launch', status: 200, party: 'third', organization: 'Google', category: 'advertising', familiesCertified: true, trackerSource: 'catalogue',
  identifiers: [{ kind: 'advertisingId', encoding: 'plain', where: 'query', field: 'rdid' }], childDirected: false, personalisedAds: true,
  adParams: { is_lat: '0', npa: '0', rdid: '3f2a9c4e-8b1d-4e6a-9f3c-2d7e5b8a1c60', tfcd: '0' },
};
const openRtb: NetworkEntrySummary = {
  index: 11, method: 'POST', url: 'https://a.applovin.com/openrtb2/auction', host: 'a.applovin.com', phase: 'launch', status: 200, party: 'third', organization: 'AppLovin', category: 'advertising', familiesCertified: false, trackerSource: 'catalogue',
  identifiers: [{ kind: 'advertisingId', encoding: 'plain', where: 'body', field: 'ifa' }], location: { precisionDecimals: 6, metres: 0.11, where: 'body', field: 'lat' }, childDirected: false, personalisedAds: true,
  adParams: { 'device.geo.country': 'GBR', 'device.geo.lat': '51.507351', 'device.geo.lon': '-0.127758', 'device.geo.type': '1', 'device.ifa': '3f2a9c4e-8b1d-4e6a-9f3c-2d7e5b8a1c60', 'device.lmt': '0', 'regs.coppa': '0', 'regs.ext.gdpr': '0' },
};

function spec(): GameSpec {
  const leaky = leakyGame();
  return {
    ...leaky,
    entries: [googleAd, openRtb],
    outcomes: {
      'profiling.personalised-ads-signals': { outcome: 'fail', summary: 'Ad requests say the user is not a child.', findings: [{ message: '1 ad request to AppLovin (a.applovin.com) at launch allowed personalised ads: regs.coppa=0.', severity: 'fail', evidence: [{ kind: 'har-entry', index: 11 }, { kind: 'har-entry', index: 7 }] }] },
    },
    observations: { ...leaky.observations!, events: [{ id: 'ev-0017', at: '2026-12-02T19:42:44.261Z', phase: 'consent', type: 'consent-dialog', message: 'Consent dialog found' }] },
  };
}

async function rendered(): Promise<{ report: string; requests: string }> {
  const run = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-requests-'));
  const bundleDir = writeBundle(run, spec());
  copyFileSync(har, path.join(bundleDir, 'network.har'));
  await renderGame(bundleDir);
  return { report: readFileSync(path.join(bundleDir, 'report.html'), 'utf8'), requests: readFileSync(path.join(bundleDir, 'requests.html'), 'utf8') };
}

describe('requests.html beside report.html', () => {
  it('links each cited request from its finding to its full record', async () => {
    const { report } = await rendered();
    expect(report).toContain('<a href="requests.html#entry-11">Open the full request #11 (URL, headers, body)</a>');
    expect(report).toContain('<a href="requests.html#entry-7">Open the full request #7 (URL, headers, body)</a>');
    // The network table's row opens it too.
    expect(report).toContain('<tr id="entry-11"><td><a href="requests.html#entry-11" aria-label="Open the full request #11">11</a></td>');
    // The main page still keeps bodies out: the bid request's "tmax" is only on requests.html.
    expect(report).not.toContain('tmax');
  });

  it('shows the OpenRTB request whole: time against the choice, HAR position, headers, body with the matched fields marked', async () => {
    const { requests } = await rendered();
    // <wbr> marks where a long value may wrap; the reader sees the text without it.
    const section = requests.split('<section class="request" id="entry-11"')[1]!.split('</section>')[0]!.replaceAll('<wbr>', '');
    expect(section).toContain('Request #11: POST');
    expect(section).toContain('<code class="long-id">https://a.applovin.com/openrtb2/auction</code>');
    expect(section).toContain('2026-12-02 19:42:34 UTC</span>, 10.0 s before the privacy choice (event ev-0017, 2026-12-02 19:42:44 UTC)');
    expect(section).toContain('entry 11 of network.har (18 entries, counted from 0)');
    expect(section).toContain('<dt>Response</dt><dd>200 OK</dd>');
    expect(section).toContain('<dt>Contents</dt><dd>Read in full</dd>');
    expect(section).toContain('<code class="long-id">Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/159.0.8154.6 Mobile Safari/537.36</code>');
    expect(section).toContain('<h3>Body (text/plain)</h3>');
    expect(section).toContain('<mark>&quot;coppa&quot;: 0</mark>');
    expect(section).toContain('<mark>&quot;lat&quot;: 51.507351</mark>');
    expect(section).toContain('<mark>&quot;ifa&quot;: &quot;3f2a9c4e-8b1d-4e6a-9f3c-2d7e5b8a1c60&quot;</mark>');
    // Pretty-printed, and what was not matched is not marked.
    expect(section).toContain('  &quot;tmax&quot;: 300,\n');
    expect(section).not.toContain('<mark>&quot;tmax&quot;');
  });

  it('decodes the query of a GET and marks the parameter the identifier sat in', async () => {
    const { requests } = await rendered();
    const section = requests.split('<section class="request" id="entry-7"')[1]!.split('</section>')[0]!.replaceAll('<wbr>', '');
    expect(section).toContain('<tr><td><code><mark>rdid</mark></code></td><td><code class="long-id"><mark>3f2a9c4e-8b1d-4e6a-9f3c-2d7e5b8a1c60</mark></code></td></tr>');
    expect(section).toContain('<tr><td><code>slotname</code></td><td><code class="long-id">6300978111</code></td></tr>');
    expect(section).toContain('<p>No request body.</p>');
  });

  it('is inert: the report’s policy, no scripts, and only the cited requests', async () => {
    const { requests } = await rendered();
    expect(requests).toContain('<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;; img-src &#x27;self&#x27; data:; style-src &#x27;sha256-');
    expect(requests).toContain('script-src &#x27;none&#x27;');
    expect(requests).not.toMatch(/<script/i);
    expect([...requests.matchAll(/<section class="request" id="(entry-\d+)"/g)].map((match) => match[1])).toEqual(['entry-7', 'entry-11']);
  });

  it('is not written when the bundle has no network.har', async () => {
    const run = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-requests-'));
    const bundleDir = writeBundle(run, spec());
    await renderGame(bundleDir);
    expect(existsSync(path.join(bundleDir, 'requests.html'))).toBe(false);
  });
});
