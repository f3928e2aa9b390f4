// Whether each request could be read: real SDK payloads (AppLovin's cipher, AdMob's blobs) are
// opaque, real JSON, gzip and protobuf-with-strings stay readable, and what our proxy and
// Chrome DevTools write for refused certificates, aborts and cut bodies is named as such.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseNetwork } from '../../src/analysis/analyse-network.ts';
import { classifyReadability } from '../../src/analysis/readability.ts';
import { HarSchema, type Har, type HarEntry } from '../../src/evidence/har.ts';
import { buildHarEntry, buildTlsFailureEntry } from '../../src/capture/proxy/har-entry.ts';

function loadHar(name: string): Har {
  return HarSchema.parse(JSON.parse(readFileSync(`test/fixtures/har/${name}`, 'utf8')));
}

const branchAaid = '8bba913a-7156-4b15-a65b-ae9ff23f3412';

function analyse(har: Har) {
  return analyseNetwork(har, { firstPartyDomains: ['blockpuzzle.example'], identifiers: { advertisingId: branchAaid } }, { fallback: null });
}

describe('readability of real SDK requests (test/fixtures/har/real-sdk-readability.har)', () => {
  const entries = analyse(loadHar('real-sdk-readability.har')).entries;

  it('marks AppLovin bodies and p= parameters, and AdMob blobs, as opaque', () => {
    expect(entries.slice(0, 4).map((entry) => [entry.host, entry.readability.state])).toEqual([
      ['ms4.applovin.com', 'opaque'],
      ['ms.applovin.com', 'opaque'],
      ['d.applovin.com', 'opaque'],
      ['googleads.g.doubleclick.net', 'opaque'],
    ]);
    expect(entries[0]!.readability.reason).toBe('A query parameter carries an AppLovin-encrypted payload (1:<sha1>:<key>:<payload>).');
    expect(entries[2]!.readability.reason).toBe('A query parameter carries an AppLovin-encrypted payload (1:<sha1>:<key>:<payload>).');
    expect(entries[3]!.readability.reason).toMatch(/^A \d+-character base64 value in the query is binary data that is neither text nor protobuf/);
  });

  it('keeps JSON, a long query string, gzip that decodes, protobuf with strings and a form body readable, and finds the id in them', () => {
    expect(entries.slice(4).map((entry) => [entry.host, entry.readability.state])).toEqual([
      ['api2.branch.io', 'readable'],
      ['sdk-api-v1.singular.net', 'readable'],
      ['api2.branch.io', 'readable'],
      ['app-measurement.com', 'readable'],
      ['graph.facebook.com', 'readable'],
    ]);
    expect(entries[4]!.identifiers.map((hit) => hit.kind)).toContain('advertisingId');
    expect(entries[6]!.identifiers.map((hit) => hit.kind)).toContain('advertisingId');
    expect(entries[7]!.identifiers.map((hit) => hit.kind)).toContain('advertisingId');
  });
});

describe('readability of what our proxy writes', () => {
  const request = { startTime: Date.parse('2026-03-02T10:00:02Z'), method: 'POST', url: 'https://t.appsflyer.com/api/v6.5/androidevent', httpVersion: '1.1', rawHeaders: [['content-type', 'application/json']] as Array<[string, string]> };
  const response = { statusCode: 200, statusMessage: 'OK', rawHeaders: [['content-type', 'application/json']] as Array<[string, string]>, body: new TextEncoder().encode('{}'), endTime: Date.parse('2026-03-02T10:00:03Z') };
  const options = { phase: 'launch' as const, requestBodyCapBytes: 64, responseBodyCapBytes: 64 };

  it('a refused TLS handshake is tls-failed', () => {
    const entry = buildTlsFailureEntry('googleads.g.doubleclick.net', 'certificate unknown', Date.parse('2026-03-02T10:00:02Z'), 'launch');
    expect(classifyReadability(entry, undefined)).toEqual({
      state: 'tls-failed',
      reason: "The app refused the capture's certificate for googleads.g.doubleclick.net (certificate unknown), so no request was carried.",
    });
  });

  it('an exchange cut off before its announced body arrived is aborted', () => {
    const announced: Array<[string, string]> = [...request.rawHeaders, ['content-length', '1843']];
    const entry = buildHarEntry({ ...request, rawHeaders: announced, body: new Uint8Array() }, undefined, { ...options, abortReason: 'socket hang up' });
    expect(classifyReadability(entry, undefined)).toEqual({
      state: 'aborted',
      reason: 'The exchange was cut off before a response (socket hang up) and only 0 of the 1843 bytes of its body arrived.',
    });
  });

  it('an unanswered POST that announced no length and recorded no body may have lost it (HTTP/2), so it is aborted', () => {
    const entry = buildHarEntry({ ...request, httpVersion: '2.0', body: new Uint8Array() }, undefined, { ...options, abortReason: 'stream reset' });
    expect(classifyReadability(entry, undefined)).toEqual({ state: 'aborted', reason: 'The exchange was cut off before a response (stream reset) and no body was recorded for it.' });
  });

  it('a whole request that got no answer before the capture ended is still readable: the proxy had all of it', () => {
    const whole: Array<[string, string]> = [...request.rawHeaders, ['content-length', '7']];
    const entry = buildHarEntry({ ...request, rawHeaders: whole, body: new TextEncoder().encode('{"a":1}') }, undefined, { ...options, abortReason: 'the capture ended before a response arrived' });
    expect(classifyReadability(entry, undefined)).toEqual({
      state: 'readable',
      reason: 'No response came (the capture ended before a response arrived), but the whole request was recorded and searched.',
    });
  });

  it('a body over the cap is truncated', () => {
    const entry = buildHarEntry({ ...request, body: new TextEncoder().encode(`{"events":"${'x'.repeat(100)}"}`) }, response, options);
    expect(classifyReadability(entry, undefined)).toEqual({ state: 'truncated', reason: 'The capture kept only the first 64 bytes of the request body.' });
  });

  it('a whole small body is readable', () => {
    const entry = buildHarEntry({ ...request, body: new TextEncoder().encode('{"advertiserId":"8bba913a-7156-4b15-a65b-ae9ff23f3412"}') }, response, options);
    expect(classifyReadability(entry, undefined).state).toBe('readable');
  });
});

