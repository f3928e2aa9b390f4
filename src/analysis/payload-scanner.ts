// One pass of the needle automaton over one payload (URL, header, cookie or body), turning raw
// pattern matches into verified identifier hits, coordinate readings and ad-signal keywords.
import type { IdentifierEncoding, IdentifierLocation, NestedContainer } from './types.ts';
import { buildMatcher, type MultiPatternMatcher } from './multi-pattern-matcher.ts';
import type { NeedleSet } from './needles.ts';

export interface RawIdentifierHit {
  kind: string;
  encoding: IdentifierEncoding;
  where: IdentifierLocation;
  field?: string;
  inside?: NestedContainer;
}

export interface CoordinateReading {
  axis: 'latitude' | 'longitude';
  value: number;
  decimals: number;
  start: number;
  where: IdentifierLocation;
  field?: string;
  /** Which payload it was read from, so latitude and longitude are paired within one payload. */
  payload: number;
}

export interface ScanResult {
  identifiers: RawIdentifierHit[];
  coordinates: CoordinateReading[];
  signalKeywords: boolean;
}

export interface Scanner {
  scan(text: string, where: IdentifierLocation, field: string | undefined, result: ScanResult, payload: number, inside?: NestedContainer): void;
}

function isWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isHexCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

/**
 * Whether the text just before `start` ends a word: a %XX escape (URL-encoded JSON writes
 * `%22a5829c81-…%22`) ends one as a quote would, though its last character is a hex digit.
 */
function wordEndsBefore(text: string, start: number): boolean {
  if (start === 0 || !isWordCode(text.charCodeAt(start - 1))) return true;
  return start >= 3 && text.charCodeAt(start - 3) === 37 && isHexCode(text.charCodeAt(start - 2)) && isHexCode(text.charCodeAt(start - 1));
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The query or form parameter, or JSON key, a hit at `start` sits in (best effort, for the report). */
export function fieldAt(text: string, start: number, where: IdentifierLocation): string | undefined {
  if (where === 'query' || where === 'body') {
    const from = Math.max(0, start - 256);
    let index = start - 1;
    while (index >= from) {
      const code = text.charCodeAt(index);
      if (code === 38 || code === 63 || code === 59) break; // & ? ;
      if (code === 123 || code === 44 || code === 10) break; // { , newline
      index--;
    }
    const segment = text.slice(index + 1, start);
    const equals = segment.indexOf('=');
    if (equals > 0 && /^[\w.[\]%-]+$/.test(segment.slice(0, equals))) return segment.slice(0, equals);
    // JSON inside a JSON string writes its quotes escaped (\"key\":\"value); a hit may start
    // inside a string value (a base64 run holding the id further on).
    const jsonKey = /\\?"([^"\\]{1,64})\\?"\s*:\s*\[?\s*(?:\\?"[^"\\]*)?$/.exec(segment);
    if (jsonKey) return jsonKey[1];
  }
  return undefined;
}

export function createScanner(needles: NeedleSet): Scanner {
  const matcher: MultiPatternMatcher = buildMatcher(needles.patterns);
  return {
    scan(text, where, field, result, payload, inside) {
      if (text.length === 0) return;
      matcher.scan(text, (patternId, end) => {
        const length = matcher.patternLength(patternId);
        const start = end - length;
        for (const candidate of needles.candidates[patternId]!) {
          if (candidate.type === 'signal') {
            result.signalKeywords = true;
            continue;
          }
          if (candidate.type === 'coordinate') {
            const before = start > 0 ? text.charCodeAt(start - 1) : 0;
            // Part of a longer number (…151.50) or the unsigned reading of a negative one.
            if (isDigit(before) || before === 46 || (before === 45 && !candidate.text.startsWith('-'))) continue;
            let stop = end;
            while (stop < text.length && isDigit(text.charCodeAt(stop))) stop++;
            const written = text.slice(start, stop);
            const value = Number(written);
            if (!Number.isFinite(value) || Math.abs(value - candidate.target) > 0.01 + 1e-9) continue;
            const decimals = written.length - written.indexOf('.') - 1;
            result.coordinates.push({ axis: candidate.axis, value, decimals, start, where, payload, ...(field ?? fieldAt(text, start, where) ? { field: field ?? fieldAt(text, start, where)! } : {}) });
            continue;
          }
          const written = text.slice(start, end);
          if (candidate.caseSensitive ? written !== candidate.text : written.toLowerCase() !== candidate.text.toLowerCase()) continue;
          if (candidate.wordBoundary) {
            const first = candidate.text.charCodeAt(0);
            const last = candidate.text.charCodeAt(candidate.text.length - 1);
            if (isWordCode(first) && !wordEndsBefore(text, start)) continue;
            if (isWordCode(last) && end < text.length && isWordCode(text.charCodeAt(end))) continue;
          }
          // Inside a decoded payload the text is a query string or JSON whatever part of the request held it.
          const hitField = field ?? fieldAt(text, start, inside ? 'body' : where);
          result.identifiers.push({ kind: candidate.kind, encoding: candidate.encoding, where, ...(hitField ? { field: hitField } : {}), ...(inside ? { inside } : {}) });
          // One reading per position: the first matching candidate (plain before case variants) wins.
          break;
        }
      });
    },
  };
}
