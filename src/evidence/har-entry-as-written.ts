// Whether a parsed HAR entry already is what HarEntrySchema (har.ts) would make of it: every field
// the schema requires or fills with a default present with its type, and every optional field
// absent or of its type. Such an entry can be handed on as it is; zod's parse would only copy it,
// and on a 100,000-entry capture that copy was about a second of reading (bench/analysis.ts).
// Anything else, including the rare fields with finer rules (_tlsFailure, _missing,
// _importedIndex, _domainContact), goes to zod, which fills in a default or names the field that is wrong.
// test/unit/har-entry-as-written.test.ts checks, on real entries and mutations of them, that
// whatever this accepts zod accepts and returns unchanged, and pins the schema's field lists: a
// field added to har.ts fails that test until it is checked here too.
import { phaseNames } from '../plan/schema.ts';
import type { HarEntry } from './har.ts';

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
// zod's z.number() refuses NaN and the infinities, which typeof does not.
const isNumber = (value: unknown): value is number => Number.isFinite(value);
const absentOr = (value: unknown, test: (value: unknown) => boolean): boolean => value === undefined || test(value);
const isBoolean = (value: unknown): boolean => typeof value === 'boolean';
const phases: ReadonlySet<unknown> = new Set(phaseNames);

function isNameValueList(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (!isObject(item) || !isString(item.name) || !isString(item.value)) return false;
  return true;
}

function isPostDataAsWritten(value: unknown): boolean {
  if (!isObject(value) || !isString(value.mimeType) || !absentOr(value.text, isString) || !absentOr(value.encoding, isString)) return false;
  if (value.params === undefined) return true;
  if (!Array.isArray(value.params)) return false;
  for (const param of value.params) if (!isObject(param) || !isString(param.name) || !absentOr(param.value, isString)) return false;
  return true;
}

function isRequestAsWritten(value: unknown): boolean {
  return (
    isObject(value) &&
    isString(value.method) &&
    isString(value.url) &&
    isString(value.httpVersion) &&
    isNameValueList(value.headers) &&
    isNameValueList(value.queryString) &&
    isNameValueList(value.cookies) &&
    isNumber(value.headersSize) &&
    isNumber(value.bodySize) &&
    absentOr(value.postData, isPostDataAsWritten)
  );
}

function isResponseAsWritten(value: unknown): boolean {
  if (!isObject(value)) return false;
  const content = value.content;
  return (
    isNumber(value.status) &&
    isString(value.statusText) &&
    isString(value.httpVersion) &&
    isNameValueList(value.headers) &&
    isNameValueList(value.cookies) &&
    isObject(content) &&
    isNumber(content.size) &&
    isString(content.mimeType) &&
    absentOr(content.text, isString) &&
    absentOr(content.encoding, isString) &&
    isString(value.redirectURL) &&
    isNumber(value.headersSize) &&
    isNumber(value.bodySize)
  );
}

export function isHarEntryAsWritten(value: unknown): value is HarEntry {
  if (!isObject(value)) return false;
  if (value._tlsFailure !== undefined || value._missing !== undefined || value._importedIndex !== undefined || value._domainContact !== undefined) return false;
  const timings = value.timings;
  return (
    isString(value.startedDateTime) &&
    isNumber(value.time) &&
    isRequestAsWritten(value.request) &&
    isResponseAsWritten(value.response) &&
    isObject(value.cache) &&
    isObject(timings) &&
    isNumber(timings.send) &&
    isNumber(timings.wait) &&
    isNumber(timings.receive) &&
    absentOr(value.serverIPAddress, isString) &&
    absentOr(value._phase, (phase) => phases.has(phase)) &&
    absentOr(value._source, isString) &&
    absentOr(value._baseline, isBoolean) &&
    absentOr(value._afterToolConsent, isBoolean)
  );
}
