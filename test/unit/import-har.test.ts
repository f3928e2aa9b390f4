import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyseNetwork } from '../../src/analysis/analyse-network.ts';
import { analysisContextFromEvidence } from '../../src/analysis/analysis-context.ts';
import { InputFileError } from '../../src/errors.ts';
import { readBundle } from '../../src/evidence/bundle-reader.ts';
import { importHar, readHarFile } from '../../src/evidence/import-har.ts';
import { verifyBundle } from '../../src/evidence/manifest.ts';
import type { Phase } from '../../src/plan/schema.ts';
import { scoreBundle } from '../../src/scoring/score-bundle.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/har');
const identifiers = path.join(fixtures, 'identifiers.yaml');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-import-har-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const repoRoot = path.resolve(import.meta.dirname, '../..');

async function importFixture(name: string, platform: 'android' | 'web' = 'android', phase?: Phase, identifiersFile = identifiers) {
  const outDir = path.join(scratch, `${name}-${phase ?? 'no-phase'}`);
  const imported = await importHar({ harFile: path.join(fixtures, `${name}.har`), gameId: 'block-puzzle', platform, identifiersFile, firstPartyDomains: ['blockpuzzle.example'], outDir, ...(phase ? { phase } : {}) });
  const bundle = readBundle(outDir);
  const analysis = analyseNetwork(bundle.har, analysisContextFromEvidence(bundle.evidence));
  return { imported, bundle, analysis, outDir };
}

