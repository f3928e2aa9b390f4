// Hosts real SDKs use (shared/reference/real-traffic/README.md, "Hosts that attribution must know",
// and the records of samples.jsonl) are attributed by data/trackers.yaml to the right company.
import { describe, expect, it } from 'vitest';
import { bundledCatalogue } from '../../src/analysis/tracker-catalogue.ts';

const catalogue = bundledCatalogue();

describe('attribution of the hosts in real captures', () => {
  it.each([
    ['5yxfxv-register.appsflyersdk.com', 'AppsFlyer', 'AppsFlyer SDK'], // rt-061: random per-app prefix
    ['vekuql-dlsdk.appsflyersdk.com', 'AppsFlyer', 'AppsFlyer SDK'], // rt-062
    ['o-sdk.mediation.unity3d.com', 'Unity', 'ironSource / LevelPlay'], // rt-045
    ['outcome-ssp.supersonicads.com', 'Unity', 'ironSource / LevelPlay'], // rt-047
    ['gw-is.iads.unity3d.com', 'Unity', 'Unity Ads'], // rt-044
    ['httpkafka.unityads.unity3d.com', 'Unity', 'Unity Ads'], // rt-046
    ['configure.mtgglobals.com', 'Mintegral', 'Mintegral (Mbridge / Rayjump)'], // rt-051's mirror
    ['analytics.rayjump.com', 'Mintegral', 'Mintegral (Mbridge / Rayjump)'], // rt-052
    ['web.facebook.com', 'Meta', 'Meta Audience Network / Facebook SDK'], // rt-059
    ['firebaseinstallations.googleapis.com', 'Google', 'Firebase / Google Analytics for apps'],
    ['aax-eu.amazon-adsystem.com', 'Amazon', 'Amazon Publisher Services (APS)'], // rt-069
    ['api.bidmachine.io', 'BidMachine', 'BidMachine SDK'], // rt-070
    ['placements.tapjoy.com', 'Tapjoy', 'Tapjoy SDK'], // rt-071
    ['infoevent.startappservice.com', 'Start.io', 'Start.io (StartApp) SDK'], // rt-072
    ['mobile.yandexadexchange.net', 'Yandex', 'Yandex Mobile Ads'], // rt-073
    ['business-api.tiktok.com', 'TikTok', 'TikTok Business SDK'], // rt-074
    ['ads.mopub.com', 'MoPub (AppLovin)', 'MoPub SDK (discontinued)'], // rt-081
    ['geolocation.onetrust.com', 'OneTrust', 'OneTrust consent'],
    ['fundingchoicesmessages.google.com', 'Google', 'User Messaging Platform (consent)'], // rt-041
  ])('%s is %s (%s)', (host, organization, product) => {
    expect(catalogue.lookup(host)).toMatchObject({ organization, product, source: 'catalogue' });
  });

  it('lists only TikTok\'s business API host, not every tiktok.com host', () => {
    expect(catalogue.lookup('www.tiktok.com')).toBeUndefined();
  });
});
