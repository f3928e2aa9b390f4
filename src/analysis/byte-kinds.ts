// What a run of bytes is, for the decoders and for readability: text the scanner can search as
// it is, or a gzip / zlib stream, and that stream undone. Shared so both read bytes the same way.
import { gunzipSync, inflateSync } from 'node:zlib';

/** A decompressed payload is cut here: a zip bomb must not take the analysis down. */
const maximumInflatedBytes = 8 * 1024 * 1024;

// ignoreBOM keeps a leading byte-order mark in the text, as Buffer's toString('utf8') does.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Control characters and U+FFFD (what a decoder puts for bytes that are not UTF-8). */
const controlCharacters = /[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/g;
/** A UTF-16 surrogate without its partner: UTF-8 cannot hold one, so encoding it writes U+FFFD. */
const loneSurrogates = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const anySurrogate = /[\ud800-\udfff]/;

/** Fewer than 2% control characters: text the scanner can search as it is. */
function fewControls(text: string, loneSurrogateCount: number): boolean {
  if (text.length === 0) return true;
  // Tested before counted: most text has none, and counting builds an array of every match.
  controlCharacters.lastIndex = 0;
  if (loneSurrogateCount === 0 && !controlCharacters.test(text)) return true;
  const control = (text.match(controlCharacters)?.length ?? 0) + loneSurrogateCount;
  return control / text.length < 0.02;
}

/** The bytes as text when they are valid UTF-8 with almost no control characters; undefined otherwise. */
export function textOfBytes(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
  return fewControls(text, 0) ? text : undefined;
}

/** Valid UTF-8 with almost no control characters: the scanner can search it as it is. */
export function isText(bytes: Uint8Array): boolean {
  return textOfBytes(bytes) !== undefined;
}

/**
 * isText of the string's UTF-8, without making it: a JS string always encodes to valid UTF-8,
 * each lone surrogate as U+FFFD, so only those and the control characters need counting.
 */
export function isTextString(text: string): boolean {
  return fewControls(text, anySurrogate.test(text) ? (text.match(loneSurrogates)?.length ?? 0) : 0);
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
