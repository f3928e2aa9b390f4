// A property list in either of Apple's encodings: binary ("bplist00", what Xcode writes into a
// shipped app) with bplist-parser, XML with plist. Both maintained and made for the job.
import { parseBuffer } from 'bplist-parser';
import { parse as parseXmlPlist } from 'plist';

export type PlistValue = string | number | boolean | Date | Buffer | PlistValue[] | { [key: string]: PlistValue };

export function readPropertyList(content: Buffer): PlistValue {
  if (content.subarray(0, 8).toString('latin1') === 'bplist00') return parseBuffer<PlistValue>(content)[0];
  return parseXmlPlist(content.toString('utf8')) as PlistValue;
}

export function isDictionary(value: PlistValue | undefined): value is { [key: string]: PlistValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !Buffer.isBuffer(value);
}
