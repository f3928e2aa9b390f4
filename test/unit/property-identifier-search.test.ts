// The identifier search decides whether a child's device id or e-mail left the device, so it must
// find a planted identifier in every encoding it claims to read, wherever the payload puts it,
// and must never claim an identifier that is not there: a second random UUID in the same traffic,
// in every encoding, is not the first one. Any payload and any identifiers give an answer.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseNetwork } from '../../src/analysis/analyse-network.ts';
import { identifierEncodings, type AnalysisContext, type IdentifierEncoding, type IdentifierHit } from '../../src/analysis/types.ts';
import type { Har, HarEntry } from '../../src/evidence/har.ts';

function entry(options: { url?: string; body?: string; mimeType?: string; encoding?: string; headers?: { name: string; value: string }[] }): HarEntry {
  return {
    startedDateTime: '2026-03-02T10:00:01.000Z',
    time: 10,
    request: {
      method: options.body === undefined ? 'GET' : 'POST',
      url: options.url ?? 'https://collector.tracker.example/v1/events',
      httpVersion: 'HTTP/1.1',
      headers: options.headers ?? [],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: -1,
      ...(options.body === undefined ? {} : { postData: { mimeType: options.mimeType ?? 'application/json', text: options.body, ...(options.encoding ? { encoding: options.encoding } : {}) } }),
    },
    response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: '' }, redirectURL: '', headersSize: -1, bodySize: -1 },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
  };
}
const harOf = (...entries: HarEntry[]): Har => ({ log: { version: '1.2', creator: { name: 'property', version: '1' }, entries } });
const hits = (har: Har, context: AnalysisContext): IdentifierHit[][] => analyseNetwork(har, context, { fallback: null }).entries.map((item) => item.identifiers);

/** Our own statement of each encoding, written independently of the analysis. */
const digest = (algorithm: string, value: string): string => createHash(algorithm).update(value, 'utf8').digest('hex');
const base64 = (value: string): string => Buffer.from(value, 'utf8').toString('base64');
const encoders: Record<IdentifierEncoding, (value: string) => string> = {
  plain: (value) => value,
  uppercase: (value) => value.toUpperCase(),
  lowercase: (value) => value.toLowerCase(),
  'url-encoded': (value) => encodeURIComponent(value),
  'url-encoded-twice': (value) => encodeURIComponent(encodeURIComponent(value)),
  'json-escaped': (value) => JSON.stringify(value).slice(1, -1),
  base64: (value) => base64(value),
  base64url: (value) => base64(value).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
  hex: (value) => Buffer.from(value, 'utf8').toString('hex'),
  md5: (value) => digest('md5', value),
  sha1: (value) => digest('sha1', value),
  sha256: (value) => digest('sha256', value),
  'md5-lowercase': (value) => digest('md5', value.toLowerCase()),
  'sha1-lowercase': (value) => digest('sha1', value.toLowerCase()),
  'sha256-lowercase': (value) => digest('sha256', value.toLowerCase()),
  'without-separators': (value) => value.replace(/[-:]/g, ''),
};
/** Encodings whose text is compared without regard to case (hex digests, %XX escapes). */
const caseFree = new Set<IdentifierEncoding>(['url-encoded', 'url-encoded-twice', 'hex', 'md5', 'sha1', 'sha256', 'md5-lowercase', 'sha1-lowercase', 'sha256-lowercase', 'without-separators']);
const sameText = (encoding: IdentifierEncoding, a: string, b: string): boolean => {
  if (caseFree.has(encoding)) return a.toLowerCase() === b.toLowerCase();
  // base64 is written with or without its padding, and a value without + or / is the same in base64url.
  if (encoding === 'base64' || encoding === 'base64url') return a.replace(/=+$/, '') === b.replace(/=+$/, '');
  return a === b;
};

/** Encodings that make sense for each kind of value (a UUID has no case to lower, an e-mail no separators). */
const uuidEncodings = identifierEncodings.filter((encoding) => !['lowercase', 'json-escaped'].includes(encoding));
const emailEncodings = identifierEncodings.filter((encoding) => !['without-separators', 'json-escaped'].includes(encoding));

