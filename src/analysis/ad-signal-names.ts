// Which ad-request parameter names a public source confirms, and where each name was seen. Data,
// not branches: the analysis marks a reading "unconfirmed" from this table, so a finding never
// rests silently on a name nobody has documented. Sources checked December 2026; see
// docs in the README ("Ad signals") and the project's field notes §3 and §7.

export interface AdSignalName {
  /** The name as read: a lower-case query/form name, or a JSON path such as regs.coppa. */
  name: string;
  owner: string;
  /** A public source documenting the name on the wire, or where it was seen when none does. */
  source: string;
  /** True when a public source documents this name, with this meaning, in ad requests. */
  confirmed: boolean;
  /** Paths where even a confirmed name is not documented (Google's names inside in-app /mads/gma). */
  unconfirmedOnPaths?: readonly string[];
  /** Said in findings when the name is not confirmed for a request. */
  unconfirmedBecause?: string;
}

const vastTagParameters = 'https://support.google.com/admanager/answer/10678356';
const ampDoubleclick = 'https://github.com/ampproject/amphtml/blob/main/extensions/amp-ad-network-doubleclick-impl/0.1/amp-ad-network-doubleclick-impl.js';
const openRtb26 = 'https://github.com/InteractiveAdvertisingBureau/openrtb2.x/blob/main/2.6.md';
const openRtb25Regs = 'https://github.com/prebid/prebid-server/blob/master/openrtb_ext/regs.go';
const realTraffic = 'real-traffic samples (test/fixtures/ad-signals/real-traffic.ts)';
/** No public source shows Google's child or personalisation flags inside an in-app /mads/gma request. */
const inAppGma = ['/mads/gma'] as const;
const inAppGmaBecause = 'for in-app (/mads/gma) requests';