describe('readability of other tools’ HARs', () => {
  it('Chrome DevTools: ERR_CERT_AUTHORITY_INVALID is tls-failed, ERR_ABORTED is aborted (test/fixtures/har/chrome-devtools-cert-refused.har)', () => {
    const entries = analyse(loadHar('chrome-devtools-cert-refused.har')).entries;
    expect(entries.map((entry) => [entry.host, entry.readability.state])).toEqual([
      ['play.blockpuzzle.example', 'readable'],
      ['securepubads.g.doubleclick.net', 'tls-failed'],
      ['www.google-analytics.com', 'tls-failed'],
      ['api2.amplitude.com', 'tls-failed'],
      ['play.blockpuzzle.example', 'aborted'],
    ]);
    expect(entries[1]!.readability.reason).toBe("The browser refused the connection's certificate (net::ERR_CERT_AUTHORITY_INVALID), so the request was never sent.");
  });

  const base: HarEntry = loadHar('real-sdk-readability.har').log.entries[4]!;

  it('a body the HAR says it cut or left out is truncated', () => {
    const commented = { ...base, request: { ...base.request, postData: { ...base.request.postData!, comment: 'Body truncated at 1 MB' } } };
    expect(classifyReadability(commented, undefined)).toEqual({ state: 'truncated', reason: 'The HAR says of the request body: "Body truncated at 1 MB".' });
    const missing = { ...base, request: { ...base.request, postData: undefined, bodySize: 1843 } };
    expect(classifyReadability(missing, undefined)).toEqual({ state: 'truncated', reason: 'The request had a 1843-byte body that the HAR does not contain.' });
  });

  it('status 0 with nothing recorded is read as a refused certificate', () => {
    const noResponse = { ...base, response: { ...base.response, status: 0, headers: [], content: { size: 0, mimeType: '' } } };
    expect(classifyReadability(noResponse, undefined).state).toBe('tls-failed');
  });
});

describe('binary bodies', () => {
  const entries = (body: Buffer, headers: Array<{ name: string; value: string }> = []) => {
    const base = loadHar('real-sdk-readability.har').log.entries[4]!;
    const entry: HarEntry = { ...base, request: { ...base.request, headers, postData: { mimeType: 'application/octet-stream', text: body.toString('base64'), encoding: 'base64' } } };
    return analyse({ log: { version: '1.2', creator: { name: 'gameaudit', version: 'test' }, entries: [entry] } }).entries[0]!.readability;
  };
  // Bytes with no structure, as an SDK's cipher produces: SHA-256 blocks chained from a fixed seed.
  const noise = Buffer.concat(Array.from({ length: 16 }, (_, block) => createHash('sha256').update(`gameaudit readability ${block}`).digest()));

  it('encrypted-looking bytes are opaque', () => {
    expect(entries(noise)).toEqual({ state: 'opaque', reason: 'The body is binary data that is neither text nor protobuf (encrypted or in an unknown format).' });
  });

  it('a gzip stream that does not decompress is opaque, named as compressed', () => {
    const broken = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), noise]);
    expect(entries(broken, [{ name: 'Content-Encoding', value: 'gzip' }])).toEqual({ state: 'opaque', reason: 'The body is compressed data the analysis could not decompress.' });
  });
});

describe('the organisation summary', () => {
  it('counts refused handshakes as connection attempts, apart from requests', () => {
    const at = Date.parse('2026-03-02T10:00:02Z');
    const branch = loadHar('real-sdk-readability.har').log.entries[4]!;
    const har: Har = {
      log: {
        version: '1.2',
        creator: { name: 'gameaudit', version: 'test' },
        entries: [
          buildTlsFailureEntry('t.appsflyer.com', 'certificate unknown', at, 'launch'),
          buildTlsFailureEntry('googleads.g.doubleclick.net', 'certificate unknown', at + 100, 'launch'),
          buildTlsFailureEntry('googleads.g.doubleclick.net', 'certificate unknown', at + 200, 'play'),
          branch,
        ],
      },
    };
    const organisations = analyse(har).organisations.map(({ organization, requests, defaultPhaseRequests, attempts, defaultPhaseAttempts }) => ({ organization, requests, defaultPhaseRequests, attempts, defaultPhaseAttempts }));
    expect(organisations).toEqual([
      { organization: 'AppsFlyer', requests: 0, defaultPhaseRequests: 0, attempts: 1, defaultPhaseAttempts: 1 },
      { organization: 'Google', requests: 0, defaultPhaseRequests: 0, attempts: 2, defaultPhaseAttempts: 1 },
      { organization: 'Branch', requests: 1, defaultPhaseRequests: 1, attempts: 0, defaultPhaseAttempts: 0 },
    ]);
  });
});
