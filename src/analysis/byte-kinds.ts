// What a run of bytes is, for the decoders and for readability: text the scanner can search as
// it is, or a gzip / zlib stream, and that stream undone. Shared so both read bytes the same way.
import { isUtf8 } from 'node:buffer';
import { gunzipSync, inflateSync } from 'node:zlib';

/** A decompressed payload is cut here: a zip bomb must not take the analysis down. */
const maximumInflatedBytes = 8 * 1024 * 1024;

/**
 * Valid UTF-8 with almost no control characters (under 2% of its UTF-16 characters are C0
 * controls other than tab to carriage return, DEL, or U+FFFD): the scanner can search it as it
 * is. Counted on the bytes in one pass: decoding to a string and matching a regex over it cost
 * more than the search (bench/analysis.ts), and it is asked of every body and decoded run.
 */
export function isText(bytes: Uint8Array): boolean {
  if (!isUtf8(bytes)) return false;
  const length = bytes.length;
  // A leading byte-order mark is not part of the text (TextDecoder drops it too).
  const from = length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let characters = 0;
  let control = 0;
  for (let index = from; index < length; index++) {
    const byte = bytes[index]!;
    if (byte < 0x80) {
      characters++;
      if (byte < 0x09 || (byte >= 0x0e && byte < 0x20) || byte === 0x7f) control++;
    } else if (byte >= 0xc0) {
      // A lead byte starts one character; four-byte sequences are two UTF-16 units.
      characters += byte >= 0xf0 ? 2 : 1;
      if (byte === 0xef && bytes[index + 1] === 0xbf && bytes[index + 2] === 0xbd) control++;
    }
  }
  return characters === 0 || control / characters < 0.02;
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** A zlib header: CMF 0x78 (deflate, 32 KB window) with a check that divides by 31 (base64 "eJ", "eN", "eF"). */
export function isZlib(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x78 && ((bytes[0] << 8) | bytes[1]!) % 31 === 0;
}

export function isCompressed(bytes: Uint8Array): boolean {
  return isGzip(bytes) || isZlib(bytes);
}

/** A gzip or zlib stream decompressed, with which it was; undefined when it is neither or does not inflate. */
export function inflate(bytes: Buffer): { bytes: Buffer; layer: 'gzip' | 'zlib' } | undefined {
  try {
    if (isGzip(bytes)) return { bytes: gunzipSync(bytes, { maxOutputLength: maximumInflatedBytes }), layer: 'gzip' };
    if (isZlib(bytes)) return { bytes: inflateSync(bytes, { maxOutputLength: maximumInflatedBytes }), layer: 'zlib' };
  } catch {
    // Cut short, too large, or not compressed after all: the caller says it could not be read.
  }
  return undefined;
}