export const adSignalNames: readonly AdSignalName[] = [
  { name: 'tfcd', owner: 'Google', source: vastTagParameters, confirmed: true, unconfirmedOnPaths: inAppGma, unconfirmedBecause: inAppGmaBecause },
  { name: 'tfua', owner: 'Google', source: ampDoubleclick, confirmed: true, unconfirmedOnPaths: inAppGma, unconfirmedBecause: inAppGmaBecause },
  // TFAT replaces TFCD/TFUA; tfat= is documented for web and VAST tags only (field notes §7).
  { name: 'tfat', owner: 'Google', source: 'https://support.google.com/admanager/answer/3671211', confirmed: true, unconfirmedOnPaths: inAppGma, unconfirmedBecause: inAppGmaBecause },
  { name: 'npa', owner: 'Google', source: vastTagParameters, confirmed: true, unconfirmedOnPaths: inAppGma, unconfirmedBecause: inAppGmaBecause },
  { name: 'rdp', owner: 'Google', source: vastTagParameters, confirmed: true, unconfirmedOnPaths: inAppGma, unconfirmedBecause: inAppGmaBecause },
  { name: 'ltd', owner: 'Google', source: vastTagParameters, confirmed: true, unconfirmedOnPaths: inAppGma, unconfirmedBecause: inAppGmaBecause },
  { name: 'is_lat', owner: 'Google', source: vastTagParameters, confirmed: true },
  { name: 'rdid', owner: 'Google', source: vastTagParameters, confirmed: true },
  { name: 'gdpr', owner: 'Google', source: vastTagParameters, confirmed: true },
  { name: 'gdpr_consent', owner: 'Google', source: vastTagParameters, confirmed: true },
  { name: 'us_privacy', owner: 'IAB CCPA', source: ampDoubleclick, confirmed: true },
  // Floodlight semicolon parameters: seen in tag code, no documentation page found.
  { name: 'tag_for_child_directed_treatment', owner: 'Google Campaign Manager', source: 'field notes §3 (Floodlight tag code)', confirmed: false, unconfirmedBecause: 'in Floodlight requests' },
  { name: 'dc_lat', owner: 'Google Campaign Manager', source: 'field notes §3 (Floodlight tag code)', confirmed: false, unconfirmedBecause: 'in Floodlight requests' },
  { name: 'dc_rdid', owner: 'Google Campaign Manager', source: 'field notes §3 (Floodlight tag code)', confirmed: false, unconfirmedBecause: 'in Floodlight requests' },
  { name: 'max_ad_content_rating', owner: 'Google', source: 'https://support.google.com/admob/answer/10477886', confirmed: false, unconfirmedBecause: 'as a request parameter (documented as an SDK setting)' },
  // Google Mobile Ads: an advertising id sent but not shown (rt-038, rt-039). Meaning inferred.
  { name: 'adid_p', owner: 'Google', source: realTraffic, confirmed: false, unconfirmedBecause: '(seen in real requests, meaning inferred)' },
  { name: 'rdidl', owner: 'Google', source: realTraffic, confirmed: false, unconfirmedBecause: '(seen in real requests, meaning inferred)' },
  { name: 'regs.coppa', owner: 'IAB OpenRTB', source: openRtb26, confirmed: true },
  { name: 'regs.gdpr', owner: 'IAB OpenRTB', source: openRtb26, confirmed: true },
  { name: 'regs.ext.gdpr', owner: 'IAB OpenRTB', source: openRtb25Regs, confirmed: true },
  { name: 'regs.us_privacy', owner: 'IAB OpenRTB', source: openRtb26, confirmed: true },
  { name: 'regs.ext.us_privacy', owner: 'IAB OpenRTB', source: openRtb25Regs, confirmed: true },
  { name: 'user.consent', owner: 'IAB OpenRTB', source: openRtb26, confirmed: true },
  { name: 'user.ext.consent', owner: 'IAB OpenRTB', source: openRtb25Regs, confirmed: true },
  { name: 'device.ifa', owner: 'IAB OpenRTB', source: openRtb26, confirmed: true },
  { name: 'device.lmt', owner: 'IAB OpenRTB', source: openRtb26, confirmed: true },
  // SDK privacy keys: the SDK APIs are documented, their names on the wire are not.
  { name: 'coppa', owner: 'Unity Ads / Meta Audience Network / others', source: 'https://docs.unity.com/ads/en-us/manual/COPPACompliance', confirmed: false, unconfirmedBecause: 'as a request field (documented as an SDK setting)' },
  { name: 'nonbehavioral', owner: 'Unity Ads', source: 'https://docs.unity.com/ads/en-us/manual/COPPACompliance', confirmed: false, unconfirmedBecause: 'as a request field (documented as an SDK setting)' },
  { name: 'is_age_restricted_user', owner: 'AppLovin', source: 'https://developers.applovin.com/en/max/android/overview/privacy', confirmed: false, unconfirmedBecause: 'as a request field (documented as an SDK setting)' },
  { name: 'agerestricteduser', owner: 'AppLovin', source: 'https://developers.applovin.com/en/max/android/overview/privacy', confirmed: false, unconfirmedBecause: 'as a request field (documented as an SDK setting)' },
  { name: 'has_user_consent', owner: 'AppLovin', source: 'https://developers.applovin.com/en/max/android/overview/privacy', confirmed: false, unconfirmedBecause: 'as a request field (documented as an SDK setting)' },
  { name: 'hasuserconsent', owner: 'AppLovin', source: 'https://developers.applovin.com/en/max/android/overview/privacy', confirmed: false, unconfirmedBecause: 'as a request field (documented as an SDK setting)' },
  { name: 'do_not_sell', owner: 'AppLovin / ironSource', source: 'https://developers.is.com/ironsource-mobile/android/regulation-advanced-settings/', confirmed: false, unconfirmedBecause: 'as a request field (documented as an SDK setting)' },
  { name: 'donotsell', owner: 'AppLovin', source: 'https://developers.applovin.com/en/max/android/overview/privacy', confirmed: false, unconfirmedBecause: 'as a request field (documented as an SDK setting)' },
  { name: 'is_child_directed', owner: 'ironSource', source: 'https://developers.is.com/ironsource-mobile/android/regulation-advanced-settings/', confirmed: false, unconfirmedBecause: 'as a request field (documented as an SDK setting)' },
  { name: 'childdirected', owner: 'various SDKs', source: 'field notes §3', confirmed: false, unconfirmedBecause: 'as a request field' },
  { name: 'limitadtracking', owner: 'Unity Ads', source: realTraffic, confirmed: false, unconfirmedBecause: 'as a request field' },
  { name: 'limit_ad_tracking', owner: 'various SDKs', source: 'real-traffic README (limit-ad-tracking flags)', confirmed: false, unconfirmedBecause: 'as a request field' },
  { name: 'lat_val', owner: 'Branch', source: realTraffic, confirmed: false, unconfirmedBecause: '(seen in a real Branch request, rt-028)' },
  { name: 'user.gdpr.consent_status', owner: 'Vungle / Liftoff', source: realTraffic, confirmed: false, unconfirmedBecause: '(seen in a real Vungle request, rt-035)' },
];

const byName = new Map(adSignalNames.map((entry) => [entry.name, entry]));

/** The table row for a parameter as read: the full lower-case name first, then its last segment. */
export function signalName(name: string): AdSignalName | undefined {
  const lower = name.toLowerCase();
  const dot = lower.lastIndexOf('.');
  return byName.get(lower) ?? (dot >= 0 ? byName.get(lower.slice(dot + 1)) : undefined);
}

/** Why a name is not confirmed for a request to this URL path, or undefined when it is confirmed. */
export function unconfirmedReason(name: string, urlPath: string | undefined): string | undefined {
  const row = signalName(name);
  if (!row) return 'by any public source';
  if (!row.confirmed) return row.unconfirmedBecause ?? 'by any public source';
  if (urlPath !== undefined && row.unconfirmedOnPaths?.some((path) => urlPath.includes(path))) return row.unconfirmedBecause;
  return undefined;
}
