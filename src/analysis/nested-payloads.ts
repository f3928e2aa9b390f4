// Payloads SDKs hide inside a payload: base64 runs (standard or URL-safe) that decode to text,
// to gzip or zlib streams, or to protobuf with strings. Each is handed back decoded, with the
// layers undone (outermost first) and the field the run sat in, so the identifier search can
// look inside and a finding can say "plain inside base64(gzip) in `x-firebase-client`". Decoded
// text is opened again (JSON holding base64 holding a query string: MoPub's Tapjoy token, rt-081),
// a few levels deep.
import { base64Runs } from './base64-runs.ts';
import { inflate, textOfBytes } from './byte-kinds.ts';
import { readProtobuf } from './protobuf-strings.ts';

export interface NestedPayload {
  text: string;
  /** What was undone to reach it, outermost first: ['base64', 'gzip'], ['base64', 'protobuf 2.1']. */
  layers: string[];
  /** Where in the outer payload the encoded run started, for fieldAt. */
  start: number;
}

/** Base64 of 12 bytes or more: shorter runs are words and ids more often than encodings. */
const minimumRunLength = 16;
/** Layers opened within one payload; real SDKs nest three (JSON → base64 → JSON → base64). */
const maximumLayers = 4;

/**
 * Base64 of anything but a word mixes upper case, lower case and digits; a run of one case and
 * digits is a hex id, a path or a snake_case name and is left alone (that keeps large readable
 * payloads as fast to search as before).
 */
function looksBase64(run: string): boolean {
  return /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9+/]/.test(run);
}

function decodeBase64(run: string): Buffer {
  return Buffer.from(run.replace(/\*/g, '=').replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/** The searchable texts inside bytes: the bytes as text, or the strings of the protobuf they are. */
export function textsInBytes(bytes: Buffer, layers: string[], start: number): NestedPayload[] {
  const text = textOfBytes(bytes);
  if (text !== undefined) return [{ text, layers, start }];
  const protobuf = readProtobuf(bytes);
  if (!protobuf) return [];
  return protobuf.strings.map((string) => ({ text: string.text, layers: [...layers, `protobuf field ${string.path}`], start }));
}

/** Every payload nested in `text`, each decoded, depth first. */
export function nestedPayloads(text: string, outerLayers: readonly string[] = []): NestedPayload[] {
  if (outerLayers.length >= maximumLayers || text.length < 16) return [];
  const found: NestedPayload[] = [];
  for (const { start, text: run } of base64Runs(text, minimumRunLength)) {
    if (!looksBase64(run)) continue;
    let bytes = decodeBase64(run);
    const layers = [...outerLayers, run.includes('-') || run.includes('_') ? 'base64url' : 'base64'];
    const inflated = inflate(bytes);
    if (inflated) {
      bytes = inflated.bytes;
      layers.push(inflated.layer);
    }
    for (const payload of textsInBytes(bytes, layers, start)) {
      found.push(payload);
      // Inner positions mean nothing in the outer text: the inner payload keeps the outer run's start.
      for (const deeper of nestedPayloads(payload.text, payload.layers)) found.push({ ...deeper, start });
    }
  }
  return found;
}
