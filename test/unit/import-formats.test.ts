// gameaudit import on each wire format: HARs of the tools not covered by import-har.test.ts
// (Proxyman, Fiddler, Firefox DevTools), an iOS App Privacy Report and a TrackerControl export.
// Fixtures and where each came from: test/fixtures/import/README.md.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyseNetwork } from '../../src/analysis/analyse-network.ts';
import { analysisContextFromEvidence } from '../../src/analysis/analysis-context.ts';
import { InputFileError } from '../../src/errors.ts';
import { readBundle } from '../../src/evidence/bundle-reader.ts';
import { importFile, type ImportFileOptions } from '../../src/evidence/import-file.ts';
import { verifyBundle } from '../../src/evidence/manifest.ts';
import { scoreBundle } from '../../src/scoring/score-bundle.ts';
import { runCli } from '../helpers/run-cli.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/import');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-import-formats-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

async function importFixture(name: string, options: Partial<ImportFileOptions> = {}) {
  const outDir = path.join(scratch, `${counter++}-${name}`);
  const imported = await importFile({ file: path.join(fixtures, name), gameId: 'block-puzzle', firstPartyDomains: ['blockpuzzle.example'], outDir, ...options });
  const bundle = readBundle(outDir);
  const analysis = analyseNetwork(bundle.har, analysisContextFromEvidence(bundle.evidence));
  return { imported, bundle, analysis, outDir };
}

async function outcomes(outDir: string) {
  const result = await scoreBundle(outDir, { cwd: scratch });
  return (id: string) => result.checks.find((check) => check.id === id)!;
}

