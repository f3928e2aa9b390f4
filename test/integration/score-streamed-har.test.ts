// `gameaudit score` reads network.har as a stream: a bundle whose HAR is far larger than the
// memory the scoring process is given still scores, with every request analysed. The process
// runs with a 128 MB JavaScript heap (--max-old-space-size=128) and the HAR is about 160 MB
// (large response bodies, which a capture keeps but the analysis does not search): read whole
// and JSON.parse-d, as scoring did before, it cannot fit; read entry by entry it does.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HarEntry } from '../../src/evidence/har.ts';
import { ResultSchema, type Result } from '../../src/scoring/result-schema.ts';
import { buildBundle, harEntry } from './score-fixture-bundle.ts';

const run = promisify(execFile);
const binary = path.resolve('bin/gameaudit.js');
const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-score-streamed-'));
let bundleDir: string;

/** A level file of about 2 MB, as a game downloads at play. */
const levelData = `{"tiles":"${'grass,water,stone,'.repeat(130_000)}"}`;

/**
 * 80 requests: every tenth an ad auction at launch carrying the mock location (as the leaky
 * demo's OpenRTB request does), the others level downloads during play from the game's own CDN
 * whose responses hold the 2 MB level.
 */
function* playRequests(): Generator<HarEntry> {
  for (let index = 0; index < 80; index++) {
    if (index % 10 === 0) {
      yield harEntry('launch', 1 + index * 0.1, 'POST', 'https://rtb.adexchange.example/openrtb2/auction', {
        body: { id: `req-${index}`, imp: [{ id: '1', banner: { w: 320, h: 50 } }], device: { ua: 'Mozilla/5.0', geo: { lat: 51.501364, lon: -0.14189, type: 1 } }, regs: { coppa: 1 } },
      });
      continue;
    }
    const entry = harEntry('play', 1 + index * 0.1, 'GET', `https://cdn.careful.demo.gameaudit.test/levels/${index}.json`);
    yield { ...entry, response: { ...entry.response, headers: [{ name: 'Content-Type', value: 'application/json' }], content: { size: levelData.length, mimeType: 'application/json', text: levelData } } };
  }
}

beforeAll(async () => {
  bundleDir = await buildBundle(path.join(workspace, 'runs', 'r1', 'demo-careful', 'web'), 'careful', playRequests());
}, 300_000);
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('gameaudit score on a HAR larger than its memory', () => {
  it('the HAR is larger than the heap the scoring process is given', () => {
    expect(statSync(path.join(bundleDir, 'network.har')).size).toBeGreaterThan(160_000_000);
  });

  it('scores it, analysing every request: the 3 of the careful demo and the 80 added, 8 of them sending the precise location at launch', async () => {
    const { stdout } = await run(process.execPath, ['--max-old-space-size=128', binary, 'score', bundleDir, '--json'], { maxBuffer: 64 << 20 });
    const result: Result = ResultSchema.parse(JSON.parse(stdout));
    expect(result.bundle.verified).toBe(true);
    expect(result.network.entries).toHaveLength(83);
    expect(result.network.entries.filter((entry) => entry.location).map((entry) => entry.index)).toEqual([3, 13, 23, 33, 43, 53, 63, 73]);
    expect(result.network.entries[3]!.location).toEqual({ precisionDecimals: 5, metres: 1.11, where: 'body', field: 'lat' });
    expect(result.network.entries[82]!.url).toBe('https://cdn.careful.demo.gameaudit.test/levels/79.json');
    expect(result.checks.find((check) => check.id === 'geolocation.precise-location-shared')?.outcome).toBe('fail');
  }, 600_000);
});
