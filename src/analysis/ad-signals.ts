// What an ad request tells the ad network about the user: is this a child, may ads be
// personalised, what consent was given. Read from Google's URL parameters, OpenRTB 2.5 / 2.6
// bid requests, and the privacy fields of Unity, AppLovin and ironSource requests.
import type { AdSignals, TriState } from './types.ts';
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
];

/** SDK privacy fields, matched case-insensitively wherever they appear (query, form, any JSON depth). */
const sdkPrivacyFields = new Map(
  ['coppa', 'nonBehavioral', 'is_age_restricted_user', 'has_user_consent', 'do_not_sell', 'is_child_directed', 'limitAdTracking', 'ageRestrictedUser', 'hasUserConsent', 'doNotSell', 'childDirected'].map((name) => [name.toLowerCase(), name]),
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
  for (const [name, value] of flatParams) {
    const lower = name.toLowerCase();
    if (googleParams.includes(lower)) params[lower] = value;
    else if (sdkPrivacyFields.has(lower)) params[name] = value;
  }
  if (json !== undefined) {
    // OpenRTB 2.5 keeps privacy signals under ext; 2.6 promotes them. Read both.
    for (const path of ['regs.coppa', 'regs.gdpr', 'regs.ext.gdpr', 'regs.us_privacy', 'regs.ext.us_privacy', 'regs.gpp', 'user.consent', 'user.ext.consent', 'device.ifa', 'device.lmt', 'device.dnt', 'device.geo.lat', 'device.geo.lon', 'device.geo.type', 'device.geo.country', 'user.yob', 'user.gender']) {
      const text = asText(get(json, path));
      if (text !== undefined) params[path] = text;
    }
    collectSdkFields(json, '', params, 0);
  }
  return { params, json };
}

function lastSegment(name: string): string {
  const dot = name.lastIndexOf('.');
  return (dot >= 0 ? name.slice(dot + 1) : name).toLowerCase();
}

export function interpretAdSignals(params: Record<string, string>): AdSignals | undefined {
  if (Object.keys(params).length === 0) return undefined;
  const childSignals: boolean[] = [];
  const restrictions: string[] = [];
  const allowances: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    const key = lastSegment(name);
    const flag = truthy(value);
    switch (name === 'regs.coppa' ? 'coppa' : key) {
      case 'tfcd':
      case 'tag_for_child_directed_treatment':
      case 'tfua':
      case 'coppa':
      case 'is_age_restricted_user':
      case 'agerestricteduser':
      case 'is_child_directed':
      case 'childdirected':
        if (flag !== undefined) childSignals.push(flag);
        if (flag === true) restrictions.push(name);
        break;
      case 'tfat': {
        // Tag for age treatment: 1 = child, 2 = teen; both switch off personalisation.
        const treatment = value.trim();
        if (treatment === '1' || treatment === '2') {
          childSignals.push(true);
          restrictions.push(name);
        } else if (treatment === '0') childSignals.push(false);
        break;
      }
      case 'npa':
        if (flag === true) restrictions.push(name);
        else if (flag === false) allowances.push(name);
        break;
      case 'rdp':
      case 'ltd':
      case 'do_not_sell':
      case 'donotsell':
      case 'limitadtracking':
      case 'is_lat':
      case 'dc_lat':
      case 'lmt':
        if (flag === true) restrictions.push(name);
        break;
      case 'nonbehavioral':
        if (flag === true) restrictions.push(name);
        else if (flag === false) allowances.push(name);
        break;
      case 'has_user_consent':
      case 'hasuserconsent':
        if (flag === false) restrictions.push(name);
        else if (flag === true) allowances.push(name);
        break;
      case 'us_privacy':
        // CCPA string "1YYN": third character Y = the user opted out of sale.
        if (value.length >= 3 && value[2]?.toUpperCase() === 'Y') restrictions.push(name);
        break;
      default:
        break;
    }
  }
  // Sending a real advertising id without a limit-tracking flag lets the network build a profile.
  const ifa = params['device.ifa'] ?? params.rdid ?? params.dc_rdid;
  const limited = truthy(params['device.lmt']) === true || truthy(params.is_lat) === true || truthy(params.dc_lat) === true;
  if (ifa && !zeroId.test(ifa) && !limited) allowances.push(params['device.ifa'] ? 'device.ifa' : 'rdid');

  const gdprRaw = params.gdpr ?? params['regs.gdpr'] ?? params['regs.ext.gdpr'];
  const tcString = params.gdpr_consent ?? params['user.consent'] ?? params['user.ext.consent'];
  const usPrivacy = params.us_privacy ?? params['regs.us_privacy'] ?? params['regs.ext.us_privacy'];
  let consent: AdSignals['consent'];
  if (gdprRaw !== undefined || tcString || usPrivacy) {
    const gdprApplies = truthy(gdprRaw);
    consent = {};
    if (gdprApplies !== undefined) consent.gdprApplies = gdprApplies;
    if (usPrivacy) consent.usPrivacy = usPrivacy;
    if (tcString) {
      consent.tcString = tcString;
      consent.decoded = decodeTcString(tcString);
      if ('purposesConsented' in consent.decoded) {
        // TCF purposes 3 and 4: create and use a personalised-ads profile.
        const purposes = consent.decoded.purposesConsented;
        if (purposes.includes(3) && purposes.includes(4)) allowances.push('tcf:purposes-3-4');
        else if (gdprApplies !== false) restrictions.push('tcf:no-personalised-ads-consent');
      }
    }
  }
  const childDirected: TriState = childSignals.includes(true) ? true : childSignals.includes(false) ? false : 'unknown';
  const personalisedAds: TriState = restrictions.length > 0 ? false : allowances.length > 0 ? true : 'unknown';
  return { childDirected, personalisedAds, ...(consent ? { consent } : {}), params };
}
