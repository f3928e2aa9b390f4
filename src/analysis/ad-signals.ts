// What an ad request tells the ad network about the user: is this a child, may ads be
// personalised, what consent was given. Read from Google's URL parameters, OpenRTB 2.5 / 2.6
// bid requests, and the privacy fields of Unity, AppLovin and ironSource requests.
// Signals that disagree are a conflict, never resolved towards privacy; which names a public
// source confirms is data in ad-signal-names.ts.
import { unconfirmedReason } from './ad-signal-names.ts';
import type { AdSignalConflict, AdSignals, TriState } from './types.ts';
import { parseFormParams } from './decode-body.ts';
import { decodeTcString } from './tcf-consent.ts';

const googleParams = [
  'tfcd',
  'tfua',
  'tfat',
  'npa',
  'rdp',
  'ltd',
  'max_ad_content_rating',
  'tag_for_child_directed_treatment',
  'gdpr',
  'gdpr_consent',
  'us_privacy',
  'rdid',
  'is_lat',
  'dc_lat',
  'dc_rdid',
  // Google Mobile Ads: an advertising id was sent (adid_p=1) and its length (rdidl), value not shown.
  'adid_p',
  'rdidl',
];

/** SDK privacy fields, matched case-insensitively wherever they appear (query, form, any JSON depth). */
const sdkPrivacyFields = new Map(
  ['coppa', 'nonBehavioral', 'is_age_restricted_user', 'has_user_consent', 'do_not_sell', 'is_child_directed', 'limitAdTracking', 'limit_ad_tracking', 'lat_val', 'ageRestrictedUser', 'hasUserConsent', 'doNotSell', 'childDirected', 'consent_status'].map((name) => [name.toLowerCase(), name]),
);

const zeroId = /^0{8}-0{4}-0{4}-0{4}-0{12}$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function asText(value: Json | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function truthy(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const normalised = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'y'].includes(normalised)) return true;
  if (['0', 'false', 'no', 'n'].includes(normalised)) return false;
  return undefined; // -1, "unspecified", empty: the app said nothing
}

function get(object: Json | undefined, path: string): Json | undefined {
  let current: Json | undefined = object;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = current[key];
  }
  return current;
}

function collectSdkFields(value: Json, prefix: string, params: Record<string, string>, depth: number): void {
  if (depth > 6 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.slice(0, 20).forEach((item, index) => collectSdkFields(item, `${prefix}[${index}]`, params, depth + 1));
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const known = sdkPrivacyFields.get(key.toLowerCase());
    if (known && (child === null || typeof child !== 'object')) params[path] = String(child);
    else collectSdkFields(child, path, params, depth + 1);
  }
}

function parseJson(text: string): Json | undefined {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(trimmed) as Json;
  } catch {
    return undefined;
  }
}

export interface AdSignalInput {
  url: string;
  /**
   * Who received the request. SDK privacy keys (coppa, childDirected, …) are read only from
   * requests to third parties or catalogued ad hosts: a game's own API may use the same words
   * for its own settings, which tell no ad network anything.
   */
  party: 'first' | 'third';
  /** The host is a catalogued advertising host. */
  adHost?: boolean;
  body?: { text: string; mimeType: string };
  /** Already-parsed JSON body, when the caller has it. */
  json?: Json;
}

/** Names and values of every privacy-relevant parameter found, by name. */
export function collectAdParams(input: AdSignalInput): { params: Record<string, string>; json: Json | undefined } {
  const params: Record<string, string> = {};
  const queryStart = input.url.indexOf('?');
  const pathPart = queryStart >= 0 ? input.url.slice(0, queryStart) : input.url;
  const flatParams: [string, string][] = [];
  // DoubleClick / Floodlight put parameters after semicolons in the path (;tfcd=1;npa=1).
  for (const segment of pathPart.split(';').slice(1)) {
    const equals = segment.indexOf('=');
    if (equals > 0) flatParams.push([segment.slice(0, equals), segment.slice(equals + 1).split('/')[0] ?? '']);
  }
  if (queryStart >= 0) flatParams.push(...parseFormParams(input.url.slice(queryStart + 1).split('#')[0] ?? ''));
  let json = input.json;
  if (input.body) {
    if (json === undefined) json = parseJson(input.body.text);
    if (json === undefined && (input.body.mimeType.includes('form') || /^[\w.%-]+=/.test(input.body.text))) flatParams.push(...parseFormParams(input.body.text));
  }
  const readSdkFields = input.party === 'third' || input.adHost === true;
  for (const [name, value] of flatParams) {
    const lower = name.toLowerCase();
    if (googleParams.includes(lower)) params[lower] = value;
    else if (readSdkFields && sdkPrivacyFields.has(lower)) params[name] = value;
  }
  if (json !== undefined) {
    // OpenRTB 2.5 keeps privacy signals under ext; 2.6 promotes them. Read both.
    for (const path of ['regs.coppa', 'regs.gdpr', 'regs.ext.gdpr', 'regs.us_privacy', 'regs.ext.us_privacy', 'regs.gpp', 'user.consent', 'user.ext.consent', 'device.ifa', 'device.lmt', 'device.dnt', 'device.geo.lat', 'device.geo.lon', 'device.geo.type', 'device.geo.country', 'user.yob', 'user.gender']) {
      const text = asText(get(json, path));
      if (text !== undefined) params[path] = text;
    }
    if (readSdkFields) collectSdkFields(json, '', params, 0);
  }
  return { params, json };
}