describe('import: HARs of each tool', () => {
  it('reads a Proxyman HAR (rt-024): the IDFA in the AppsFlyer body is found, and the bundle names the tool', async () => {
    const { imported, bundle, analysis } = await importFixture('proxyman.har', { platform: 'ios', identifiersFile: path.join(fixtures, 'identifiers-rt-024.yaml'), phase: 'launch' });
    expect(imported.format).toBe('har');
    expect(imported.creator).toBe('Proxyman 5.9.0');
    expect(bundle.evidence.importedHar).toMatchObject({ format: 'har', creator: 'Proxyman 5.9.0', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(analysis.entries[0]!.tracker?.organization).toBe('AppsFlyer');
    expect(analysis.entries[0]!.identifiers).toContainEqual(expect.objectContaining({ kind: 'advertisingId', where: 'body', field: 'advertiserId' }));
  });

  it('reads a Fiddler HAR (rt-035): its params list and compression field do not hide the Vungle body', async () => {
    const { imported, analysis } = await importFixture('fiddler.har', { platform: 'android' });
    expect(imported.warnings).toEqual([]);
    expect(analysis.entries[0]!.tracker).toMatchObject({ organization: 'Liftoff', product: 'Vungle' });
    expect(analysis.entries[0]!.readability.state).toBe('readable');
    expect(analysis.entries[0]!.method).toBe('POST');
  });

  it('reads a Firefox DevTools HAR (rt-038): the data: image is not a request to anyone, the ad request is kept', async () => {
    const { imported, bundle, analysis } = await importFixture('firefox-devtools.har', { platform: 'android', phase: 'launch' });
    expect(imported.warnings).toEqual(['log.entries[0].request.url: a data: URL is content the page held itself, not a request to any server; not counted as traffic']);
    expect(bundle.har.log.entries.map((entry) => entry.request.url.slice(0, 40))).toEqual(['https://googleads.g.doubleclick.net/mads']);
    expect(analysis.entries.map((entry) => entry.host)).toEqual(['googleads.g.doubleclick.net']);
    expect(bundle.evidence.notes).toContain('1 entries of the file were data: or blob: URLs (content the page held itself, not requests to any server) and are not counted as traffic.');
  });

  it('reads an HTTP Toolkit HAR (rt-075): AppLovin\'s cipher is opaque, and the headers the file lacks are recorded as not captured', async () => {
    const { bundle, analysis } = await importFixture('http-toolkit-rt-075.har', { platform: 'android', phase: 'launch' });
    expect(bundle.har.log.entries[0]!._missing).toEqual(['request.headers']);
    expect(analysis.entries[0]!.tracker?.organization).toBe('AppLovin');
    expect(analysis.entries[0]!.readability).toEqual({ state: 'opaque', reason: 'A query parameter carries an AppLovin-encrypted payload (1:<sha1>:<key>:<payload>).' });
  });

  it('reads a Charles HAR (rt-039): its local-time offset is normalised and Google\'s hidden advertising id flag is seen', async () => {
    const { bundle, analysis } = await importFixture('charles-rt-039.har', { platform: 'android', phase: 'launch' });
    expect(bundle.evidence.startedAt).toBe('2025-05-02T07:21:07.330Z');
    expect(analysis.entries[0]!.tracker?.organization).toBe('Google');
    expect(analysis.entries[0]!.adSignals?.advertisingIdSentHidden).toEqual({ flag: 'adid_p' });
  });

  it('reads a Chrome DevTools HAR (rt-029): the advertising id in the Singular query is found, and the sanitised-export caveat is noted', async () => {
    const { bundle, analysis } = await importFixture('chrome-devtools-rt-029.har', { platform: 'android', phase: 'launch', identifiersFile: path.join(fixtures, 'identifiers-rt-029.yaml') });
    expect(analysis.entries[0]!.identifiers).toEqual([
      { kind: 'advertisingId', encoding: 'plain', where: 'query', field: 'aifa' },
      { kind: 'androidId', encoding: 'plain', where: 'query', field: 'custom_user_id' },
      { kind: 'advertisingId', encoding: 'plain', where: 'query', field: 'u' },
    ]);
    expect(bundle.evidence.notes).toContain('Chrome DevTools (from Chrome 130) leaves cookies and Authorization headers out of a HAR unless it is exported "with sensitive data": an absent cookie here was not captured, which is not the same as not sent.');
    expect(bundle.evidence.importedHar?.lacks).toContain('cookies and Authorization headers, if exported without sensitive data');
  });

  it('keeps the original file byte for byte with its sha256, and says what the file lacks', async () => {
    const { bundle, outDir } = await importFixture('firefox-devtools.har', { platform: 'web' });
    expect(readFileSync(path.join(outDir, 'imported', 'firefox-devtools.har'))).toEqual(readFileSync(path.join(fixtures, 'firefox-devtools.har')));
    expect(bundle.evidence.importedHar?.lacks).toEqual(['consent dialogs, settings, screenshots, sensor use and the device']);
    expect((await verifyBundle(outDir)).ok).toBe(true);
  });
});

describe('import: iOS App Privacy Report', () => {
  const firstChoiceAt = '2024-06-01T12:01:00.000Z';

  it('keeps only the game, one entry per host at its first connection, marked domain-only; the file is kept and hashed', async () => {
    const { imported, bundle, analysis, outDir } = await importFixture('app-privacy-report.ndjson', { app: 'com.example.blockpuzzle', firstChoiceAt });
    expect(imported.format).toBe('app-privacy-report');
    expect(bundle.evidence.platform).toBe('ios');
    expect(bundle.evidence.importedHar).toMatchObject({
      format: 'app-privacy-report',
      creator: 'iOS App Privacy Report',
      app: 'com.example.blockpuzzle',
      sha256: 'f602f6381a007af53d35ca3ffb85ea85744b3d8d0e682f9d237c5607d7e6be7e',
      phaseSource: 'first-choice-time',
      firstChoiceAt,
    });
    expect(bundle.evidence.importedHar?.lacks?.[0]).toBe('request contents (URLs, headers, bodies): only the domain of each connection');
    expect(bundle.har.log.entries.map((entry) => [entry.request.url, entry.startedDateTime, entry._phase, entry._domainContact?.hits])).toEqual([
      ['https://api.blockpuzzle.example/', '2024-06-01T12:00:01.004Z', 'launch', 12],
      ['https://conversions.appsflyer.com/', '2024-06-01T12:00:02.310Z', 'launch', 4],
      ['https://googleads.g.doubleclick.net/', '2024-06-01T12:02:30.000Z', 'consent', 3],
    ]);
    expect(analysis.entries.map((entry) => entry.readability.state)).toEqual(['domain-only', 'domain-only', 'domain-only']);
    expect(bundle.evidence.notes[1]).toBe('3 hosts contacted by com.example.blockpuzzle (19 connections counted by iOS App Privacy Report), 2 sensor and data access records; 2 records of other apps were left out.');
    expect(bundle.evidence.notes).toContain("iOS App Privacy Report named the company behind 2 of the hosts (its word, not gameaudit's attribution): conversions.appsflyer.com → AppsFlyer Ltd.; googleads.g.doubleclick.net → Google LLC.");
    expect(readFileSync(path.join(outDir, 'imported', 'app-privacy-report.ndjson'))).toEqual(readFileSync(path.join(fixtures, 'app-privacy-report.ndjson')));
    expect((await verifyBundle(outDir)).ok).toBe(true);
  });

  it('contacts decide the contact checks, payload checks are inconclusive saying why, and iOS location use fails the geolocation check', async () => {
    const { bundle, outDir } = await importFixture('app-privacy-report.ndjson', { app: 'com.example.blockpuzzle', firstChoiceAt });
    expect(bundle.evidence.geolocation.calls).toEqual([
      { eventId: 'ev-0001', phase: 'launch', at: '2024-06-01T12:00:05.120Z', api: 'ios-location-request', detail: 'iOS App Privacy Report recorded the app using location (intervalBegin, line 1)' },
    ]);
    const check = await outcomes(outDir);
    const tracking = check('default-settings.tracking-before-choice');
    expect(tracking.outcome).toBe('fail');
    // Google was first contacted after the first choice: only AppsFlyer was contacted before it.
    expect(tracking.summary).toBe('1 tracking company was contacted before any privacy choice (the imported export records the connections, not what they carried).');
    expect(tracking.findings[0]!.message).toBe('1 recorded contact went to AppsFlyer (attribution) at launch, before any privacy choice: conversions.appsflyer.com.');
    expect(check('geolocation.permission-at-launch').outcome).toBe('fail');
    const advertisingId = check('profiling.advertising-id-shared');
    expect(advertisingId.outcome).toBe('inconclusive');
    expect(advertisingId.summary).toBe('The traffic was imported from a domain-level export, which records only which 3 hosts the game contacted and when, never what was sent, so this cannot be judged from it.');
    expect(check('geolocation.precise-location-shared').outcome).toBe('inconclusive');
  });

  it('without --app, refuses with one line listing the apps in the report', async () => {
    const error = await importFixture('app-privacy-report.ndjson').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputFileError);
    expect((error as Error).message).toBe(`${path.join(fixtures, 'app-privacy-report.ndjson')}: --app: the report holds 3 apps; give the game's bundle id with --app (found: com.apple.camera, com.apple.weather, com.example.blockpuzzle)`);
  });

  it('refuses an --app the report does not hold, and a --platform it cannot be', async () => {
    await expect(importFixture('app-privacy-report.ndjson', { app: 'com.example.other' })).rejects.toThrow('--app: "com.example.other" has no records in this report (found: com.apple.camera, com.apple.weather, com.example.blockpuzzle)');
    await expect(importFixture('app-privacy-report.ndjson', { app: 'com.example.blockpuzzle', platform: 'android' })).rejects.toThrow('is an export of type iOS App Privacy Report, which comes from ios, not android');
  });
});

describe('import: TrackerControl CSV', () => {
  it('keeps the game\'s rows, and decides tracking before the first choice from contacts alone', async () => {
    const { imported, bundle, analysis, outDir } = await importFixture('trackercontrol.csv', { app: 'com.example.blockpuzzle', firstChoiceAt: '2024-06-01T12:01:00.000Z' });
    expect(imported.format).toBe('trackercontrol-csv');
    expect(bundle.evidence.platform).toBe('android');
    expect(bundle.evidence.importedHar?.sha256).toBe('40cdcf3b0c6b3168089e62612b075ed4aaf079de503a485c73565835387da619');
    expect(analysis.entries.map((entry) => [entry.host, entry.phase, entry.tracker?.organization ?? null])).toEqual([
      ['api.blockpuzzle.example', 'launch', null],
      ['sdk-api-v1.singular.net', 'launch', 'Singular'],
      ['ms4.applovin.com', 'launch', 'AppLovin'],
      ['googleads.g.doubleclick.net', 'consent', 'Google'],
    ]);
    expect(bundle.har.log.entries[2]!._domainContact).toMatchObject({ tool: 'TrackerControl', toolCompany: 'AppLovin', toolCategory: 'Advertisement', line: 4 });
    expect(bundle.evidence.notes).toContain("TrackerControl named the company behind 3 of the hosts (its word, not gameaudit's attribution): sdk-api-v1.singular.net → Singular (Analytics); ms4.applovin.com → AppLovin (Advertisement); googleads.g.doubleclick.net → Google (Advertisement).");
    const check = await outcomes(outDir);
    expect(check('default-settings.tracking-before-choice').summary).toBe('2 tracking companies were contacted before any privacy choice (the imported export records the connections, not what they carried).');
    // AppLovin left Google Play's Families programme: a recorded contact at launch is enough to fail.
    const uncertified = check('data-sharing.uncertified-ad-networks');
    expect(uncertified.outcome).toBe('fail');
    expect(uncertified.summary).toBe('1 ad network outside the Families self-certified list was contacted (the imported export records the connection, not what it carried) before the child did anything.');
    expect(uncertified.findings[0]!.message).toBe('1 recorded contact at launch went to AppLovin (ms4.applovin.com), not on Google Play’s Families self-certified ads SDK list.');
    expect(check('profiling.personalised-ads-signals').outcome).toBe('inconclusive');
    // TrackerControl records no sensor use: the geolocation checks have nothing to go on.
    expect(check('geolocation.permission-at-launch').outcome).toBe('inconclusive');
  });
});

describe('format detection', () => {
  it('refuses a file of another kind, naming what gameaudit reads and how the file starts', async () => {
    const file = path.join(scratch, 'notes.txt');
    writeFileSync(file, 'Played the game for ten minutes.\n');
    await expect(importFile({ file, gameId: 'x', firstPartyDomains: [], outDir: path.join(scratch, 'notes-out') })).rejects.toThrow(
      `${file}: not a format gameaudit imports (it reads a HAR, an iOS App Privacy Report .ndjson and a TrackerControl .csv export); the file starts "Played the game for ten minutes."`,
    );
  });
});

describe('the import command', () => {
  it('imports an App Privacy Report through the real binary, and refuses one without --app in one line with exit 2', () => {
    const file = path.join(fixtures, 'app-privacy-report.ndjson');
    const out = path.join(scratch, 'cli-apr');
    const good = runCli(['import', file, '--game', 'block-puzzle', '--app', 'com.example.blockpuzzle', '--first-choice-at', '2024-06-01T13:01:00+01:00', '--out', out]);
    expect(good.exitCode).toBe(0);
    expect(good.stdout).toBe(
      `Imported 3 contacted hosts from ${file}, an export of type iOS App Privacy Report, into ${out}, split at the first choice you gave (2024-06-01T13:01:00+01:00) into launch and consent\nScore it with: gameaudit score ${out}\n`,
    );
    expect(readBundle(out).evidence.importedHar?.firstChoiceAt).toBe('2024-06-01T12:01:00.000Z');
    const bad = runCli(['import', file, '--game', 'block-puzzle', '--out', path.join(scratch, 'cli-apr-no-app')]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe(`gameaudit: ${file}: --app: the report holds 3 apps; give the game's bundle id with --app (found: com.apple.camera, com.apple.weather, com.example.blockpuzzle)\n`);
  });
});
