import { createHash } from 'node:crypto';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { analyseNetwork } from '../../src/analysis/analyse-network.ts';
import type { AnalysisContext, IdentifierEncoding } from '../../src/analysis/types.ts';
import type { Har, HarEntry } from '../../src/evidence/har.ts';

const aaid = '3f2a9c4e-7b1d-4e8a-9c55-2d6f1a0b7e93';
const email = 'Ico.Test+persona@Example.org';
// A value whose base64 holds '+' and '/', so its URL-safe base64 differs from the standard one.
const token = 'player??>>~~token';
const context: AnalysisContext = { firstPartyDomains: ['test-game.example'], identifiers: { advertisingId: aaid, email, 'custom:token': token } };

function harEntry(url: string, extra: { body?: string; mimeType?: string; encoding?: string; headers?: { name: string; value: string }[]; cookies?: { name: string; value: string }[] } = {}): HarEntry {
  return {
    startedDateTime: '2026-03-02T10:00:01.000Z',
    time: 10,
    request: {
      method: extra.body === undefined ? 'GET' : 'POST',
      url,
      httpVersion: 'HTTP/1.1',
      headers: extra.headers ?? [],
      queryString: [],
      cookies: extra.cookies ?? [],
      headersSize: -1,
      bodySize: -1,
      ...(extra.body === undefined ? {} : { postData: { mimeType: extra.mimeType ?? 'application/json', text: extra.body, ...(extra.encoding ? { encoding: extra.encoding } : {}) } }),
    },
    response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: '' }, redirectURL: '', headersSize: -1, bodySize: -1 },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
  };
}
const harOf = (...entries: HarEntry[]): Har => ({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } });
const hex = (algorithm: string, value: string): string => createHash(algorithm).update(value).digest('hex');
const base64 = (value: string): string => Buffer.from(value).toString('base64');