function lastSegment(name: string): string {
  const dot = name.lastIndexOf('.');
  return (dot >= 0 ? name.slice(dot + 1) : name).toLowerCase();
}

/** One parameter's answer to one question (is this a child / may ads be personalised). */
interface Reading {
  name: string;
  value: string;
  says: 'protects' | 'exposes';
  means: string;
  /** False for US-law signals (us_privacy, do_not_sell): recorded, but they do not decide UK treatment. */
  decides: boolean;
}

const childKeys = new Set(['tfcd', 'tag_for_child_directed_treatment', 'tfua', 'coppa', 'is_age_restricted_user', 'agerestricteduser', 'is_child_directed', 'childdirected']);
const limitTrackingKeys = new Set(['limitadtracking', 'limit_ad_tracking', 'is_lat', 'dc_lat', 'lmt', 'lat_val']);

function reading(name: string, value: string, says: Reading['says'], means: string, decides = true): Reading {
  return { name, value, says, means, decides };
}

function childReadings(params: Record<string, string>): Reading[] {
  const readings: Reading[] = [];
  for (const [name, value] of Object.entries(params)) {
    const key = lastSegment(name);
    if (key === 'tfat') {
      // Tag for age treatment: 1 = child, 2 = teen; 0 = unspecified, which says nothing.
      const treatment = value.trim();
      if (treatment === '1') readings.push(reading(name, value, 'protects', 'asks for child treatment'));
      else if (treatment === '2') readings.push(reading(name, value, 'protects', 'asks for teen treatment'));
      continue;
    }
    if (!childKeys.has(key)) continue;
    const flag = truthy(value);
    if (flag === true) readings.push(reading(name, value, 'protects', key === 'tfua' ? 'asks for under-age-of-consent treatment' : 'asks for child-directed treatment'));
    else if (flag === false) readings.push(reading(name, value, 'exposes', 'asks for adult treatment'));
  }
  return readings;
}

function personalisationReadings(params: Record<string, string>, children: readonly Reading[]): Reading[] {
  // Child or teen treatment switches personalised ads off (Google TFCD/TFUA/TFAT, OpenRTB coppa).
  const readings = children.filter((child) => child.says === 'protects').map((child) => ({ ...child, means: `${child.means}, which switches personalised ads off` }));
  for (const [name, value] of Object.entries(params)) {
    const key = lastSegment(name);
    const flag = truthy(value);
    switch (key) {
      case 'npa':
        if (flag === true) readings.push(reading(name, value, 'protects', 'asks for non-personalised ads'));
        else if (flag === false) readings.push(reading(name, value, 'exposes', 'allows personalised ads'));
        break;
      case 'nonbehavioral':
        if (flag === true) readings.push(reading(name, value, 'protects', 'asks for non-behavioural ads'));
        else if (flag === false) readings.push(reading(name, value, 'exposes', 'allows behavioural ads'));
        break;
      case 'rdp':
        if (flag === true) readings.push(reading(name, value, 'protects', 'asks for restricted data processing'));
        break;
      case 'ltd':
        if (flag === true) readings.push(reading(name, value, 'protects', 'asks for limited ads'));
        break;
      case 'has_user_consent':
      case 'hasuserconsent':
        if (flag === false) readings.push(reading(name, value, 'protects', 'says the user did not consent'));
        else if (flag === true) readings.push(reading(name, value, 'exposes', 'says the user consented'));
        break;
      case 'consent_status':
        if (/opted?_?out/i.test(value)) readings.push(reading(name, value, 'protects', 'says the user opted out'));
        else if (/opted?_?in/i.test(value)) readings.push(reading(name, value, 'exposes', 'says the user opted in'));
        break;
      case 'do_not_sell':
      case 'donotsell':
        if (flag === true) readings.push(reading(name, value, 'protects', 'opts the user out of sale under US law', false));
        break;
      case 'us_privacy':
        // CCPA string "1YYN": third character Y = the user opted out of sale. A US signal only.
        if (value.length >= 3 && value[2]?.toUpperCase() === 'Y') readings.push(reading(name, value, 'protects', 'restricts sale under US law', false));
        break;
      default:
        if (limitTrackingKeys.has(key) && flag === true) readings.push(reading(name, value, 'protects', 'says ad tracking is limited'));
        break;
    }
  }
  return readings;
}

