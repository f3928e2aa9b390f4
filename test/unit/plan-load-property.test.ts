// Any bytes in a plan file give a plan or one clear InputFileError: never a crash, a hang or a
// stack trace.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { InputFileError } from '../../src/errors.ts';
import { loadPlan } from '../../src/plan/load.ts';

const directory = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-plan-prop-'));
let counter = 0;

function loadText(text: string | Uint8Array): 'ok' | 'refused' {
  const file = path.join(directory, `plan-${counter++}.yaml`);
  writeFileSync(file, text);
  try {
    loadPlan(file);
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(InputFileError);
    const message = (error as Error).message;
    expect(message.startsWith(`${file}: `)).toBe(true);
    expect(message).not.toContain('\n');
    return 'refused';
  }
}

const validPlan = {
  id: 'prop-game',
  title: 'Game',
  publisher: 'Someone',
  platforms: { web: { url: 'https://example.org/' } },
};

describe('plan loader under arbitrary input', () => {
  it('arbitrary text gives a plan or a one-line error naming the file', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => void loadText(text)), { numRuns: 300 });
  });

  it('arbitrary bytes (not UTF-8) give a one-line error', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => void loadText(bytes)), { numRuns: 200 });
  });

  it('a valid plan with one field replaced by any JSON value is accepted or refused with that field named', () => {
    const fields = ['id', 'title', 'publisher', 'platforms', 'session', 'location', 'firstPartyDomains', 'expectations'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.jsonValue({ maxDepth: 3 }), (field, value) => {
        const file = path.join(directory, `plan-${counter++}.yaml`);
        writeFileSync(file, stringify({ ...validPlan, [field]: value }));
        try {
          loadPlan(file);
        } catch (error) {
          expect(error).toBeInstanceOf(InputFileError);
          expect((error as Error).message).toContain(field);
        }
      }),
      { numRuns: 300 },
    );
  });
});
