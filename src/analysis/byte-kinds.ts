// What a run of bytes is, for the decoders and for readability: text the scanner can search as
// it is, or a gzip / zlib stream, and that stream undone. Shared so both read bytes the same way.
import { gunzipSync, inflateSync } from 'node:zlib';

/** A decompressed payload is cut here: a zip bomb must not take the analysis down. */
const maximumInflatedBytes = 8 * 1024 * 1024;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Valid UTF-8 with almost no control characters: the scanner can search it as it is. */
export function isText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return false;
  }
  if (text.length === 0) return true;
  const control = text.match(/[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/g)?.length ?? 0;
  return control / text.length < 0.02;
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
