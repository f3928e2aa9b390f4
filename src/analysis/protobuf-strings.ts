// Protobuf read without a schema: the strings it carries, each with its field path ("2.1" is
// field 1 inside field 2), so an identifier inside (BidMachine, Firelog, app-measurement) is found
// and said where. A length-delimited field is read as a string first and as a nested message
// only if it is not text: an ASCII UUID also parses as a message ("-" is a valid fixed32 tag and
// "0" a varint tag), and reading it that way would hide the id.
import { isText } from './byte-kinds.ts';

export interface ProtobufString {
  path: string;
  text: string;
}

export interface ProtobufReading {
  strings: ProtobufString[];
  /** Length-delimited fields of 32 bytes or more that are neither text nor protobuf: encrypted or compressed blobs. */
  blobs: number;
}

/** Nested messages deeper than this are left as blobs: real SDK payloads nest two or three levels. */
const maximumDepth = 4;
/** Shorter byte runs are text by chance too often to be read as strings. */
const minimumStringBytes = 4;

function readVarint(bytes: Uint8Array, at: number): { value: number; next: number } | undefined {
  let value = 0;
  let shift = 0;
  for (let index = at; index < bytes.length && index < at + 10; index++) {
    const byte = bytes[index]!;
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) return { value, next: index + 1 };
  }
  return undefined;
}

/**
 * The strings and blobs of bytes that parse as protobuf to their last byte; undefined when they
 * do not (random or encrypted bytes almost never do).
 */
export function readProtobuf(bytes: Uint8Array, pathPrefix = '', depth = 0): ProtobufReading | undefined {
  if (bytes.length === 0) return undefined;
  let at = 0;
  const reading: ProtobufReading = { strings: [], blobs: 0 };
  while (at < bytes.length) {
    const tag = readVarint(bytes, at);
    // Field number 0 is invalid: a tag below 8 means these bytes are not protobuf.
    if (!tag || tag.value < 8) return undefined;
    const wireType = tag.value & 7;
    const path = `${pathPrefix}${Math.floor(tag.value / 8)}`;
    at = tag.next;
    if (wireType === 0) {
      const varint = readVarint(bytes, at);
      if (!varint) return undefined;
      at = varint.next;
    } else if (wireType === 1) at += 8;
    else if (wireType === 5) at += 4;
    else if (wireType === 2) {
      const length = readVarint(bytes, at);
      if (!length || length.next + length.value > bytes.length) return undefined;
      const field = bytes.subarray(length.next, length.next + length.value);
      at = length.next + length.value;
      if (field.length >= minimumStringBytes && isText(field)) {
        reading.strings.push({ path, text: Buffer.from(field).toString('utf8') });
        continue;
      }
      const nested = depth < maximumDepth && field.length > 0 ? readProtobuf(field, `${path}.`, depth + 1) : undefined;
      if (nested) {
        reading.strings.push(...nested.strings);
        reading.blobs += nested.blobs;
      } else if (field.length >= 32) reading.blobs++;
    } else return undefined;
    if (at > bytes.length) return undefined;
  }
  return reading;
}

/** Protobuf with at least one string and no unreadable blob: everything in it can be searched. */
export function isProtobufWithStrings(bytes: Uint8Array): boolean {
  const reading = readProtobuf(bytes);
  return reading !== undefined && reading.strings.length > 0 && reading.blobs === 0;
}
