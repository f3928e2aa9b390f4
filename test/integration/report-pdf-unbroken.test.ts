// Printed reports never split a number, a coordinate or an identifier mid-way (report reading,
// item 25: "device.geo.lat=51.507 351", "advertisingTrackin gId"). Printed by Debian's Chromium,
// read back with unpdf. The coordinates are those of the leaky demo's OpenRTB request (see
// test/fixtures/requests/README.md); advertisingTrackingId is the Unity Ads field of real-traffic
// sample rt-043 (test/fixtures/real-traffic/derive-wire-formats.ts).
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumExecutable } from '../../src/capture/web/chromium.ts';
import type { NetworkEntrySummary } from '../../src/scoring/result-schema.ts';
import { renderGame } from '../../src/report/render-game.ts';
import { writeBundle } from '../fixtures/results/build-result.ts';
import { leakyGame } from '../fixtures/results/games.ts';

const openRtb: NetworkEntrySummary = {
  index: 11, method: 'POST', url: 'https://a.applovin.com/openrtb2/auction', host: 'a.applovin.com', phase: 'launch', status: 200, party: 'third', organization: 'AppLovin', category: 'advertising', familiesCertified: false, trackerSource: 'catalogue',
  identifiers: [{ kind: 'advertisingId', encoding: 'plain', where: 'body', field: 'ifa' }], location: { precisionDecimals: 6, metres: 0.11, where: 'body', field: 'lat' }, childDirected: false, personalisedAds: true,
  adParams: { 'device.geo.lat': '51.507351', 'device.geo.lon': '-0.127758', 'device.ifa': '3f2a9c4e-8b1d-4e6a-9f3c-2d7e5b8a1c60', 'regs.coppa': '0' },
};
const unity: NetworkEntrySummary = {
  index: 12, method: 'GET', url: 'https://publisher-config.unityads.unity3d.com/games/3268074/configuration?bundleId=com.PSVGamestudio.BrandNewPrototype&advertisingTrackingId=60e5d787-7b10-4341-8289-a784280e7f1f&limitAdTracking=false&deviceMake=motorola&deviceModel=XT1635-02',
  host: 'publisher-config.unityads.unity3d.com', phase: 'launch', status: 200, party: 'third', organization: 'Unity', category: 'advertising', familiesCertified: true, trackerSource: 'catalogue',
  identifiers: [{ kind: 'advertisingId', encoding: 'plain', where: 'query', field: 'advertisingTrackingId' }],
};

describe('the printed report keeps numbers and identifiers whole', () => {
  it('prints "51.507351", "-0.127758" and "advertisingTrackingId" unbroken', async () => {
    const run = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-pdf-'));
    const leaky = leakyGame();
    const bundleDir = writeBundle(run, {
      ...leaky,
      entries: [openRtb, unity],
      outcomes: {
        'profiling.personalised-ads-signals': { outcome: 'fail', summary: 'Ad requests say the user is not a child.', findings: [{ message: 'AppLovin bid request sent regs.coppa=0.', severity: 'fail', evidence: [{ kind: 'har-entry', index: 11 }, { kind: 'har-entry', index: 12 }] }] },
      },
    });
    await renderGame(bundleDir, { pdf: true, browser: { executablePath: chromiumExecutable(), args: chromiumArgs } });
    const pdf = await getDocumentProxy(new Uint8Array(readFileSync(path.join(bundleDir, 'report.pdf'))));
    const { text } = await extractText(pdf, { mergePages: true });
    const words = text.replace(/\s+/g, ' ');
    // Each place the report prints them (the finding, the location list and the network table's row), whole.
    expect(words.split('device.geo.lat=').slice(1).map((after) => after.slice(0, 9))).toEqual(['51.507351', '51.507351', '51.507351']);
    expect(words.split('device.geo.lon=').slice(1).map((after) => after.slice(0, 9))).toEqual(['-0.127758', '-0.127758', '-0.127758']);
    expect(words.split('in query ').slice(1).map((after) => after.slice(0, 21))).toEqual(['advertisingTrackingId', 'advertisingTrackingId']);
  }, 180_000);
});