function conflictOf(signal: AdSignalConflict['signal'], readings: readonly Reading[]): AdSignalConflict | undefined {
  const exposes = readings.filter((item) => item.says === 'exposes');
  const protects = readings.filter((item) => item.says === 'protects');
  if (exposes.length === 0 || protects.length === 0) return undefined;
  return { signal, values: [...exposes, ...protects].map(({ name, value, says, means, decides }) => ({ name, value, says, means, decides })) };
}

/** Which way the deciding readings point; disagreeing ones leave the answer open (contradictory, not private). */
function direction(readings: readonly Reading[]): 'protects' | 'exposes' | 'unknown' {
  const deciding = readings.filter((item) => item.decides);
  const protects = deciding.some((item) => item.says === 'protects');
  const exposes = deciding.some((item) => item.says === 'exposes');
  if (protects === exposes) return 'unknown';
  return protects ? 'protects' : 'exposes';
}

function answer(readings: readonly Reading[], whenProtects: boolean): TriState {
  const way = direction(readings);
  return way === 'unknown' ? 'unknown' : way === 'protects' ? whenProtects : !whenProtects;
}

/** Reads the parameters of one request; `url` tells which names are confirmed for it (e.g. /mads/gma). */
export function interpretAdSignals(params: Record<string, string>, url?: string): AdSignals | undefined {
  if (Object.keys(params).length === 0) return undefined;
  const children = childReadings(params);
  const personal = personalisationReadings(params, children);

  // Sending a real advertising id without a limit-tracking flag lets the network build a profile.
  const ifaName = params['device.ifa'] !== undefined ? 'device.ifa' : params.rdid !== undefined ? 'rdid' : params.dc_rdid !== undefined ? 'dc_rdid' : undefined;
  const ifa = ifaName ? params[ifaName] : undefined;
  const limited = Object.entries(params).some(([name, value]) => limitTrackingKeys.has(lastSegment(name)) && truthy(value) === true);
  if (ifaName && ifa && !zeroId.test(ifa) && !limited) personal.push(reading(ifaName, ifa, 'exposes', 'sends a real advertising id without a limit-tracking flag'));

  const gdprRaw = params.gdpr ?? params['regs.gdpr'] ?? params['regs.ext.gdpr'];
  const tcName = ['gdpr_consent', 'user.consent', 'user.ext.consent'].find((name) => params[name]);
  const tcString = tcName ? params[tcName] : undefined;
  const usPrivacy = params.us_privacy ?? params['regs.us_privacy'] ?? params['regs.ext.us_privacy'];
  let consent: AdSignals['consent'];
  if (gdprRaw !== undefined || tcString || usPrivacy) {
    const gdprApplies = truthy(gdprRaw);
    consent = {};
    if (gdprApplies !== undefined) consent.gdprApplies = gdprApplies;
    if (usPrivacy) consent.usPrivacy = usPrivacy;
    if (tcName && tcString) {
      consent.tcString = tcString;
      consent.decoded = decodeTcString(tcString);
      if ('purposesConsented' in consent.decoded) {
        // TCF purposes 3 and 4: create and use a personalised-ads profile.
        const purposes = consent.decoded.purposesConsented;
        if (purposes.includes(3) && purposes.includes(4)) personal.push(reading(tcName, tcString, 'exposes', 'carries TCF consent to personalised ads (purposes 3 and 4)'));
        else if (gdprApplies !== false) personal.push(reading(tcName, tcString, 'protects', 'carries a TCF string without consent to personalised ads'));
      }
    }
  }

  const conflicts = [conflictOf('childDirected', children), conflictOf('personalisedAds', personal)].filter((conflict): conflict is AdSignalConflict => conflict !== undefined);
  const path = url === undefined ? undefined : (url.split(/[?#]/)[0] ?? url);
  const unconfirmed: { name: string; why: string }[] = [];
  for (const name of new Set([...children, ...personal].map((item) => item.name))) {
    const why = unconfirmedReason(name, path);
    if (why !== undefined) unconfirmed.push({ name, why });
  }
  let advertisingIdSentHidden: AdSignals['advertisingIdSentHidden'];
  if (truthy(params.adid_p) === true) {
    const length = Number(params.rdidl);
    advertisingIdSentHidden = { flag: 'adid_p', ...(Number.isInteger(length) && length > 0 ? { length } : {}) };
  }
  return {
    childDirected: answer(children, true),
    personalisedAds: answer(personal, false),
    ...(consent ? { consent } : {}),
    params,
    ...(conflicts.length > 0 ? { conflicts } : {}),
    ...(unconfirmed.length > 0 ? { unconfirmed } : {}),
    ...(advertisingIdSentHidden ? { advertisingIdSentHidden } : {}),
  };
}