const planted: [IdentifierEncoding, string, string][] = [
  ['plain', 'advertisingId', aaid],
  ['uppercase', 'advertisingId', aaid.toUpperCase()],
  ['lowercase', 'email', email.toLowerCase()],
  ['url-encoded', 'email', encodeURIComponent(email)],
  ['url-encoded-twice', 'email', encodeURIComponent(encodeURIComponent(email))],
  ['base64', 'advertisingId', base64(aaid)],
  ['base64', 'email', base64(email).replace(/=+$/, '')],
  ['base64url', 'custom:token', base64(token).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')],
  ['hex', 'advertisingId', Buffer.from(aaid).toString('hex')],
  ['md5', 'advertisingId', hex('md5', aaid)],
  ['sha1', 'advertisingId', hex('sha1', aaid).toUpperCase()],
  ['sha256', 'email', hex('sha256', email)],
  ['md5-lowercase', 'email', hex('md5', email.toLowerCase())],
  ['sha1-lowercase', 'email', hex('sha1', email.toLowerCase())],
  ['sha256-lowercase', 'email', hex('sha256', email.toLowerCase())],
  ['without-separators', 'advertisingId', aaid.replace(/-/g, '')],
];

describe('identifier search', () => {
  it.each(planted)('finds the %s form of %s in a query parameter', (encoding, kind, written) => {
    const analysis = analyseNetwork(harOf(harEntry(`https://collector.tracker.example/c?v=2&uid=${written.replace(/\+/g, '%2B').replace(/\//g, '%2F').replace(/=/g, '%3D')}`)), context, { fallback: null });
    expect(analysis.entries[0]!.identifiers).toContainEqual(expect.objectContaining({ kind, encoding, where: 'query', field: 'uid' }));
  });

  it('finds the JSON-escaped form, and ids inside a base64 blob at any byte offset', () => {
    const escaped = analyseNetwork(harOf(harEntry('https://a.tracker.example/e', { body: JSON.stringify({ user: { email: 'a/b@example.org' } }).replace(/\//g, '\\/') })), { firstPartyDomains: [], identifiers: { email: 'a/b@example.org' } }, { fallback: null });
    expect(escaped.entries[0]!.identifiers).toContainEqual(expect.objectContaining({ kind: 'email', encoding: 'json-escaped', where: 'body' }));
    for (const prefix of ['', 'x', 'xy']) {
      const blob = base64(`${prefix}{"device":{"gaid":"${aaid}"}}`);
      const analysis = analyseNetwork(harOf(harEntry(`https://logs.ironsrc.example/logs?data=${encodeURIComponent(blob)}`)), context, { fallback: null });
      expect(analysis.entries[0]!.identifiers.map((hit) => hit.encoding)).toContain('base64');
    }
  });

  it('searches headers, cookies and every body encoding, naming where it was found', () => {
    const json = JSON.stringify({ ifa: aaid });
    const entries = [
      harEntry('https://h.tracker.example/', { headers: [{ name: 'X-Device-Id', value: aaid }] }),
      harEntry('https://c.tracker.example/', { cookies: [{ name: 'gaid', value: aaid }] }),
      harEntry('https://g.tracker.example/', { body: gzipSync(json).toString('base64'), encoding: 'base64', headers: [{ name: 'Content-Encoding', value: 'gzip' }] }),
      harEntry('https://d.tracker.example/', { body: deflateSync(json).toString('base64'), encoding: 'base64', headers: [{ name: 'Content-Encoding', value: 'deflate' }] }),
      harEntry('https://b.tracker.example/', { body: brotliCompressSync(json).toString('base64'), encoding: 'base64', headers: [{ name: 'Content-Encoding', value: 'br' }] }),
      harEntry('https://p.tracker.example/', { body: Buffer.from(json).toString('base64'), encoding: 'base64' }),
      harEntry('https://f.tracker.example/', { body: `ev=open&blob=${encodeURIComponent(base64(aaid))}`, mimeType: 'application/x-www-form-urlencoded' }),
    ];
    const analysis = analyseNetwork(harOf(...entries), context, { fallback: null });
    expect(analysis.entries[0]!.identifiers).toEqual([{ kind: 'advertisingId', encoding: 'plain', where: 'header', field: 'X-Device-Id' }]);
    expect(analysis.entries[1]!.identifiers).toEqual([{ kind: 'advertisingId', encoding: 'plain', where: 'cookie', field: 'gaid' }]);
    for (const index of [2, 3, 4, 5]) expect(analysis.entries[index]!.identifiers).toContainEqual({ kind: 'advertisingId', encoding: 'plain', where: 'body', field: 'ifa' });
    expect(analysis.entries[6]!.identifiers).toContainEqual(expect.objectContaining({ kind: 'advertisingId', encoding: 'base64', where: 'body' }));
  });

  it('finds nothing in look-alikes: another UUID, the all-zero advertising id, random base64, a longer id containing it', () => {
    const zeroContext: AnalysisContext = { firstPartyDomains: [], identifiers: { advertisingId: aaid, 'advertisingId#2': '00000000-0000-0000-0000-000000000000' } };
    const randomBase64 = Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919 + 13) % 256)).toString('base64');
    const entries = [
      harEntry(`https://a.tracker.example/?ifa=6f1c0a2e-1111-4b2c-9d3e-123456789abc&zero=00000000-0000-0000-0000-000000000000`),
      harEntry('https://b.tracker.example/', { body: JSON.stringify({ blob: randomBase64, hash: hex('sha256', 'someone-else') }) }),
      harEntry(`https://c.tracker.example/?id=${aaid}0`),
      harEntry(`https://d.tracker.example/?id=${aaid.slice(0, 30)}`),
    ];
    const analysis = analyseNetwork(harOf(...entries), zeroContext, { fallback: null });
    expect(analysis.entries.flatMap((entry) => entry.identifiers)).toEqual([]);
  });
});
