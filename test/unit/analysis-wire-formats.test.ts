// One test per wire format real SDKs use (issue 17), on test/fixtures/real-traffic/wire-formats.har:
// each entry there names the samples.jsonl record it was derived from (derive-wire-formats.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseNetwork } from '../../src/analysis/analyse-network.ts';
import { readProtobuf } from '../../src/analysis/protobuf-strings.ts';
import type { AnalysisContext } from '../../src/analysis/types.ts';
import { HarSchema } from '../../src/evidence/har.ts';

const har = HarSchema.parse(JSON.parse(readFileSync(new URL('../fixtures/real-traffic/wire-formats.har', import.meta.url), 'utf8')));
/** The values the records themselves carry (rt-028, rt-070, rt-079, rt-081), as an identifiers file would list them. */
const context: AnalysisContext = {
  firstPartyDomains: ['example.com'],
  identifiers: {
    advertisingId: '8bba913a-7156-4b15-a65b-ae9ff23f3412',
    'custom:hardwareId': 'a5829c81-3bfc-45c4-b2b5-e0a8f6528eae',
    'custom:tapjoyId': 'tjid.0ded4a5c94dc45e28dd865539ca0d31a',
    'custom:mopubIfa': 'f6b2e3fc-76b5-4936-8248-bbfabd16ac3b',
    'custom:ironSourceDeviceId': 'ea70edc1-ac05-481c-8d2a-66b1be496a7e',
    'custom:bidMachineAaid': '60e5d787-7b10-4341-8289-a784280e7f1f',
  },
};
const analysis = analyseNetwork(har, context, { fallback: null });
const entry = (index: number) => analysis.entries[index]!;

