// Whether the analysis could read what a request carried. A search that finds nothing in a
// request it could not read has not shown that nothing was there: unknown is not absent. Each
// request gets one state, the first that applies in this order:
//   tls-failed  the client refused the capture's certificate, so no request was carried at all
//   aborted     the exchange was cut off before the request was whole (our proxy: a body it
//               announced but did not get; a browser HAR: a request that failed, e.g. ERR_ABORTED)
//   truncated   the capture or the HAR says the request body was cut or not recorded
//   opaque      the payload is encrypted, compressed past what we undo, or undecodable binary
//   domain-only an imported App Privacy Report or TrackerControl export records only that the host
//               was contacted, and when: nothing the connection carried was ever seen
//   readable    everything the request carried could be searched
// Pure: the HAR entry and its decoded body in, the state and a one-line reason out.
import type { HarEntry } from '../evidence/har.ts';
import type { RequestBody } from './decode-body.ts';
import { decodeFormComponent } from './decode-body.ts';
import { base64Runs } from './base64-runs.ts';
import { hexRuns } from './hex-runs.ts';
import { inflate, isCompressed, isText } from './byte-kinds.ts';
import { isProtobufWithStrings } from './protobuf-strings.ts';

export const readabilityStates = ['readable', 'tls-failed', 'aborted', 'truncated', 'opaque', 'domain-only'] as const;
export type ReadabilityState = (typeof readabilityStates)[number];

export interface Readability {
  state: ReadabilityState;
  /** Why, in one sentence a person can check against the HAR entry. */
  reason: string;
}

/** Chrome's net errors for a certificate or TLS handshake the client would not accept. */
const tlsErrorPattern = /ERR_(CERT_|SSL_|BAD_SSL|TLS)|CERT_|SSL_PROTOCOL|HANDSHAKE/i;

/**
 * AppLovin's cipher: `1:<40-hex sha1>:<sdk-key fragment>:<payload>`, in bodies and in the `p=`
 * query parameter (real samples rt-031, rt-075, rt-076; the sha1 96943fdea087a1d759e08734fce0068af23ef96e
 * is the same in every Android sample, but any 40-hex value is accepted so iOS builds match too).
 */