// Long enough for the derived forms (base64, hex), which needles.ts searches only from 12 characters.
const email = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9]{5,11}$/), fc.constantFrom('', '.kid', '+test', '_01'), fc.stringMatching(/^[a-z][a-z0-9]{2,10}$/), fc.constantFrom('org', 'com', 'co.uk'))
  .map(([local, suffix, domain, tld]) => `${local}${suffix}@${domain}.${tld}`)
  .map((address) => (/[A-Z]/.test(address) ? address : address.replace(/^./, (first) => first.toUpperCase())));
const noise = fc.dictionary(fc.stringMatching(/^[a-z_]{1,10}$/), fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.boolean()), { maxKeys: 6 });
const placement = fc.constantFrom('json-body', 'form-body', 'header', 'query');

/** The planted text, put where the placement says, among the noise. */
function planted(written: string, where: string, extra: Record<string, unknown>): HarEntry {
  switch (where) {
    case 'json-body':
      return entry({ body: JSON.stringify({ ...extra, device: { id: written } }) });
    case 'form-body':
      return entry({ body: new URLSearchParams({ ...Object.fromEntries(Object.entries(extra).map(([key, value]) => [key, String(value)])), uid: written }).toString(), mimeType: 'application/x-www-form-urlencoded' });
    case 'header':
      return entry({ headers: [{ name: 'X-Noise', value: JSON.stringify(extra) }, { name: 'X-Device-Id', value: written }] });
    default:
      return entry({ url: `https://collector.tracker.example/v1/events?${new URLSearchParams({ ...Object.fromEntries(Object.entries(extra).map(([key, value]) => [key, String(value)])), uid: written }).toString()}` });
  }
}

function expectFound(found: IdentifierHit[], kind: string, value: string, written: string, encoding: IdentifierEncoding): void {
  const ofKind = found.filter((hit) => hit.kind === kind);
  expect({ encoding, kinds: found.map((hit) => hit.kind) }).toEqual({ encoding, kinds: expect.arrayContaining([kind]) });
  // The encoding it reports, applied to the value, gives back what was planted (or, for a form
  // that decodes before matching, what the placement decoded it to).
  const explained = ofKind.some((hit) => sameText(hit.encoding, encoders[hit.encoding](value), written) || sameText(hit.encoding, encoders[hit.encoding](value), decodeURIComponent(written)));
  expect({ encoding, explained, reported: ofKind.map((hit) => hit.encoding) }).toEqual({ encoding, explained: true, reported: ofKind.map((hit) => hit.encoding) });
}