describe('identifiers in the wire formats of real SDKs', () => {
  it('finds an id at an offset inside base64 of a query string inside a JSON string inside JSON (rt-081)', () => {
    expect(entry(0).identifiers).toEqual([
      { kind: 'custom:mopubIfa', encoding: 'plain', where: 'body', field: 'ifa' },
      { kind: 'custom:tapjoyId', encoding: 'base64', where: 'body', field: 'token' },
      { kind: 'custom:tapjoyId', encoding: 'plain', where: 'body', field: 'udid', inside: { layers: ['base64'], field: 'token' } },
    ]);
    expect(entry(0).readability.state).toBe('readable');
  });

  it.each([
    [1, 0, 'base64'],
    [2, 0, 'base64url'],
    [3, 1, 'base64'],
    [4, 1, 'base64url'],
    [5, 2, 'base64'],
    [6, 2, 'base64url'],
  ])('finds the device id in base64 JSON at every alignment and in both alphabets (rt-079, entry %i: offset %i, %s)', (index, offset, alphabet) => {
    expect(har.log.entries[index]!.comment).toContain(`byte offset ${offset} modulo 3`);
    expect(entry(index).identifiers).toContainEqual({ kind: 'custom:ironSourceDeviceId', encoding: 'plain', where: 'query', field: 'deviceid', inside: { layers: [alphabet], field: 'data' } });
    // The encoded form is found too, without decoding: its characters are fixed whatever the offset.
    expect(entry(index).identifiers).toContainEqual({ kind: 'custom:ironSourceDeviceId', encoding: 'base64', where: 'query', field: 'data' });
  });

  it('the URL-safe fixtures really use the URL-safe alphabet', () => {
    for (const index of [2, 4, 6]) expect(har.log.entries[index]!.request.url).toMatch(/data=[A-Za-z0-9]*[-_]/);
  });

  it('opens base64(gzip(JSON)) in a header (Firebase x-firebase-client shape, rt-028 body)', () => {
    expect(entry(7).identifiers).toEqual([
      { kind: 'custom:hardwareId', encoding: 'plain', where: 'header', field: 'hardware_id', inside: { layers: ['base64', 'gzip'], field: 'x-firebase-client' } },
      { kind: 'advertisingId', encoding: 'plain', where: 'header', field: 'aaid', inside: { layers: ['base64', 'gzip'], field: 'x-firebase-client' } },
      { kind: 'advertisingId', encoding: 'plain', where: 'header', field: 'google_advertising_id', inside: { layers: ['base64', 'gzip'], field: 'x-firebase-client' } },
    ]);
    expect(entry(7).readability.state).toBe('readable');
  });

  it('opens base64(zlib(JSON)) in a JSON field and counts it readable (Meta bidder token shape, rt-028 body)', () => {
    expect(entry(8).identifiers).toEqual([
      { kind: 'custom:hardwareId', encoding: 'plain', where: 'body', field: 'hardware_id', inside: { layers: ['base64', 'zlib'], field: 'token' } },
      { kind: 'advertisingId', encoding: 'plain', where: 'body', field: 'aaid', inside: { layers: ['base64', 'zlib'], field: 'token' } },
      { kind: 'advertisingId', encoding: 'plain', where: 'body', field: 'google_advertising_id', inside: { layers: ['base64', 'zlib'], field: 'token' } },
    ]);
    expect(entry(8).readability).toEqual({ state: 'readable', reason: 'Everything the request carried could be searched.' });
  });

  it('finds ids in URL-encoded JSON in a form field in a JSON string (Facebook /activities in a batch)', () => {
    expect(entry(9).identifiers).toEqual([
      { kind: 'advertisingId', encoding: 'plain', where: 'body', field: 'advertiser_id' },
      // Right after %22: an escaped quote ends a word as a quote does.
      { kind: 'custom:hardwareId', encoding: 'plain', where: 'body', field: 'custom_events' },
      { kind: 'advertisingId', encoding: 'plain', where: 'body', field: 'advertiser_id', inside: { layers: ['url-encoded'] } },
      { kind: 'custom:hardwareId', encoding: 'plain', where: 'body', field: 'hardware_id', inside: { layers: ['url-encoded'] } },
    ]);
  });

  it('reads protobuf under a form content type string by string and names the field (rt-070)', () => {
    expect(entry(10).identifiers).toEqual([{ kind: 'custom:bidMachineAaid', encoding: 'plain', where: 'body', inside: { layers: ['protobuf field 1.3'] } }]);
    expect(entry(10).readability.state).toBe('readable');
  });

  it('never reads an ASCII UUID as a nested message', () => {
    // This UUID parses as protobuf on its own ('0' is a varint tag, '-' a fixed32 tag): the trap the README describes.
    const uuid = '0a0b0c0d-0e0f-0a0b-0c0d-0e0f0a0b0c0d';
    expect(readProtobuf(Buffer.from(uuid))).toEqual({ strings: [], blobs: 0 });
    const message = Buffer.concat([Buffer.from([0x0a, uuid.length]), Buffer.from(uuid), Buffer.from([0x10, 0x01])]);
    expect(readProtobuf(message)).toEqual({ strings: [{ path: '1', text: uuid }], blobs: 0 });
  });
});

describe('payloads that cannot be read are opaque, and named', () => {
  it("names AppsFlyer's encrypted body (rt-027 shape)", () => {
    expect(entry(11).readability).toEqual({ state: 'opaque', reason: 'The body is AppsFlyer-encrypted (binary, as AppsFlyer SDKs encrypt their event bodies): what it carries cannot be seen.' });
    expect(entry(11).identifiers).toEqual([]);
  });

  it("names AppLovin's 1:<sha1>:<key>:<payload> cipher in the query and body (rt-031, as logged)", () => {
    const appLovin = HarSchema.parse(JSON.parse(readFileSync(new URL('../fixtures/har/real-sdk-readability.har', import.meta.url), 'utf8')));
    const analysed = analyseNetwork(appLovin, context, { fallback: null }).entries[0]!;
    expect(analysed.readability).toEqual({ state: 'opaque', reason: 'A query parameter carries an AppLovin-encrypted payload (1:<sha1>:<key>:<payload>).' });
  });

  it('calls high-entropy binary that decodes as nothing opaque, never readable (rt-038 ms= blob)', () => {
    expect(entry(12).readability.state).toBe('opaque');
    expect(entry(12).readability.reason).toBe('A 1438-character base64 value in the query is binary data that is neither text nor protobuf (encrypted or in an unknown format).');
  });

  it("reads Google's adid_p=1 and rdidl=36 as an advertising id of 36 characters sent unseen (rt-038)", () => {
    expect(entry(12).adSignals?.advertisingIdSentHidden).toEqual({ flag: 'adid_p', length: 36 });
  });
});
