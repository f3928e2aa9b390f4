// "Done when" of issue 17: a capture saved by each tool goes through `gameaudit import`, `gameaudit
// score` and `gameaudit report` (the real binary), and the report's "Companies the game contacted"
// names every company contacted, every identifier found and in what form, and every request it could
// not read. Fixtures and the samples.jsonl record each came from: test/fixtures/import/README.md and
// test/fixtures/har/ (chrome-devtools-cert-refused.har: certificates refused; mitmproxy-har-dump.har:
// rt-029 and rt-030).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-import-score-report-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Imports, scores and reports one file through the CLI; the text of the report's companies section, tags removed. */
function companiesSection(name: string, file: string, platform: string, importArgs: string[]): string {
  const run = path.join(scratch, name);
  const bundle = path.join(run, 'block-puzzle', platform);
  const imported = runCli(['import', path.join(fixtures, file), '--game', 'block-puzzle', '--first-party', 'blockpuzzle.example', '--out', bundle, ...importArgs]);
  expect(imported.stderr.split('\n').filter((line) => line.startsWith('gameaudit:'))).toEqual([]);
  expect(imported.exitCode).toBe(0);
  expect(runCli(['score', bundle]).exitCode).toBe(0);
  expect(runCli(['report', run]).exitCode).toBe(0);
  const html = readFileSync(path.join(bundle, 'report.html'), 'utf8');
  const start = html.indexOf('id="third-parties"');
  const section = html.slice(start, html.indexOf('</section>', start));
  return section
    // A line-break opportunity in a long URL is not a space a reader sees.
    .replace(/<wbr>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&#x60;/g, '`')
    .replace(/&#x3D;/g, '=')
    .replace(/\s+/g, ' ');
}

const launch = ['--phase', 'launch'];

describe('import → score → report through the CLI, for each tool', () => {
  it('HTTP Toolkit (rt-075): AppLovin, and its encrypted request as unreadable', () => {
    const text = companiesSection('http-toolkit', 'import/http-toolkit-rt-075.har', 'android', ['--platform', 'android', ...launch]);
    expect(text).toContain('AppLovin — 1 request');
    expect(text).toContain('1 request to AppLovin could not be read, so what it carried is not known. A query parameter carries an AppLovin-encrypted payload (1:<sha1>:<key>:<payload>).');
  });

  it("Charles (rt-039): Google, the IDE cookie TrackHAR names, and the opaque ms= blob", () => {
    const text = companiesSection('charles', 'import/charles-rt-039.har', 'android', ['--platform', 'android', ...launch]);
    expect(text).toContain('Google — 1 request');
    expect(text).toContain('Other unique identifier (decoded by TrackHAR): request 0');
    expect(text).toContain('1 request to Google could not be read, so what it carried is not known. A 914-character base64 value in the query is binary data that is neither text nor protobuf (encrypted or in an unknown format).');
  });

  it('Proxyman (rt-024): AppsFlyer and the IDFA, found as sent in the body field advertiserId', () => {
    const text = companiesSection('proxyman', 'import/proxyman.har', 'ios', ['--platform', 'ios', '--identifiers', path.join(fixtures, 'import/identifiers-rt-024.yaml'), ...launch]);
    expect(text).toContain('AppsFlyer — 1 request, received Advertising ID');
    expect(text).toContain('Device advertising ID (GAID/IDFA) (found by our identifier search): request 0');
    expect(text).toContain('Advertising ID not encoded in body advertiserId');
  });

  it("Fiddler (rt-035): Liftoff, the device data TrackHAR decodes, and its ifa that the identifiers file lacks", () => {
    const text = companiesSection('fiddler', 'import/fiddler.har', 'android', ['--platform', 'android', ...launch]);
    expect(text).toContain('Liftoff — 1 request');
    expect(text).toContain('Battery level (decoded by TrackHAR): request 0');
    expect(text).toContain('Free disk space (decoded by TrackHAR): request 0');
    expect(text).toContain("Request 0 : TrackHAR's adapter vungle/api-ads decoded a Device advertising ID (GAID/IDFA) in `device.ifa` whose value is not in the identifiers file.");
  });

  it('Chrome DevTools (rt-029): Singular, and the advertising id and Android id, each as sent in the query', () => {
    const text = companiesSection('chrome', 'import/chrome-devtools-rt-029.har', 'android', ['--platform', 'android', '--identifiers', path.join(fixtures, 'import/identifiers-rt-029.yaml'), ...launch]);
    expect(text).toContain('Singular — 1 request, received Advertising ID, Android ID');
    expect(text).toContain('Device advertising ID (GAID/IDFA) (found by our identifier search and decoded by TrackHAR): request 0');
    expect(text).toContain('Advertising ID not encoded in query aifa Android ID not encoded in query custom_user_id Advertising ID not encoded in query u');
  });

  it('Chrome DevTools with certificates refused: Amplitude and Google contacted, nothing received, the aborted request unread', () => {
    const text = companiesSection('chrome-refused', 'har/chrome-devtools-cert-refused.har', 'web', ['--platform', 'web', ...launch]);
    expect(text).toContain('Amplitude — 0 requests, 1 connection attempt (certificate refused, nothing received)');
    expect(text).toContain('2 requests were recorded, all to the game’s own servers, and 3 connection attempts (to 2 named companies) whose contents were not seen.');
    expect(text).toContain('Google — 0 requests, 2 connection attempts (certificate refused, nothing received)');
    expect(text).toContain('POST api2.amplitude.com/2/httpapi Certificate refused: contents not seen');
    // A refused handshake delivered nothing, so no "kinds of data received" are listed for it.
    expect(text).not.toContain('Kinds of data Google received');
    expect(text).toContain('GET play.blockpuzzle.example/assets/level1.json Contents not fully read: The request failed (net::ERR_ABORTED) before it completed.');
  });

  it('Firefox DevTools (rt-038): Google, and its opaque ad request', () => {
    const text = companiesSection('firefox', 'import/firefox-devtools.har', 'android', ['--platform', 'android', ...launch]);
    expect(text).toContain('1 request was recorded, to another company’s server (1 named company).');
    expect(text).toContain('Google — 1 request');
    expect(text).toContain('A 1438-character base64 value in the query is binary data that is neither text nor protobuf (encrypted or in an unknown format).');
  });

  it('mitmproxy har_dump (rt-029, rt-030): Singular, and both ids in both requests', () => {
    const text = companiesSection('mitmproxy', 'har/mitmproxy-har-dump.har', 'android', ['--platform', 'android', '--identifiers', path.join(fixtures, 'har/identifiers-rt-029.yaml'), ...launch]);
    expect(text).toContain('Singular — 2 requests, received Advertising ID, Android ID');
    expect(text).toContain('Android id (found by our identifier search and decoded by TrackHAR): request 0 , request 1');
    expect(text).toContain('1 launch POST sdk-api-v1.singular.net/api/v1/event');
    expect(text).toContain('200 Advertising ID not encoded in query aifa Android ID not encoded in query custom_user_id');
  });

  it('iOS App Privacy Report: AppsFlyer and Google contacted, each contact unread because the export holds no contents', () => {
    const text = companiesSection('app-privacy-report', 'import/app-privacy-report.ndjson', 'ios', ['--app', 'com.example.blockpuzzle', '--first-choice-at', '2024-06-01T13:01:00+01:00']);
    expect(text).toContain('AppsFlyer — 1 request');
    expect(text).toContain('1 request to AppsFlyer could not be read, so what it carried is not known. iOS App Privacy Report recorded only that the host was contacted and when (line 4 of the export), never what was sent.');
    expect(text).toContain('1 request to Google could not be read, so what it carried is not known. iOS App Privacy Report recorded only that the host was contacted and when (line 5 of the export), never what was sent.');
  });

  it("TrackerControl: AppLovin, Google and Singular contacted; a host our list lacks is named as TrackerControl's word; a differing name is shown", () => {
    const text = companiesSection('trackercontrol', 'import/trackercontrol.csv', 'android', ['--app', 'com.example.blockpuzzle', ...launch]);
    expect(text).toContain('AppLovin — 1 request');
    expect(text).toContain('Singular — 1 request');
    expect(text).toContain('1 request to Google could not be read, so what it carried is not known. TrackerControl recorded only that the host was contacted and when (line 5 of the export), never what was sent.');
    const named = companiesSection('trackercontrol-names', 'import/trackercontrol-company-names.csv', 'android', ['--app', 'com.example.blockpuzzle', ...launch]);
    expect(named).toContain("Tenjin (named by TrackerControl's export) — 1 request");
    expect(named).toContain("Requests to hosts our tracker list does not know; TrackerControl's export names the company behind them “Tenjin”. That is the tool’s word, not gameaudit’s.");
    expect(named).toContain("Where the imported export names another company googleads.g.doubleclick.net: TrackerControl's export names “Alphabet”; gameaudit’s attribution names Google. Both are kept.");
  });
});
