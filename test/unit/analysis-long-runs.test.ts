// Long runs of hex and base64 in a payload: found whole, once, wherever they sit (the end of the
// text, after a shorter run, inside a base64 run), and a hex run that is part of a longer word is
// not read as hex. The readability check decides "opaque" from these runs (readability.ts).
import { describe, expect, it } from 'vitest';
import { base64Runs } from '../../src/analysis/base64-runs.ts';
import { hexRuns } from '../../src/analysis/hex-runs.ts';
import { decodeRequestBody } from '../../src/analysis/decode-body.ts';
import { classifyReadability } from '../../src/analysis/readability.ts';
import { HarEntrySchema } from '../../src/evidence/har.ts';

function postEntry(body: string) {
  return HarEntrySchema.parse({
    startedDateTime: '2026-03-02T10:00:02.000Z',
    time: 10,
    request: { method: 'POST', url: 'https://events.example/collect', httpVersion: 'HTTP/1.1', headers: [], queryString: [], bodySize: body.length, postData: { mimeType: 'application/json', text: body } },
    response: { status: 200, headers: [{ name: 'content-type', value: 'application/json' }], content: { text: '{}' } },
  });
}

function readability(body: string) {
  const entry = postEntry(body);
  return classifyReadability(entry, decodeRequestBody(entry.request.postData, ''));
}

describe('hexRuns', () => {
  it('finds a 100,000-digit run whole, with its start, and nothing else', () => {
    const text = `{"k":"${'0f'.repeat(50_000)}","n":"abc"}`;
    const runs = hexRuns(text, 256);
    expect(runs.map((run) => [run.start, run.text.length])).toEqual([[6, 100_000]]);
  });

  it('does not read a run followed or preceded by another letter, digit or underscore as hex', () => {
    expect(hexRuns(`"${'ab'.repeat(200)}g"`, 256)).toEqual([]);
    expect(hexRuns(`"${'ab'.repeat(200)}_x"`, 256)).toEqual([]);
    expect(hexRuns(`"z${'ab'.repeat(200)}"`, 256)).toEqual([]);
  });

  it('finds runs after "+", "/" or "-" and at both ends of the text', () => {
    expect(hexRuns(`${'a1'.repeat(4)}+${'b2'.repeat(4)}/x-${'c3'.repeat(4)}`, 8).map((run) => [run.start, run.text])).toEqual([
      [0, 'a1a1a1a1'],
      [9, 'b2b2b2b2'],
      [20, 'c3c3c3c3'],
    ]);
  });
});

describe('base64Runs', () => {
  it('finds a run that only reaches the length after a shorter one, and one that ends the text', () => {
    const text = `ab cdefghijklmnopqrstuvwx yz ${'Qk'.repeat(8)}==`;
    expect(base64Runs(text, 16).map((run) => [run.start, run.text])).toEqual([
      [3, 'cdefghijklmnopqrstuvwx'],
      [29, 'QkQkQkQkQkQkQkQk=='],
    ]);
  });

  it('takes a run of exactly the length and AppLovin\'s "*" padding', () => {
    expect(base64Runs('"abcdefghijklmnop*"', 16).map((run) => [run.start, run.text])).toEqual([[1, 'abcdefghijklmnop*']]);
    expect(base64Runs('"abcdefghijklmno"', 16)).toEqual([]);
  });
});

describe('readability of long hex runs', () => {
  it('a 1,024-digit hex value of binary bytes is opaque, named by its length', () => {
    expect(readability(`{"blob":"${'00ff'.repeat(256)}"}`)).toEqual({
      state: 'opaque',
      reason: 'A 1024-character hex value in the body is binary data that is neither text nor protobuf (encrypted or in an unknown format).',
    });
  });

  it('a 100,000-digit hex value is read whole, once', () => {
    expect(readability(`{"blob":"${'9c'.repeat(50_000)}","v":1}`)).toEqual({
      state: 'opaque',
      reason: 'A 100000-character hex value in the body is binary data that is neither text nor protobuf (encrypted or in an unknown format).',
    });
  });

  it('hex of text is readable, and so is a hex-looking run that ends in another letter', () => {
    // "hello world " in hex, repeated: decodes to text.
    expect(readability(`{"note":"${'68656c6c6f20776f726c6420'.repeat(30)}"}`).state).toBe('readable');
    expect(readability(`{"id":"${'00ff'.repeat(256)}zz"}`).state).toBe('readable');
  });
});
