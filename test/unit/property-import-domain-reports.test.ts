// The domain-level importers (App Privacy Report NDJSON, TrackerControl CSV) take whatever a
// phone exported, cut or edited: any mix of good, lossy and broken records gives either a sealed
// bundle that verifies, scores and names every record it left out (line and field), or one
// user error naming the file; never another exception, never a half-written --out folder.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.ts';
import { readBundle } from '../../src/evidence/bundle-reader.ts';
import { importFile } from '../../src/evidence/import-file.ts';
import { verifyBundle } from '../../src/evidence/manifest.ts';
import { scoreBundle } from '../../src/scoring/score-bundle.ts';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'property-import-domain-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;
const nextPath = (suffix: string): string => path.join(scratch, `${counter++}${suffix}`);
const game = 'com.example.blockpuzzle';

/** Mostly the value; now and then missing or of the wrong type. */
function field<T>(value: fc.Arbitrary<T>): fc.Arbitrary<T | undefined | null | number | string> {
  return fc.oneof({ weight: 12, arbitrary: value }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 8 })) });
}
const time = fc.date({ noInvalidDate: true, min: new Date('2020-01-01'), max: new Date('2030-01-01') });
const host = fc.oneof(fc.domain(), fc.constantFrom('conversions.appsflyer.com', 'bücher.example', 'ADS.Example.', '10.0.0.1', '::1', 'not a host', ''));
const app = fc.constantFrom(game, game, game, 'com.apple.weather');

const networkRecord = fc.record({
  type: fc.constant('networkActivity'),
  bundleID: field(app),
  domain: field(host),
  firstTimeStamp: field(time.map((date) => date.toISOString())),
  timeStamp: field(time.map((date) => date.toISOString().replace('Z', '+01:00'))),
  hits: field(fc.integer({ min: -2, max: 500 })),
  domainOwner: field(fc.string({ maxLength: 12 })),
  initiatedType: field(fc.constantFrom('AppInitiated', 'NonAppInitiated')),
});
const accessRecord = fc.record({
  type: fc.constant('access'),
  accessor: field(fc.record({ identifier: field(app), identifierType: fc.constant('bundleID') })),
  category: field(fc.constantFrom('location', 'camera', 'photos', 'contacts', 'microphone')),
  kind: field(fc.constantFrom('intervalBegin', 'intervalEnd')),
  identifier: fc.uuid(),
  timeStamp: field(time.map((date) => date.toISOString())),
});
const reportLine = fc.oneof(
  { weight: 6, arbitrary: fc.oneof(networkRecord, accessRecord).map((record) => JSON.stringify(record)) },
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 30 }), fc.json({ maxDepth: 2 }), fc.constant('{"type":"networkActivity","dom')) },
);
const csvField = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('"quoted, with comma"', '"say ""hi"""', ''));
const csvRow = fc.tuple(fc.integer({ min: 1000, max: 99999 }), host, fc.oneof(time.map((date) => String(date.getTime())), fc.string({ maxLength: 6 })), fc.constantFrom('false', 'true', ''), csvField, csvField, app, csvField);
const csvHeader = fc.constantFrom('uid,daddr,time,uncertain,Tracker,Category,Package,App', 'uid,daddr,time,Package', 'daddr,time,uid');

const tally = { imported: 0, refused: 0 };

async function importOrRefuse(file: string): Promise<void> {
  const outDir = nextPath('-bundle');
  let warnings: string[];
  try {
    ({ warnings } = await importFile({ file, gameId: 'property-game', app: game, firstPartyDomains: [], outDir, firstChoiceAt: '2025-01-01T00:00:00.000Z' }));
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    const message = (error as Error).message;
    expect(message.startsWith(`${file}: `) || message.startsWith('--app: ')).toBe(true);
    expect(message).not.toContain('\n');
    expect(message).not.toMatch(/\bat \S+ \(|TypeError|ReferenceError|Cannot read properties/);
    expect(existsSync(outDir)).toBe(false);
    tally.refused += 1;
    return;
  }
  tally.imported += 1;
  expect((await verifyBundle(outDir)).ok).toBe(true);
  for (const warning of warnings) expect(warning).toMatch(/^line \d+(\.[\w.]+)?: [^\n]+$/);
  // …and the bundle keeps them, not only the terminal.
  if (warnings.length > 0) expect(readBundle(outDir).evidence.notes.join('\n')).toContain(warnings[0]!);
  const result = await scoreBundle(outDir, { cwd: scratch });
  expect(result.checks.filter((check) => check.outcome === 'error')).toEqual([]);
  // Nothing a domain-level export holds can clear a check about what was sent.
  expect(result.checks.find((check) => check.id === 'profiling.advertising-id-shared')?.outcome).not.toBe('pass');
  rmSync(outDir, { recursive: true, force: true });
}

describe('domain-level importers under arbitrary input', () => {
  it('App Privacy Reports with lossy and broken lines import, naming each line left out, or are refused in one line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(reportLine, { minLength: 1, maxLength: 8 }), async (lines) => {
        const file = nextPath('.ndjson');
        writeFileSync(file, `${lines.join('\n')}\n`);
        await importOrRefuse(file);
      }),
      { numRuns: 60 },
    );
  });

  it('TrackerControl exports with odd rows import, naming each row left out, or are refused in one line', async () => {
    await fc.assert(
      fc.asyncProperty(csvHeader, fc.array(csvRow, { minLength: 0, maxLength: 6 }), async (header, rows) => {
        const file = nextPath('.csv');
        const columns = header.split(',');
        const byName = (row: (typeof rows)[number]) => ({ uid: String(row[0]), daddr: row[1], time: row[2], uncertain: row[3], Tracker: row[4], Category: row[5], Package: row[6], App: row[7] });
        const text = [header, ...rows.map((row) => columns.map((name) => byName(row)[name as keyof ReturnType<typeof byName>]).join(','))].join('\r\n');
        writeFileSync(file, text);
        await importOrRefuse(file);
      }),
      { numRuns: 60 },
    );
  });

  it('exercised both paths, so the properties are not true by accident of the generators', () => {
    expect(tally.imported).toBeGreaterThan(10);
    expect(tally.refused).toBeGreaterThan(10);
  });
});