describe('identifier search under arbitrary payloads', () => {
  it('finds a planted advertising id in every encoding, in any placement among noise', () => {
    fc.assert(
      fc.property(fc.uuid({ version: 4 }), fc.constantFrom(...uuidEncodings), placement, noise, (aaid, encoding, where, extra) => {
        const written = encoders[encoding](aaid);
        const [found] = hits(harOf(planted(written, where, extra)), { firstPartyDomains: [], identifiers: { advertisingId: aaid } });
        expectFound(found!, 'advertisingId', aaid, written, encoding);
      }),
      { numRuns: 400 },
    );
  });

  it('finds a planted e-mail address in every encoding, in any placement among noise', () => {
    fc.assert(
      fc.property(email, fc.constantFrom(...emailEncodings), placement, noise, (address, encoding, where, extra) => {
        const written = encoders[encoding](address);
        const [found] = hits(harOf(planted(written, where, extra)), { firstPartyDomains: [], identifiers: { email: address } });
        expectFound(found!, 'email', address, written, encoding);
      }),
      { numRuns: 400 },
    );
  });

  it('finds an advertising id inside a base64 blob at any byte offset', () => {
    fc.assert(
      fc.property(fc.uuid({ version: 4 }), fc.string({ maxLength: 9 }), noise, (aaid, prefix, extra) => {
        const blob = base64(`${prefix}${JSON.stringify({ ...extra, gaid: aaid })}`);
        const [found] = hits(harOf(entry({ url: `https://logs.tracker.example/l?data=${encodeURIComponent(blob)}` })), { firstPartyDomains: [], identifiers: { advertisingId: aaid } });
        expect(found!.filter((hit) => hit.kind === 'advertisingId').map((hit) => hit.encoding)).toContain('base64');
      }),
      { numRuns: 300 },
    );
  });

  it('never reports an advertising id or Android id that is not there, for random pairs in every encoding', () => {
    fc.assert(
      fc.property(
        fc.uuid({ version: 4 }),
        fc.uuid({ version: 4 }),
        fc.stringMatching(/^[0-9a-f]{16}$/),
        fc.stringMatching(/^[0-9a-f]{16}$/),
        noise,
        (known, other, knownAndroidId, otherAndroidId, extra) => {
          fc.pre(known !== other && knownAndroidId !== otherAndroidId);
          const entries = identifierEncodings.flatMap((encoding) => [
            planted(encoders[encoding](other), 'json-body', extra),
            planted(encoders[encoding](otherAndroidId), 'query', extra),
            entry({ url: `https://logs.tracker.example/l?data=${encodeURIComponent(base64(JSON.stringify({ ...extra, gaid: other, aid: otherAndroidId })))}` }),
          ]);
          const found = hits(harOf(...entries), { firstPartyDomains: [], identifiers: { advertisingId: known, androidId: knownAndroidId } });
          expect(found.flat()).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('terminates with an answer for arbitrary payloads, body encodings and identifier values', () => {
    const identifiers = fc.record(
      {
        email: email,
        username: fc.string({ minLength: 3, maxLength: 20 }),
        'custom:token': fc.string({ unit: 'grapheme', minLength: 4, maxLength: 30 }),
        'custom:raw': fc.string({ unit: 'binary', minLength: 4, maxLength: 20 }),
      },
      { requiredKeys: [] },
    );
    const body: fc.Arbitrary<{ text: string; encoding?: string }> = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 2000 }).map((text) => ({ text })),
      fc.uint8Array({ maxLength: 2000 }).map((bytes) => ({ text: Buffer.from(bytes).toString('base64'), encoding: 'base64' })),
      fc.string({ maxLength: 200 }).map((text) => ({ text, encoding: 'base64' })),
      fc.json({ maxDepth: 4 }).map((text) => ({ text })),
    );
    fc.assert(
      fc.property(identifiers, body, fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', 'application/x-protobuf'), fc.constantFrom('', 'gzip', 'br', 'deflate'), (ids, payload, mimeType, contentEncoding) => {
        const har = harOf(entry({ body: payload.text, mimeType, ...(payload.encoding ? { encoding: payload.encoding } : {}), headers: contentEncoding ? [{ name: 'Content-Encoding', value: contentEncoding }] : [] }));
        const found = hits(har, { firstPartyDomains: [], identifiers: ids as Record<string, string> });
        expect(found).toHaveLength(1);
      }),
      { numRuns: 400 },
    );
  });

  // Values with fewer than 3 distinct letters or digits ("1111", the all-zero id) are skipped by
  // design (needles.ts: they identify no one), so the generator keeps to values that qualify.
  const customValue = fc
    .string({ minLength: 4, maxLength: 30 })
    .filter((value) => new Set(value.replace(/[^a-zA-Z0-9]/g, '').toLowerCase()).size >= 3);

  it('finds any planted printable custom value with enough information in a JSON body or a query', () => {
    fc.assert(
      fc.property(customValue, noise, fc.constantFrom('json-body', 'query'), (value, extra, where) => {
        const [found] = hits(harOf(planted(value, where, extra)), { firstPartyDomains: [], identifiers: { 'custom:token': value } });
        expect({ value, kinds: found!.map((hit) => hit.kind) }).toEqual({ value, kinds: expect.arrayContaining(['custom:token']) });
      }),
      { numRuns: 400 },
    );
  });

  // A space sent form-encoded ("Zoe+Smith"), as URLSearchParams and HTML forms write it.
  it('finds a value with a space when it is form-encoded in a query or a form body', () => {
    for (const where of ['query', 'form-body']) {
      const [found] = hits(harOf(planted('Zoe Smith', where, {})), { firstPartyDomains: [], identifiers: { username: 'Zoe Smith' } });
      expect({ where, kinds: found!.map((hit) => hit.kind) }).toEqual({ where, kinds: expect.arrayContaining(['username']) });
    }
  });

  // Characters above 127 share one matcher symbol: "zoë1234" and "ZOË1234" share a trie path.
  it('finds identifiers with non-ASCII letters (a username such as zoë1234)', () => {
    for (const value of ['zoë1234', 'José-María', 'Ünïcødé-name']) {
      const [found] = hits(harOf(planted(value, 'json-body', {})), { firstPartyDomains: [], identifiers: { username: value } });
      expect({ value, kinds: found!.map((hit) => hit.kind) }).toEqual({ value, kinds: ['username'] });
    }
  });
});
