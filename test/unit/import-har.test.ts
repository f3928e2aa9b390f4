import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyseNetwork } from '../../src/analysis/analyse-network.ts';
import { analysisContextFromEvidence } from '../../src/analysis/analysis-context.ts';
import { InputFileError } from '../../src/errors.ts';
import { readBundle } from '../../src/evidence/bundle-reader.ts';
import { importHar, readHarFile } from '../../src/evidence/import-har.ts';
import { verifyBundle } from '../../src/evidence/manifest.ts';
import { scoreBundle } from '../../src/scoring/score-bundle.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/har');
const identifiers = path.join(fixtures, 'identifiers.yaml');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-import-har-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const repoRoot = path.resolve(import.meta.dirname, '../..');

async function importFixture(name: string, platform: 'android' | 'web' = 'android') {
  const outDir = path.join(scratch, name);
  const imported = await importHar({ harFile: path.join(fixtures, `${name}.har`), gameId: 'block-puzzle', platform, identifiersFile: identifiers, firstPartyDomains: ['blockpuzzle.example'], outDir });
  const bundle = readBundle(outDir);
  const analysis = analyseNetwork(bundle.har, analysisContextFromEvidence(bundle.evidence));
  return { imported, bundle, analysis, outDir };
}

describe('import-har', () => {
  it('imports an HTTP Toolkit HAR into a sealed bundle that scores: the leaky ad traffic fails the network checks', async () => {
    const { imported, bundle, analysis, outDir } = await importFixture('http-toolkit');
    expect(imported.creator).toBe('HTTP Toolkit 1.17.0');
    expect(bundle.har.log.entries.map((entry) => entry._phase)).toEqual(['launch', 'launch', 'launch']);
    expect(bundle.evidence.settings.source).toBe('none');
    // An imported HAR collects nothing but traffic, and says so item by item.
    expect(bundle.evidence.notCollected.map((entry) => entry.item)).toEqual(['privacy-links', 'parental-controls', 'age-gate', 'consent-dialog', 'steps-to-accept', 'settings', 'permission-explanations', 'permissions', 'app-ops', 'location-history', 'location-requests', 'storage', 'screenshots']);
    expect(bundle.evidence.notCollected[0]!.reason).toBe('Imported from a HAR file recorded with HTTP Toolkit 1.17.0: only network traffic is known.');
    expect(bundle.evidence.notes.join(' ')).toContain('HTTP Toolkit 1.17.0');
    expect(bundle.evidence.knownIdentifiers.advertisingId).toBe('3f2a9c4e-7b1d-4e8a-9c55-2d6f1a0b7e93');
    expect((await verifyBundle(outDir)).ok).toBe(true);
    // The investigator's own file is kept byte for byte, and sealed with the rest.
    expect(readFileSync(path.join(outDir, 'imported', 'http-toolkit.har'))).toEqual(readFileSync(path.join(fixtures, 'http-toolkit.har')));
    expect(JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8')).files).toHaveProperty(['imported/http-toolkit.har']);
    expect(analysis.entries[1]!.adSignals).toMatchObject({ childDirected: false, personalisedAds: true });
    expect(analysis.entries[2]!.location).toMatchObject({ precisionDecimals: 4 });

    const result = await scoreBundle(outDir, { cwd: scratch });
    const outcome = (id: string) => result.checks.find((check) => check.id === id)?.outcome;
    expect(outcome('profiling.advertising-id-shared')).toBe('fail');
    expect(outcome('profiling.personalised-ads-signals')).toBe('fail');
    expect(outcome('data-sharing.third-party-recipients')).toBe('fail');
    expect(outcome('data-sharing.uncertified-ad-networks')).toBe('fail');
    expect(outcome('geolocation.precise-location-shared')).toBe('fail');
  });

  it('imports a Chrome DevTools HAR: pages, form bodies and cookies are read', async () => {
    const { bundle, analysis } = await importFixture('chrome-devtools', 'web');
    expect(bundle.evidence.device.userAgent).toContain('Pixel 7');
    expect(analysis.entries[0]!.party).toBe('first');
    expect(analysis.entries[1]!.tracker?.organization).toBe('GameAnalytics');
    expect(analysis.entries[1]!.identifiers).toContainEqual(expect.objectContaining({ kind: 'email', encoding: 'url-encoded', where: 'body', field: 'user_id' }));
    expect(analysis.entries[1]!.location).toMatchObject({ precisionDecimals: 2 });
  });

  it('imports a Charles HAR: a base64 gzip body is decoded and timestamps with offsets are normalised', async () => {
    const { bundle, analysis } = await importFixture('charles');
    expect(bundle.evidence.startedAt).toBe('2024-06-01T12:00:00.000Z');
    expect(analysis.entries[0]!.tracker).toMatchObject({ organization: 'Google', category: 'analytics' });
    expect(analysis.entries[0]!.identifiers.map((hit) => hit.kind).sort()).toEqual(['advertisingId', 'androidId']);
    expect(analysis.entries[1]!.identifiers).toContainEqual(expect.objectContaining({ kind: 'advertisingId', encoding: 'base64', field: 'idfa' }));
  });

  it('imports a mitmproxy HAR: HTTP/2 pseudo-headers, upper-case ids and hashed ids are found', async () => {
    const { analysis } = await importFixture('mitmproxy');
    expect(analysis.entries[0]!.identifiers).toContainEqual(expect.objectContaining({ kind: 'advertisingId', encoding: 'uppercase', field: 'advertisingTrackingId' }));
    expect(analysis.entries[0]!.adSignals).toMatchObject({ childDirected: false, personalisedAds: true });
    expect(analysis.entries[1]!.identifiers).toContainEqual(expect.objectContaining({ kind: 'advertisingId', encoding: 'sha256', field: 'deviceId' }));
    expect(analysis.entries[1]!.tracker?.product).toBe('ironSource / LevelPlay');
  });

  it.each([
    ['truncated.har', /not valid JSON .*truncated/],
    ['wrong-version.har', /log\.version: HAR version "0\.9" is not supported/],
    ['missing-url.har', /log\.entries\[1\]\.request\.url.*required field is missing/],
    ['latin1.har', /not UTF-8 text/],
    ['does-not-exist.har', /file not found/],
  ])('refuses %s with an error naming the file and the problem', (name, problem) => {
    const file = path.join(fixtures, name);
    let caught: unknown;
    try {
      readHarFile(file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputFileError);
    expect((caught as InputFileError).message).toContain(file);
    expect((caught as InputFileError).message).toMatch(problem);
  });

  it('the command exits 2 with one line for a bad HAR, and writes a bundle for a good one', () => {
    const bad = spawnSync(process.execPath, ['bin/gameaudit.js', 'import-har', path.join(fixtures, 'truncated.har'), '--game', 'g', '--platform', 'android', '--out', path.join(scratch, 'cli-bad')], { cwd: repoRoot, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('truncated.har');
    const outDir = path.join(scratch, 'cli-good');
    const good = spawnSync(process.execPath, ['bin/gameaudit.js', 'import-har', path.join(fixtures, 'mitmproxy.har'), '--game', 'block-puzzle', '--platform', 'android', '--first-party', 'blockpuzzle.example', '--out', outDir], { cwd: repoRoot, encoding: 'utf8' });
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('Imported 2 requests recorded with mitmproxy 10.3.0');
    const evidence = JSON.parse(readFileSync(path.join(outDir, 'evidence.json'), 'utf8')) as { incompleteReasons: { affects: string[] }[] };
    // Without an identifiers file nothing could be searched for, and the bundle says so.
    expect(evidence.incompleteReasons[0]!.affects).toContain('identifiers');
    const notEmpty = spawnSync(process.execPath, ['bin/gameaudit.js', 'import-har', path.join(fixtures, 'mitmproxy.har'), '--game', 'block-puzzle', '--platform', 'android', '--out', outDir], { cwd: repoRoot, encoding: 'utf8' });
    expect(notEmpty.status).toBe(2);
    expect(notEmpty.stderr).toContain('not empty');
  });
});