describe('import-har', () => {
  it('imports an HTTP Toolkit HAR with --phase launch into a sealed bundle that scores: the leaky ad traffic fails the network checks', async () => {
    const { imported, bundle, analysis, outDir } = await importFixture('http-toolkit', 'android', 'launch');
    expect(imported.creator).toBe('HTTP Toolkit 1.17.0');
    expect(imported.warnings).toEqual([]);
    expect(bundle.har.log.entries.map((entry) => entry._phase)).toEqual(['launch', 'launch', 'launch']);
    // The operator's word, and recorded as such: not an observation of gameaudit's.
    expect(bundle.evidence.importedHar).toMatchObject({ phaseSource: 'operator', phasesAssumed: true, operatorPhase: 'launch', entriesInFile: 3, entriesLeftOut: [], fieldsMissing: {} });
    expect(bundle.evidence.phases).toEqual([
      { name: 'launch', startedAt: '2024-06-01T12:00:00.120Z', endedAt: '2024-06-01T12:00:01.450Z', status: 'complete', note: 'Not observed by gameaudit: the operator said the whole imported capture was the launch phase.' },
    ]);
    expect(bundle.evidence.settings.source).toBe('none');
    // An imported HAR collects nothing but traffic, and says so item by item.
    expect(bundle.evidence.notCollected.map((entry) => entry.item)).toEqual(['privacy-links', 'parental-controls', 'age-gate', 'consent-dialog', 'steps-to-accept', 'settings', 'permission-explanations', 'permissions', 'app-ops', 'location-history', 'location-requests', 'storage', 'screenshots', 'permission-prompts']);
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

  it('without --phase, imported requests carry no phase and "before any privacy choice" is inconclusive, never launch', async () => {
    const { bundle, analysis, outDir } = await importFixture('http-toolkit');
    expect(bundle.har.log.entries.map((entry) => entry._phase)).toEqual([undefined, undefined, undefined]);
    expect(analysis.entries.map((entry) => entry.phase)).toEqual([null, null, null]);
    expect(bundle.evidence.phases).toEqual([]);
    expect(bundle.evidence.importedHar).toMatchObject({ phaseSource: 'not-recorded', phasesAssumed: true });
    expect(bundle.evidence.importedHar).not.toHaveProperty('operatorPhase');
    expect(bundle.evidence.notes.join(' ')).toContain('The file does not say which phase any request was sent in');

    const result = await scoreBundle(outDir, { cwd: scratch });
    const outcome = (id: string) => result.checks.find((check) => check.id === id)?.outcome;
    expect(outcome('default-settings.tracking-before-choice')).toBe('inconclusive');
    expect(outcome('data-sharing.third-party-recipients')).toBe('inconclusive');
    expect(outcome('data-sharing.uncertified-ad-networks')).toBe('inconclusive');
    // Companies are not "contacted by default" on no one's word.
    expect(result.network.organisations.map((organisation) => organisation.defaultPhaseRequests)).toEqual([0, 0]);
  });

  it('imports a mitmproxy har_dump HAR whose responses hold only a status and version, recording what each entry lacks', async () => {
    const { imported, bundle, analysis, outDir } = await importFixture('mitmproxy-har-dump', 'android', 'launch', path.join(fixtures, 'identifiers-rt-029.yaml'));
    expect(imported.creator).toBe('mitmproxy har_dump 0.1');
    expect(imported.warnings).toEqual([]);
    expect(bundle.har.log.entries.map((entry) => entry._missing)).toEqual([
      ['response.headers', 'response.cookies', 'response.content'],
      ['request.postData', 'request.headers', 'request.cookies', 'response.headers', 'response.cookies', 'response.content'],
    ]);
    expect(bundle.har.log.entries.map((entry) => entry._importedIndex)).toEqual([0, 1]);
    // A body the tool did not write is unknown: no text, no size of 0, and it says so.
    expect(bundle.har.log.entries[0]!.response.content).toEqual({ size: -1, mimeType: '', comment: 'not captured by the recording tool (unknown, not empty)' });
    expect(bundle.evidence.importedHar).toEqual({
      file: 'mitmproxy-har-dump.har',
      creator: 'mitmproxy har_dump 0.1',
      format: 'har',
      sha256: '36a38fff55f20a5e651add982a4804b3c40d73911573b0f0d2f66c5a067dbdde',
      lacks: [
        'request.cookies (in 1 of 2 requests)',
        'request.headers (in 1 of 2 requests)',
        'request.postData (in 1 of 2 requests)',
        'response.content (in every request)',
        'response.cookies (in every request)',
        'response.headers (in every request)',
        'consent dialogs, settings, screenshots, sensor use and the device',
      ],
      phaseSource: 'operator',
      phasesAssumed: true,
      operatorPhase: 'launch',
      entriesInFile: 2,
      entriesLeftOut: [],
      fieldsMissing: { 'request.cookies': 1, 'request.headers': 1, 'request.postData': 1, 'response.content': 2, 'response.cookies': 2, 'response.headers': 2 },
    });
    // The second request's headers and body are not in the file, so a clean bill for the network cannot be given.
    expect(bundle.evidence.incompleteReasons[1]).toEqual({
      message: '1 of the 2 imported requests lack their headers, cookies or body in the file (not captured by mitmproxy har_dump 0.1, which is not the same as empty), so what those carried there is unknown.',
      affects: ['network', 'identifiers'],
    });
    expect(bundle.evidence.notes).toContain(
      'Not in the file, so not captured (unknown, not empty): request.cookies in 1, request.headers in 1, request.postData in 1, response.content in 2, response.cookies in 2, response.headers in 2 of the 2 requests; each request lists its own in _missing.',
    );
    expect(analysis.entries[0]!.tracker?.organization).toBe('Singular');
    expect(analysis.entries[0]!.identifiers).toContainEqual(expect.objectContaining({ kind: 'advertisingId', where: 'query', field: 'aifa' }));
    expect(analysis.entries[1]!.identifiers).toContainEqual(expect.objectContaining({ kind: 'advertisingId', where: 'query', field: 'aifa' }));
    expect((await verifyBundle(outDir)).ok).toBe(true);
    const result = await scoreBundle(outDir, { cwd: scratch });
    expect(result.checks.find((check) => check.id === 'profiling.advertising-id-shared')?.outcome).toBe('fail');
    expect(result.checks.filter((check) => check.outcome === 'error')).toEqual([]);
  });

  it('leaves out an entry with no URL, with a warning naming its index and field, and imports the rest', async () => {
    const read = readHarFile(path.join(fixtures, 'missing-url.har'));
    expect(read.entriesInFile).toBe(3);
    expect(read.har.log.entries.map((entry) => entry._importedIndex)).toEqual([0, 2]);
    expect(read.leftOut).toEqual([{ index: 1, field: 'request.url', problem: 'required field is missing' }]);
    expect(read.warnings).toEqual(['log.entries[1].request.url: required field is missing; the entry was left out']);
    const { bundle } = await importFixture('missing-url', 'android', 'launch');
    expect(bundle.evidence.importedHar?.entriesLeftOut).toEqual([{ index: 1, field: 'request.url', problem: 'required field is missing' }]);
    expect(bundle.evidence.notes[1]).toBe("2 requests imported; 1 of the file's 3 entries name no usable request and were left out (log.entries[1].request.url: required field is missing).");
  });

  it('keeps an entry whose fields are unreadable, dropping only those, and says so', () => {
    const har = JSON.parse(readFileSync(path.join(fixtures, 'http-toolkit.har'), 'utf8')) as { log: { entries: { request: Record<string, unknown>; response: Record<string, unknown>; _phase?: string }[] } };
    har.log.entries[0]!.response.headers = 'Content-Type: application/json';
    har.log.entries[2]!.request.postData = { mimeType: 'application/json', text: 'not base64!', encoding: 'base64' };
    har.log.entries[1]!._phase = 'lunch';
    const file = path.join(scratch, 'unreadable-fields.har');
    writeFileSync(file, JSON.stringify(har));
    const read = readHarFile(file);
    expect(read.har.log.entries).toHaveLength(3);
    expect(read.har.log.entries.map((entry) => entry._missing)).toEqual([['response.headers'], undefined, ['request.postData.text']]);
    expect(read.har.log.entries[2]!.request.postData?.text).toBeUndefined();
    expect(read.warnings).toEqual([
      'log.entries[0].response.headers: "Content-Type: application/json" could not be read (Invalid input: expected array, received string); it is treated as not captured',
      'log.entries[1]._phase: "lunch" could not be read (Invalid option: expected one of "launch"|"consent"|"settings"|"play"); it is treated as not captured',
      'log.entries[2].request.postData.text: the encoding is base64 but the text is not valid base64; the body was not read',
    ]);
  });

  it('refuses a file in which no entry names a usable request, naming the entry and field', () => {
    const har = JSON.parse(readFileSync(path.join(fixtures, 'http-toolkit.har'), 'utf8')) as { log: { entries: { request: Record<string, unknown> }[] } };
    for (const entry of har.log.entries) delete entry.request.method;
    const file = path.join(scratch, 'no-usable-entry.har');
    writeFileSync(file, JSON.stringify(har));
    expect(() => readHarFile(file)).toThrow(
      new InputFileError(file, 'log.entries: none of the 3 entries names a usable request: log.entries[0].request.method: required field is missing (and 2 more); every entry needs request.method and an absolute request.url'),
    );
    const empty = path.join(scratch, 'no-entries.har');
    writeFileSync(empty, JSON.stringify({ log: { version: '1.2', creator: { name: 'x', version: '1' }, entries: [] } }));
    expect(() => readHarFile(empty)).toThrow(new InputFileError(empty, 'log.entries: the file holds no requests; export the HAR again after using the game'));
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
    expect(good.stdout).toContain('with no phase (give --phase or --first-choice-at if you know when the first privacy choice was made)');
    const lossy = spawnSync(process.execPath, ['bin/gameaudit.js', 'import-har', path.join(fixtures, 'missing-url.har'), '--game', 'block-puzzle', '--platform', 'android', '--phase', 'launch', '--out', path.join(scratch, 'cli-lossy')], { cwd: repoRoot, encoding: 'utf8' });
    expect(lossy.status).toBe(0);
    expect(lossy.stderr).toBe(`warning: ${path.join(fixtures, 'missing-url.har')}: log.entries[1].request.url: required field is missing; the entry was left out\n`);
    expect(lossy.stdout).toContain('Imported 2 requests recorded with HTTP Toolkit 1.17.0 into');
    expect(lossy.stdout).toContain('all counted as the launch phase on your word');
    const badPhase = spawnSync(process.execPath, ['bin/gameaudit.js', 'import-har', path.join(fixtures, 'mitmproxy.har'), '--game', 'block-puzzle', '--platform', 'android', '--phase', 'lunch', '--out', path.join(scratch, 'cli-bad-phase')], { cwd: repoRoot, encoding: 'utf8' });
    expect(badPhase.status).toBe(2);
    expect(badPhase.stderr.trim().split('\n')).toHaveLength(1);
    expect(badPhase.stderr).toContain('--phase: "lunch" is not one of launch, consent, settings, play');
    const notEmpty = spawnSync(process.execPath, ['bin/gameaudit.js', 'import-har', path.join(fixtures, 'mitmproxy.har'), '--game', 'block-puzzle', '--platform', 'android', '--out', outDir], { cwd: repoRoot, encoding: 'utf8' });
    expect(notEmpty.status).toBe(2);
    expect(notEmpty.stderr).toContain('not empty');
  });
});
