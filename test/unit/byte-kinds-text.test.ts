// A body stored as text is judged text or not from the string itself (byte-kinds.ts isTextString),
// without encoding it to UTF-8 first: the answer must be the one isText gives on those bytes,
// lone surrogates (written as U+FFFD) and a leading byte-order mark included.
// Bodies: test/fixtures/real-traffic/wire-formats.har (derived from the real samples in
// shared/reference/real-traffic/samples.jsonl; its README names the record of each).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isText, isTextString, textOfBytes } from '../../src/analysis/byte-kinds.ts';
import type { Har } from '../../src/evidence/har.ts';

const realBodies = (JSON.parse(readFileSync(new URL('../fixtures/real-traffic/wire-formats.har', import.meta.url), 'utf8')) as Har).log.entries.flatMap((entry) => (entry.request.postData?.text ? [entry.request.postData] : []));

describe('isTextString', () => {
  it('agrees with isText on the real samples’ bodies, as stored and as their bytes', () => {
    expect(realBodies.length).toBe(8);
    for (const body of realBodies) {
      expect(isTextString(body.text!)).toBe(isText(Buffer.from(body.text!, 'utf8')));
      // A base64 body's text is base64, which is text; its decoded bytes may not be.
      if (body.encoding === 'base64') expect(isTextString(body.text!)).toBe(true);
    }
  });

  it('counts what a decoder would see: control characters, U+FFFD and lone surrogates, against 2%', () => {
    const text = (controls: string) => `${'a'.repeat(98)}${controls}`;
    expect(isTextString(text('bb'))).toBe(true);
    expect(isTextString(text('\u0001b'))).toBe(true); // 1 in 100
    expect(isTextString(text('\u0001\u0002'))).toBe(false); // 2 in 100
    expect(isTextString(text('\ud800\udc00'))).toBe(true); // a pair is one character, not two controls
    expect(isTextString(text('\ud800\ud800'))).toBe(false); // two lone high surrogates
    expect(isTextString(text('\udc00\ufffd'))).toBe(false);
    expect(isTextString('')).toBe(true);
  });

  it('gives isText’s answer on the UTF-8 of any string', () => {
    // Characters drawn mostly from the ones that count: controls, U+FFFD, both halves of surrogate pairs.
    const unit = fc.oneof(fc.constantFrom(0x00, 0x01, 0x08, 0x09, 0x0a, 0x0e, 0x1f, 0x7f, 0xfeff, 0xfffd, 0xd800, 0xdbff, 0xdc00, 0xdfff), fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0, max: 0xffff }));
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 120 }), (units) => {
        const text = String.fromCharCode(...units);
        expect(isTextString(text)).toBe(isText(Buffer.from(text, 'utf8')));
      }),
      { numRuns: 5000, seed: 20261203 },
    );
  });
});

describe('textOfBytes', () => {
  it('is the bytes’ own UTF-8 text when they are text, byte-order mark kept as toString keeps it', () => {
    const bytes = Buffer.from('\ufeff{"ifa":"51ae1407-6884-4e51-a34d-3afcdee845fa"}', 'utf8');
    expect(textOfBytes(bytes)).toBe(bytes.toString('utf8'));
    expect(textOfBytes(bytes)!.charCodeAt(0)).toBe(0xfeff);
    expect(textOfBytes(Buffer.from([0xff, 0xfe, 0x00]))).toBeUndefined();
    expect(textOfBytes(Buffer.from([0x08, 0x96, 0x01, 0x12, 0x03]))).toBeUndefined();
  });
});
