// Every form in which a known identifier (or the mock location, or an ad-signal keyword) may be
// written in traffic, built once per capture. Forms that are short or made of few distinct
// characters would match by chance in megabytes of base64 and hex, so they are left out.
import { createHash } from 'node:crypto';
import type { IdentifierEncoding } from './types.ts';
import { foldCase } from './multi-pattern-matcher.ts';

export type NeedleCandidate =
  | {
      type: 'identifier';
      kind: string;
      encoding: IdentifierEncoding;
      /** The exact text as it would be written. */
      text: string;
      caseSensitive: boolean;
      /** Must not be glued to letters or digits on either side (so another, longer id does not count). */
      wordBoundary: boolean;
    }
  | { type: 'coordinate'; axis: 'latitude' | 'longitude'; target: number; text: string }
  | { type: 'signal'; text: string };

export interface NeedleSet {
  /** Case-folded pattern texts, one per matcher pattern. */
  patterns: string[];
  /** What each pattern may stand for; verified against the payload on every match. */
  candidates: NeedleCandidate[][];
  /** Kinds that were left out, and why (reported so an investigator knows what was not searched). */
  skipped: { kind: string; reason: string }[];
}

/** Below these, a form is too likely to occur by chance to be evidence of anything. */
const minimumPlainLength = 4;
const minimumDerivedLength = 12;

/** Ad-signal keywords: an entry containing any of them is parsed for ad signals. */
export const signalKeywords = [
  'tfcd',
  'tfua',
  'tfat',
  'npa=',
  'rdp=',
  'ltd=',
  'max_ad_content_rating',
  'tag_for_child_directed_treatment',
  'gdpr',
  'us_privacy',
  'rdid',
  'is_lat',
  '"regs"',
  'coppa',
  'nonbehavioral',
  'is_age_restricted_user',
  'has_user_consent',
  'do_not_sell',
  'is_child_directed',
  'limitadtracking',
  '"ifa"',
  '"lmt"',
] as const;

function isLowInformation(value: string): boolean {
  const significant = value.replace(/[^a-zA-Z0-9]/g, '');
  // The all-zero advertising id (limit ad tracking) and values like "1111" identify no one.
  return new Set(significant.toLowerCase()).size < 3;
}

function base64Cores(bytes: Buffer): string[] {
  // base64 of a value inside a larger base64 blob depends on its byte offset modulo 3; for each
  // offset keep only the characters fully determined by the value's own bits.
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const first = Math.ceil((8 * shift) / 6);
    const last = Math.floor((8 * (shift + bytes.length)) / 6);
    cores.push(encoded.slice(first, last));
  }
  return cores;
}

function digest(algorithm: 'md5' | 'sha1' | 'sha256', value: string): string {
  return createHash(algorithm).update(value, 'utf8').digest('hex');
}

interface Form {
  encoding: IdentifierEncoding;
  text: string;
  caseSensitive: boolean;
  wordBoundary: boolean;
  minimumLength: number;
}

export function identifierForms(value: string): Form[] {
  const forms: Form[] = [];
  const add = (encoding: IdentifierEncoding, text: string, caseSensitive: boolean, wordBoundary: boolean, minimumLength: number): void => {
    if (forms.some((form) => form.text === text && (form.caseSensitive || !caseSensitive))) return;
    forms.push({ encoding, text, caseSensitive, wordBoundary, minimumLength });
  };
  add('plain', value, true, true, minimumPlainLength);
  add('uppercase', value.toUpperCase(), true, true, minimumPlainLength);
  add('lowercase', value.toLowerCase(), true, true, minimumPlainLength);
  const urlEncoded = encodeURIComponent(value);
  // %XX escapes are written in either case, so URL-encoded forms compare case-insensitively on the escapes only via folding.
  add('url-encoded', urlEncoded, false, true, minimumPlainLength);
  // Query strings and HTML forms write a space as '+' (application/x-www-form-urlencoded).
  if (value.includes(' ')) add('url-encoded', urlEncoded.replace(/%20/g, '+'), false, true, minimumPlainLength);
  add('url-encoded-twice', encodeURIComponent(urlEncoded), false, true, minimumPlainLength);
  const jsonEscaped = JSON.stringify(value).slice(1, -1);
  add('json-escaped', jsonEscaped, true, true, minimumPlainLength);
  if (value.includes('/')) add('json-escaped', jsonEscaped.replace(/\//g, '\\/'), true, true, minimumPlainLength);
  const bytes = Buffer.from(value, 'utf8');
  for (const core of base64Cores(bytes)) {
    add('base64', core, true, false, minimumDerivedLength);
    add('base64url', core.replace(/\+/g, '-').replace(/\//g, '_'), true, false, minimumDerivedLength);
  }
  add('hex', bytes.toString('hex'), false, false, minimumDerivedLength);
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) || /^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i.test(value)) {
    add('without-separators', value.replace(/[-:]/g, ''), false, true, minimumDerivedLength);
  }
  for (const algorithm of ['md5', 'sha1', 'sha256'] as const) {
    add(algorithm, digest(algorithm, value), false, true, minimumDerivedLength);
    const lowered = value.toLowerCase();
    if (lowered !== value) add(`${algorithm}-lowercase`, digest(algorithm, lowered), false, true, minimumDerivedLength);
  }
  return forms;
}

/** Texts that start a coordinate within ±0.01° of the target, written with at least two decimals. */
export function coordinatePrefixes(target: number): string[] {
  const prefixes = new Set<string>();
  for (let step = -10; step <= 10; step++) {
    const value = target + step * 0.001;
    const magnitude = Math.abs(value).toFixed(6);
    const dot = magnitude.indexOf('.');
    prefixes.add(`${value < 0 ? '-' : ''}${magnitude.slice(0, dot + 3)}`);
  }
  // "-0.00" and "0.00" both occur around zero; a negative zero prefix is still a valid reading.
  return [...prefixes];
}

export interface NeedleInput {
  identifiers: Record<string, string>;
  mockLocation?: { latitude: number; longitude: number };
}

export function buildNeedles(input: NeedleInput): NeedleSet {
  const byPattern = new Map<string, NeedleCandidate[]>();
  const skipped: NeedleSet['skipped'] = [];
  const addCandidate = (text: string, candidate: NeedleCandidate): void => {
    const pattern = foldCase(text);
    const list = byPattern.get(pattern);
    if (list) list.push(candidate);
    else byPattern.set(pattern, [candidate]);
  };
  for (const [kind, value] of Object.entries(input.identifiers).sort(([a], [b]) => a.localeCompare(b))) {
    if (value.length < minimumPlainLength) {
      skipped.push({ kind, reason: `shorter than ${minimumPlainLength} characters` });
      continue;
    }
    if (isLowInformation(value)) {
      skipped.push({ kind, reason: 'too few distinct characters (e.g. an all-zero advertising id)' });
      continue;
    }
    for (const form of identifierForms(value)) {
      if (form.text.length < form.minimumLength) continue;
      addCandidate(form.text, { type: 'identifier', kind, encoding: form.encoding, text: form.text, caseSensitive: form.caseSensitive, wordBoundary: form.wordBoundary });
    }
  }
  if (input.mockLocation) {
    for (const axis of ['latitude', 'longitude'] as const) {
      const target = input.mockLocation[axis];
      for (const prefix of coordinatePrefixes(target)) addCandidate(prefix, { type: 'coordinate', axis, target, text: prefix });
    }
  }
  for (const keyword of signalKeywords) addCandidate(keyword, { type: 'signal', text: keyword });
  return { patterns: [...byPattern.keys()], candidates: [...byPattern.values()], skipped };
}
