// An entry that already is what HarEntrySchema makes of it is handed on without zod's copy
// (evidence/har-entry-as-written.ts). That shortcut may never accept what zod refuses, nor hand on
// something zod would have changed (a default filled in). Checked on real entries and on random
// mutations of them, against zod itself.
// Entries: test/fixtures/real-traffic/wire-formats.har (derived from the real samples in
// shared/reference/real-traffic/samples.jsonl; its README names the record of each) and the other
// tools' exports in test/fixtures/har/ (Charles, Chrome DevTools, HTTP Toolkit; their README).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHarEntryAsWritten } from '../../src/evidence/har-entry-as-written.ts';
import { HarEntrySchema, type Har, type HarEntry } from '../../src/evidence/har.ts';

const entriesOf = (fixture: string): HarEntry[] => (JSON.parse(readFileSync(new URL(`../fixtures/${fixture}`, import.meta.url), 'utf8')) as Har).log.entries;
const realEntries = entriesOf('real-traffic/wire-formats.har');
const otherToolsEntries = ['har/charles.har', 'har/chrome-devtools.har', 'har/http-toolkit.har'].flatMap(entriesOf);
const copy = <T>(value: T): T => structuredClone(value);

describe('isHarEntryAsWritten', () => {
  it('accepts every entry of the real-sample HAR and the other tools’ exports, each exactly as zod returns it', () => {
    expect(realEntries.length).toBe(16);
    expect(otherToolsEntries.length).toBe(8);
    for (const entry of [...realEntries, ...otherToolsEntries]) {
      expect(isHarEntryAsWritten(entry)).toBe(true);
      expect(HarEntrySchema.parse(entry)).toEqual(entry);
    }
  });

  const withHeaders = realEntries.find((entry) => entry.request.headers.length > 0)!;
  it('knows every field of the schema: a field added to har.ts fails here until the shortcut checks it', () => {
    // A new field with a default would otherwise be handed on missing, where zod fills it in.
    const request = HarEntrySchema.shape.request;
    const response = HarEntrySchema.shape.response;
    expect(Object.keys(HarEntrySchema.shape)).toEqual(['startedDateTime', 'time', 'request', 'response', 'cache', 'timings', 'serverIPAddress', '_phase', '_tlsFailure', '_source', '_baseline', '_afterToolConsent', '_missing', '_importedIndex', '_domainContact']);
    expect(Object.keys(request.shape)).toEqual(['method', 'url', 'httpVersion', 'headers', 'queryString', 'cookies', 'headersSize', 'bodySize', 'postData']);
    expect(Object.keys(request.shape.postData.unwrap().shape)).toEqual(['mimeType', 'text', 'params', 'encoding']);
    expect(Object.keys(response.shape)).toEqual(['status', 'statusText', 'httpVersion', 'headers', 'cookies', 'content', 'redirectURL', 'headersSize', 'bodySize']);
    expect(Object.keys(response.shape.content.shape)).toEqual(['size', 'mimeType', 'text', 'encoding']);
    expect(Object.keys(HarEntrySchema.shape.timings.unwrap().shape)).toEqual(['send', 'wait', 'receive']);
  });

  it('leaves to zod a field zod would fill in, a wrong type, an unknown phase and the fields with finer rules', () => {
    // Each change makes the entry what JSON could hold but the schema's types do not say.
    const set = (holder: object, key: string, value: unknown): void => void Reflect.set(holder, key, value);
    const cases: [string, (entry: HarEntry) => void][] = [
      ['request.cookies missing (zod fills in [])', (entry) => Reflect.deleteProperty(entry.request, 'cookies')],
      ['cache missing (zod fills in {})', (entry) => Reflect.deleteProperty(entry, 'cache')],
      ['response.statusText missing (zod fills in "")', (entry) => Reflect.deleteProperty(entry.response, 'statusText')],
      ['postData.mimeType missing (zod fills in "")', (entry) => set(entry.request, 'postData', { text: 'a=1' })],
      ['time a string', (entry) => set(entry, 'time', '12')],
      ['a header value null', (entry) => set(entry.request.headers[0]!, 'value', null)],
      ['a phase that does not exist', (entry) => set(entry, '_phase', 'lobby')],
      ['_tlsFailure', (entry) => set(entry, '_tlsFailure', { host: 'a.example', reason: 'unknown ca' })],
      ['_importedIndex', (entry) => set(entry, '_importedIndex', 3)],
    ];
    for (const [name, change] of cases) {
      const entry = copy(withHeaders);
      change(entry);
      expect([name, isHarEntryAsWritten(entry)]).toEqual([name, false]);
    }
    expect(isHarEntryAsWritten([copy(withHeaders)])).toBe(false);
    expect(isHarEntryAsWritten(null)).toBe(false);
  });

  it('never accepts what zod refuses or would change, over random mutations of real entries', () => {
    const jsonValue = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double(), fc.string({ maxLength: 6 }), fc.constantFrom('launch', 'play', 'lobby'), fc.constant([]), fc.constant({}), fc.constant([{ name: 'a', value: 'b' }]));
    // A change at a path through the entry: the key removed, or its value replaced.
    const mutation = fc.record({ depth: fc.nat(), pick: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }), remove: fc.boolean(), value: jsonValue });
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.nat({ max: realEntries.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), (which, mutations) => {
        const entry = copy(realEntries[which]!) as unknown as Record<string, unknown>;
        // Each step goes into an object or array held by the one before (`depth` of them), then changes one of its keys.
        for (const { depth, pick, remove, value } of mutations) {
          let holder: Record<string, unknown> = entry;
          for (let level = 0; level < depth % 4; level++) {
            const children = Object.values(holder).filter((child): child is Record<string, unknown> => typeof child === 'object' && child !== null);
            if (children.length === 0) break;
            holder = children[pick[level]! % children.length]!;
          }
          if (Array.isArray(holder)) {
            // As JSON gives them: an item replaced, removed or added, never a named property.
            const at = pick[3]! % (holder.length + 1);
            if (remove) holder.splice(at, 1);
            else holder[at] = value;
            continue;
          }
          const keys = [...Object.keys(holder), '_phase', '_source', 'postData', 'unknownField'];
          const key = keys[pick[3]! % keys.length]!;
          if (remove) delete holder[key];
          else holder[key] = value;
        }
        if (!isHarEntryAsWritten(entry)) {
          refused++;
          return;
        }
        accepted++;
        const parsed = HarEntrySchema.safeParse(entry);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual(entry);
      }),
      { numRuns: 3000, seed: 20261203 },
    );
    // Both sides were exercised: the property would say nothing if every mutation were refused.
    expect(accepted).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(300);
  });
});
