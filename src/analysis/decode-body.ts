// The text of a request body as the server would read it: base64 HAR bodies decoded, then
// gzip / deflate / br content-encoding undone. Anything that fails to decode is searched as is.
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { isGzip, isText, isTextString, textOfBytes } from './byte-kinds.ts';

export interface RequestBody {
  text: string;
  mimeType: string;
  /** How the body was decoded, for the record (e.g. "base64+gzip"). */
  decodedFrom: string[];
  /** The decoded bytes, so readability can tell text, protobuf, compressed and encrypted apart. */
  bytes: Buffer;
  /** Whether the bytes are text (byte-kinds.ts isText), decided once: the search and readability both ask. */
  textual: boolean;
}

function undoContentEncoding(bytes: Buffer, contentEncoding: string): { bytes: Buffer; applied: string[] } {
  const applied: string[] = [];
  // Content-Encoding lists codings in the order applied; undo them last first.
  const codings = contentEncoding
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding && coding !== 'identity')
    .reverse();
  let current = bytes;
  for (const coding of codings) {
    try {
      if (coding === 'gzip' || coding === 'x-gzip') current = gunzipSync(current);
      else if (coding === 'br') current = brotliDecompressSync(current);
      else if (coding === 'deflate') {
        try {
          current = inflateSync(current);
        } catch {
          current = inflateRawSync(current);
        }
      } else continue;
      applied.push(coding);
    } catch {
      // Many tools store the already-decoded body while keeping the header: leave it as it is.
      break;
    }
  }
  return { bytes: current, applied };
}

/**
 * A body stored as text is searched as that text. Its bytes (its UTF-8) are only made if
 * something must read it as bytes, which a textual body never needs: on a large capture,
 * encoding every body only to decode it again was a noticeable part of the analysis.
 */
function storedAsText(text: string, mimeType: string, decodedFrom: string[]): RequestBody {
  let bytes: Buffer | undefined;
  return {
    text,
    mimeType,
    decodedFrom,
    get bytes() {
      return (bytes ??= Buffer.from(text, 'utf8'));
    },
    textual: isTextString(text),
  };
}

function decodedBytes(bytes: Buffer, mimeType: string, decodedFrom: string[]): RequestBody {
  const text = textOfBytes(bytes);
  return { text: text ?? bytes.toString('utf8'), mimeType, decodedFrom, bytes, textual: text !== undefined };
}

export function decodeRequestBody(
  postData: { text?: string; mimeType?: string; encoding?: string } | undefined,
  contentEncoding: string,
): RequestBody | undefined {
  if (!postData?.text) return undefined;
  const mimeType = (postData.mimeType ?? '').toLowerCase();
  const decodedFrom: string[] = [];
  const isBase64 = postData.encoding?.toLowerCase() === 'base64';
  if (!isBase64 && !contentEncoding) return storedAsText(postData.text, mimeType, decodedFrom);
  let bytes: Buffer;
  if (isBase64) {
    bytes = Buffer.from(postData.text, 'base64');
    decodedFrom.push('base64');
  } else {
    // A non-base64 body with a content-encoding header: tools store bytes as latin1 characters.
    bytes = Buffer.from(postData.text, 'latin1');
    if (!isGzip(bytes) && !contentEncoding.includes('br') && !contentEncoding.includes('deflate')) return storedAsText(postData.text, mimeType, decodedFrom);
  }
  const undone = undoContentEncoding(bytes, contentEncoding || (isGzip(bytes) ? 'gzip' : ''));
  decodedFrom.push(...undone.applied);
  // Latin1 characters that were not compressed after all: the text is the body, its bytes the latin1.
  if (!isBase64 && undone.applied.length === 0) return { text: postData.text, mimeType, decodedFrom, bytes, textual: isText(bytes) };
  return decodedBytes(undone.bytes, mimeType, decodedFrom);
}

export function headerValue(headers: readonly { name: string; value: string }[], name: string): string {
  for (const header of headers) if (header.name.toLowerCase() === name) return header.value;
  return '';
}

/** %XX escapes undone, '+' left alone (it is base64 in JSON, not a space), tolerant of stray '%' signs. */
export function decodePercentEscapes(text: string): string {
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (escapes) => {
    try {
      return decodeURIComponent(escapes);
    } catch {
      return escapes.replace(/%([0-9a-fA-F]{2})/g, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    }
  });
}

/** application/x-www-form-urlencoded decoding, tolerant of stray '%' signs. */
export function decodeFormComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(/%([0-9a-fA-F]{2})/g, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  }
}

export function parseFormParams(text: string): [string, string][] {
  const params: [string, string][] = [];
  for (const part of text.split('&')) {
    if (!part) continue;
    const equals = part.indexOf('=');
    const name = decodeFormComponent(equals < 0 ? part : part.slice(0, equals));
    const value = equals < 0 ? '' : decodeFormComponent(part.slice(equals + 1));
    params.push([name, value]);
  }
  return params;
}