const appLovinCipher = /(?:^|[=&\s"'])1:[0-9a-f]{40}:[A-Za-z0-9_-]{8,}:[A-Za-z0-9_*-]{16,}/;

/**
 * A value this long in one base64 or hex run is a blob, not a word, an id or a hash: 128 base64
 * characters is 96 bytes, more than a SHA-512; hex starts at 256 so a SHA-512 in hex is not one.
 */
const blobMinLength = 128;
const hexBlobMinLength = 256;

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** What the HAR (ours or another tool's) says about the request body being cut or missing. */
function truncation(entry: HarEntry): string | undefined {
  const record = entry as Record<string, unknown>;
  const request = entry.request as Record<string, unknown>;
  const postData = (entry.request.postData ?? {}) as Record<string, unknown>;
  const cutAt = record._requestBodyTruncatedAt;
  if (typeof cutAt === 'number') return `The capture kept only the first ${cutAt} bytes of the request body.`;
  for (const marker of [postData._truncated, request._truncated, record._truncated]) {
    if (marker === true || typeof marker === 'number' || (typeof marker === 'string' && marker)) return 'The HAR marks the request body as truncated.';
  }
  const comment = textOf(postData.comment) ?? textOf(request.comment);
  if (comment && /truncat|\bcut\b|omitted|too large|not (recorded|captured|saved)/i.test(comment)) return `The HAR says of the request body: "${comment.slice(0, 120)}".`;
  const hasBody = Boolean(entry.request.postData?.text) || (entry.request.postData?.params?.length ?? 0) > 0;
  if (!hasBody && entry.request.bodySize > 0) return `The request had a ${entry.request.bodySize}-byte body that the HAR does not contain.`;
  return undefined;
}

function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** Undefined when the bytes can be searched; otherwise why not. */
function bytesOpaque(bytes: Buffer, what: string, textual = isText(bytes)): string | undefined {
  if (textual || isProtobufWithStrings(bytes)) return undefined;
  if (isCompressed(bytes)) {
    // The identifier search opens gzip and zlib streams (nested-payloads.ts): one that inflates to text or protobuf was read.
    const inflated = inflate(bytes);
    if (inflated && (isText(inflated.bytes) || isProtobufWithStrings(inflated.bytes))) return undefined;
    return `${what} is compressed data the analysis could not decompress.`;
  }
  return `${what} is binary data that is neither text nor protobuf (encrypted or in an unknown format).`;
}

function base64Bytes(run: string): Buffer {
  return Buffer.from(run.replace(/\*/g, '=').replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/** A long base64 or hex run whose decoded bytes are not text: encrypted, compressed or binary. */
function opaqueBlob(text: string, where: string): string | undefined {
  if (text.length < blobMinLength) return undefined;
  // Hex digits are base64 characters, and what borders a base64 run is not a letter, digit or
  // underscore: every long hex run lies inside a long base64 run, so only those are searched.
  const runs = base64Runs(text, blobMinLength);
  for (const { text: outer } of runs) {
    for (const { text: run } of hexRuns(outer, hexBlobMinLength)) {
      const reason = bytesOpaque(Buffer.from(run.length % 2 === 0 ? run : run.slice(1), 'hex'), `A ${run.length}-character hex value in the ${where}`);
      if (reason) return reason;
    }
  }
  for (const { text: run } of runs) {
    // Long words, paths and repeated characters are not blobs; base64 of random bytes is near 6 bits a character.
    if (shannonEntropy(run) < 4.5) continue;
    const reason = bytesOpaque(base64Bytes(run), `A ${run.length}-character base64 value in the ${where}`);
    if (reason) return reason;
  }
  return undefined;
}

function queryOf(url: string): string {
  const start = url.indexOf('?');
  return start < 0 ? '' : url.slice(start + 1);
}

/**
 * AppsFlyer's event endpoints (`*.appsflyer.com`, and 6.x's per-app `<prefix>-<service>.appsflyersdk.com`,
 * rt-061): SDK builds before 6.x AES-encrypted the JSON body (rt-025's note), so a binary body there
 * is AppsFlyer's cipher, not an unknown format.
 */
const appsFlyerHost = /(^|\.)appsflyer(sdk)?\.com$/i;

function hostOfUrl(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** The cipher's "1:" found natively first: the regex, tried at every character of every body, cost more than the search. */
function hasAppLovinCipher(text: string): boolean {
  return text.includes('1:') && appLovinCipher.test(text);
}

function opaquePayload(entry: HarEntry, body: RequestBody | undefined): string | undefined {
  const query = decodeFormComponent(queryOf(entry.request.url));
  if (hasAppLovinCipher(query)) return 'A query parameter carries an AppLovin-encrypted payload (1:<sha1>:<key>:<payload>).';
  if (body) {
    if (hasAppLovinCipher(body.text)) return 'The body is an AppLovin-encrypted payload (1:<sha1>:<key>:<payload>).';
    // A textual body is searchable as it is; asking for its bytes would only make them.
    const binary = body.textual ? undefined : bytesOpaque(body.bytes, 'The body', false);
    if (binary && appsFlyerHost.test(hostOfUrl(entry.request.url))) return 'The body is AppsFlyer-encrypted (binary, as AppsFlyer SDKs encrypt their event bodies): what it carries cannot be seen.';
    if (binary) return binary;
    const blob = opaqueBlob(body.text, 'body') ?? (body.text.includes('%') ? opaqueBlob(decodeFormComponent(body.text), 'body') : undefined);
    if (blob) return blob;
  }
  // Headers are left out on purpose: long opaque headers are auth tokens and SDK heartbeats
  // (x-firebase-client), and counting them would leave almost no request readable.
  return opaqueBlob(query, 'query');
}

/** Why an unanswered request's body is not all there, from its own headers; undefined when it is. */
function missingBody(entry: HarEntry): string | undefined {
  const header = (name: string) => entry.request.headers.find((candidate) => candidate.name.toLowerCase() === name)?.value;
  const announced = Number.parseInt(header('content-length') ?? '', 10);
  const recorded = Math.max(0, entry.request.bodySize);
  if (Number.isFinite(announced) && announced > recorded) return `only ${recorded} of the ${announced} bytes of its body arrived`;
  if (header('transfer-encoding') && recorded === 0) return 'its streamed body never arrived';
  // HTTP/2 need not announce a length: a POST with nothing recorded may have lost its body.
  if (recorded === 0 && !Number.isFinite(announced) && ['POST', 'PUT', 'PATCH'].includes(entry.request.method.toUpperCase())) return 'no body was recorded for it';
  return undefined;
}

/** Our proxy and browser HARs record a request that got no response as status 0 with nothing else. */
function hasNoResponse(entry: HarEntry): boolean {
  return entry.response.status === 0 && entry.response.headers.length === 0 && !entry.response.content.text;
}

export function classifyReadability(entry: HarEntry, body: RequestBody | undefined): Readability {
  const record = entry as Record<string, unknown>;
  if (entry._domainContact) {
    return { state: 'domain-only', reason: `${entry._domainContact.tool} recorded only that the host was contacted and when (line ${entry._domainContact.line} of the export), never what was sent.` };
  }
  if (entry._tlsFailure) {
    return { state: 'tls-failed', reason: `The app refused the capture's certificate for ${entry._tlsFailure.host} (${entry._tlsFailure.reason}), so no request was carried.` };
  }
  const aborted = textOf(record._aborted);
  if (aborted) {
    // Our proxy records an unanswered request with its body once it had it whole; only a body
    // it announced but did not get leaves the request itself incomplete.
    const missing = missingBody(entry);
    if (missing) return { state: 'aborted', reason: `The exchange was cut off before a response (${aborted}) and ${missing}.` };
  }
  const error = textOf(record._error);
  if (error) {
    if (tlsErrorPattern.test(error)) return { state: 'tls-failed', reason: `The browser refused the connection's certificate (${error}), so the request was never sent.` };
    return { state: 'aborted', reason: `The request failed (${error}) before it completed.` };
  }
  if (!aborted && hasNoResponse(entry) && entry.request.method === 'CONNECT') {
    return { state: 'tls-failed', reason: 'Only a connection attempt was recorded (CONNECT, no response), so no request was read.' };
  }
  if (!aborted && hasNoResponse(entry)) {
    return { state: 'tls-failed', reason: 'No response was recorded (status 0), which is how a HAR shows a refused certificate; the request may never have been sent.' };
  }
  const cut = truncation(entry);
  if (cut) return { state: 'truncated', reason: cut };
  const opaque = opaquePayload(entry, body);
  if (opaque) return { state: 'opaque', reason: opaque };
  if (aborted) return { state: 'readable', reason: `No response came (${aborted}), but the whole request was recorded and searched.` };
  return { state: 'readable', reason: 'Everything the request carried could be searched.' };
}
