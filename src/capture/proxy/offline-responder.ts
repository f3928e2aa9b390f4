// The demo's whole internet: configured origins are answered from folders of static files, and
// every other host with a small canned answer that looks like what that kind of server sends
// (an ad creative, a 1x1 pixel, or nothing). No request ever leaves the machine.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { getDomain } from 'tldts';

export interface OfflineRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

export interface OfflineResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

export type OfflineKind = 'static' | 'ad' | 'bid' | 'pixel' | 'other';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** The smallest transparent GIF, what tracking pixels answer. */
const transparentGif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const adPathPattern = /\/(pagead\/ads|ads|ad|adserver|getads|mads\/gma|v\d+\/games\/[^/]+\/requests|gampad\/ads)(\/|$)/i;
const bidPathPattern = /(openrtb|auction|\/bid(request)?)(\/|$)/i;
const pixelPathPattern = /(\.gif|\.png|\/(pixel|collect|tr|track|beacon|imp|impression|sync|activity)(\/|$))/i;

function header(request: OfflineRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    return undefined;
  }
}

export function classifyRequest(request: OfflineRequest): Exclude<OfflineKind, 'static'> {
  const url = new URL(request.url);
  const json = request.method === 'POST' ? parseJson(request.body) : undefined;
  if (json && typeof json === 'object' && Array.isArray((json as { imp?: unknown }).imp)) return 'bid';
  if (bidPathPattern.test(url.pathname)) return 'bid';
  if (adPathPattern.test(url.pathname)) return 'ad';
  if (request.method === 'GET' && pixelPathPattern.test(url.pathname)) return 'pixel';
  return 'other';
}

/**
 * Real ad servers document that they set no identifying cookie on requests flagged as
 * child-directed or non-personalised; the canned ones do the same, so a careful game that
 * sends the flags does not collect cookies it never asked for.
 */
export function asksForNoTracking(request: OfflineRequest): boolean {
  const url = new URL(request.url);
  for (const name of ['tfcd', 'tfua', 'npa', 'coppa']) {
    if (url.searchParams.get(name) === '1' || url.searchParams.get(name) === 'true') return true;
  }
  const json = request.method === 'POST' ? parseJson(request.body) : undefined;
  const regs = json && typeof json === 'object' ? (json as { regs?: { coppa?: unknown } }).regs : undefined;
  return regs?.coppa === 1;
}

function corsHeaders(request: OfflineRequest): Record<string, string> {
  const origin = header(request, 'origin');
  if (!origin) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-allow-headers': header(request, 'access-control-request-headers') ?? 'content-type',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    vary: 'Origin',
  };
}

function trackingCookie(host: string): string {
  // Google's ad cookie is called IDE; others get the generic name most exchanges use.
  const name = host.endsWith('doubleclick.net') ? 'IDE' : 'uid';
  const domain = getDomain(host) ?? host;
  return `${name}=${randomBytes(12).toString('base64url')}; Domain=.${domain}; Path=/; Max-Age=34190000; Secure; SameSite=None`;
}

function creativeHtml(host: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;font:14px sans-serif}a{display:flex;align-items:center;justify-content:center;height:100vh;background:#ffe14d;color:#222;text-decoration:none}</style></head><body><a href="https://${host}/click" target="_blank">Play Candy Blast 2 now! Free gems!</a></body></html>`;
}

function bidResponse(request: OfflineRequest, host: string): unknown {
  const bidRequest = parseJson(request.body) as { id?: string; imp?: Array<{ id?: string }> } | undefined;
  return {
    id: bidRequest?.id ?? 'unknown',
    cur: 'USD',
    seatbid: [
      {
        seat: 'demo-seat',
        bid: (bidRequest?.imp ?? [{ id: '1' }]).map((imp, index) => ({
          id: `bid-${index + 1}`,
          impid: imp.id ?? String(index + 1),
          price: 1.25,
          crid: 'creative-42',
          adm: creativeHtml(host),
        })),
      },
    ],
  };
}

function staticFile(root: string, request: OfflineRequest): OfflineResponse {
  const url = new URL(request.url);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    // The demo games' own APIs (first-party analytics) accept and discard what they are sent.
    return { status: 204, headers: { 'cache-control': 'no-store' }, body: Buffer.alloc(0) };
  }
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return { status: 400, headers: { 'content-type': 'text/plain' }, body: Buffer.from('bad path') };
  }
  let file = path.resolve(root, `.${relative}`);
  // A path that climbs out of the folder is refused, whatever it was encoded as.
  if (file !== root && !file.startsWith(root + path.sep)) {
    return { status: 403, headers: { 'content-type': 'text/plain' }, body: Buffer.from('forbidden') };
  }
  if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!existsSync(file)) {
    return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from('not found') };
  }
  const type = contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  return { status: 200, headers: { 'content-type': type, 'cache-control': 'no-store' }, body: readFileSync(file) };
}

export function createOfflineResponder(origins: Record<string, string>): (request: OfflineRequest) => OfflineResponse {
  const roots = new Map(Object.entries(origins).map(([origin, folder]) => [new URL(origin).origin, path.resolve(folder)]));
  return (request) => {
    const url = new URL(request.url);
    const root = roots.get(url.origin);
    if (root) return staticFile(root, request);
    const cors = corsHeaders(request);
    if (request.method === 'OPTIONS') return { status: 204, headers: cors, body: Buffer.alloc(0) };
    const kind = classifyRequest(request);
    const cookies: Record<string, string[]> = (kind === 'ad' || kind === 'bid' || kind === 'pixel') && !asksForNoTracking(request) ? { 'set-cookie': [trackingCookie(url.hostname)] } : {};
    switch (kind) {
      case 'bid':
        return { status: 200, headers: { ...cors, ...cookies, 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(bidResponse(request, url.hostname))) };
      case 'ad': {
        const wantsJson = /json/.test(header(request, 'accept') ?? '') || url.searchParams.get('output') === 'json';
        return wantsJson
          ? { status: 200, headers: { ...cors, ...cookies, 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ ads: [{ html: creativeHtml(url.hostname) }] })) }
          : { status: 200, headers: { ...cors, ...cookies, 'content-type': 'text/html; charset=utf-8' }, body: Buffer.from(creativeHtml(url.hostname)) };
      }
      case 'pixel':
        return { status: 200, headers: { ...cors, ...cookies, 'content-type': 'image/gif', 'cache-control': 'no-store' }, body: transparentGif };
      default:
        return { status: 204, headers: cors, body: Buffer.alloc(0) };
    }
  };
}
