// Turns one proxied exchange into a HAR 1.2 entry. Bodies are kept as text when they are valid
// UTF-8 and as base64 otherwise (with `encoding`, as HAR tools do), capped so that one huge
// download cannot exhaust memory; a cut is always stated on the entry.
import type { HarEntry } from '../../evidence/har.ts';
import type { Phase } from '../../plan/schema.ts';

export interface RecordedRequest {
  startTime: number;
  method: string;
  url: string;
  httpVersion: string;
  rawHeaders: Array<[string, string]>;
  /** Decoded body (content-encoding removed) when it could be decoded, else the bytes as sent. */
  body: Uint8Array;
}

export interface RecordedResponse {
  statusCode: number;
  statusMessage: string;
  rawHeaders: Array<[string, string]>;
  body: Uint8Array;
  /** When the response finished, ms since the epoch. */
  endTime: number;
  headersSentTime?: number;
}

function headerValue(rawHeaders: Array<[string, string]>, name: string): string | undefined {
  return rawHeaders.find(([key]) => key.toLowerCase() === name)?.[1];
}

function harHeaders(rawHeaders: Array<[string, string]>): Array<{ name: string; value: string }> {
  return rawHeaders.map(([name, value]) => ({ name, value }));
}

function requestCookies(rawHeaders: Array<[string, string]>): Array<{ name: string; value: string }> {
  return rawHeaders
    .filter(([key]) => key.toLowerCase() === 'cookie')
    .flatMap(([, value]) => value.split(';'))
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const equals = pair.indexOf('=');
      return equals < 0 ? { name: pair, value: '' } : { name: pair.slice(0, equals), value: pair.slice(equals + 1) };
    });
}

function responseCookies(rawHeaders: Array<[string, string]>): Array<{ name: string; value: string; domain?: string; path?: string }> {
  return rawHeaders
    .filter(([key]) => key.toLowerCase() === 'set-cookie')
    .map(([, value]) => {
      const [pair = '', ...attributes] = value.split(';');
      const equals = pair.indexOf('=');
      const cookie: { name: string; value: string; domain?: string; path?: string } = {
        name: equals < 0 ? pair.trim() : pair.slice(0, equals).trim(),
        value: equals < 0 ? '' : pair.slice(equals + 1).trim(),
      };
      for (const attribute of attributes) {
        const [key = '', attributeValue = ''] = attribute.split('=');
        if (key.trim().toLowerCase() === 'domain') cookie.domain = attributeValue.trim();
        if (key.trim().toLowerCase() === 'path') cookie.path = attributeValue.trim();
      }
      return cookie;
    });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Text if the bytes are UTF-8 without control characters other than whitespace, else base64. */
export function bodyAsHarText(bytes: Uint8Array, capBytes: number): { text: string; encoding?: 'base64'; truncated: boolean } {
  const truncated = bytes.byteLength > capBytes;
  const kept = truncated ? bytes.subarray(0, capBytes) : bytes;
  try {
    // A cap can cut a multi-byte character in half; decoding non-fatally at the cut keeps text as text.
    const text = truncated ? new TextDecoder('utf-8').decode(kept) : utf8.decode(kept);
    if (!/[\u0000-\u0008\u000e-\u001f]/.test(text)) return { text, truncated };
  } catch {
    // Not UTF-8: fall through to base64.
  }
  return { text: Buffer.from(kept).toString('base64'), encoding: 'base64', truncated };
}

function queryString(url: string): Array<{ name: string; value: string }> {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

export interface EntryOptions {
  phase: Phase;
  requestBodyCapBytes: number;
  responseBodyCapBytes: number;
}

export function buildHarEntry(request: RecordedRequest, response: RecordedResponse | undefined, options: EntryOptions & { abortReason?: string }): HarEntry {
  const entry: HarEntry = {
    startedDateTime: new Date(request.startTime).toISOString(),
    time: Math.max(0, (response?.endTime ?? request.startTime) - request.startTime),
    request: {
      method: request.method,
      url: request.url,
      httpVersion: request.httpVersion.startsWith('HTTP/') ? request.httpVersion : `HTTP/${request.httpVersion}`,
      headers: harHeaders(request.rawHeaders),
      queryString: queryString(request.url),
      cookies: requestCookies(request.rawHeaders),
      headersSize: -1,
      bodySize: request.body.byteLength,
    },
    response: {
      status: response?.statusCode ?? 0,
      statusText: response?.statusMessage ?? '',
      httpVersion: request.httpVersion.startsWith('HTTP/') ? request.httpVersion : `HTTP/${request.httpVersion}`,
      headers: harHeaders(response?.rawHeaders ?? []),
      cookies: responseCookies(response?.rawHeaders ?? []),
      content: { size: response?.body.byteLength ?? 0, mimeType: headerValue(response?.rawHeaders ?? [], 'content-type') ?? '' },
      redirectURL: headerValue(response?.rawHeaders ?? [], 'location') ?? '',
      headersSize: -1,
      bodySize: response?.body.byteLength ?? 0,
    },
    cache: {},
    timings: {
      send: 0,
      wait: response?.headersSentTime ? Math.max(0, response.headersSentTime - request.startTime) : 0,
      receive: response?.headersSentTime ? Math.max(0, response.endTime - response.headersSentTime) : 0,
    },
    _phase: options.phase,
    _source: 'proxy',
  };
  if (request.body.byteLength > 0) {
    const body = bodyAsHarText(request.body, options.requestBodyCapBytes);
    entry.request.postData = {
      mimeType: headerValue(request.rawHeaders, 'content-type') ?? '',
      text: body.text,
      ...(body.encoding ? { encoding: body.encoding } : {}),
    };
    if (body.truncated) entry._requestBodyTruncatedAt = options.requestBodyCapBytes;
  }
  if (response && response.body.byteLength > 0) {
    const body = bodyAsHarText(response.body, options.responseBodyCapBytes);
    entry.response.content.text = body.text;
    if (body.encoding) entry.response.content.encoding = body.encoding;
    if (body.truncated) entry.response.content._truncatedAt = options.responseBodyCapBytes;
  }
  if (options.abortReason) entry._aborted = options.abortReason;
  return entry;
}

/** A TLS handshake the client refused (typically certificate pinning): the contact is evidence too. */
export function buildTlsFailureEntry(host: string, reason: string, time: number, phase: Phase): HarEntry {
  return {
    startedDateTime: new Date(time).toISOString(),
    time: 0,
    request: { method: 'CONNECT', url: `https://${host}/`, httpVersion: 'HTTP/1.1', headers: [], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
    response: { status: 0, statusText: '', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: '' }, redirectURL: '', headersSize: -1, bodySize: 0 },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
    _phase: phase,
    _source: 'proxy',
    _tlsFailure: { host, reason },
  };
}
