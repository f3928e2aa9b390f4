// The bad-input corpus (test/fixtures/bad/, plus huge files generated here) run through the real
// CLI as a user would. Each bad input gets one line on stderr naming the file (or the check id)
// and what is wrong, exit code 2, no stack trace, and leaves what was already written intact: an
// --out folder is not created or half-filled, and a scored bundle still verifies unchanged.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHar } from '../../src/evidence/import-har.ts';
import { listEvidenceFiles, verifyBundle } from '../../src/evidence/manifest.ts';
import { scoreBundle } from '../../src/scoring/score-bundle.ts';
import { projectRoot, runCli, type CliResult } from '../helpers/run-cli.ts';

const bad = path.join(projectRoot, 'test/fixtures/bad');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'bad-input-corpus-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A scored bundle that every bad command below must leave exactly as it was. */
const bundleDir = path.join(scratch, 'run', 'corpus', 'android');
let bundleBefore: Record<string, string>;

function fingerprint(directory: string): Record<string, string> {
  const files = [...listEvidenceFiles(directory), 'manifest.json', 'result.json'];
  return Object.fromEntries(files.map((file) => [file, createHash('sha256').update(readFileSync(path.join(directory, file))).digest('hex')]));
}

beforeAll(async () => {
  await importHar({
    harFile: path.join(projectRoot, 'test/fixtures/har/http-toolkit.har'),
    gameId: 'corpus',
    platform: 'android',
    identifiersFile: path.join(projectRoot, 'test/fixtures/har/identifiers.yaml'),
    firstPartyDomains: ['blockpuzzle.example'],
    outDir: bundleDir,
  });
  await scoreBundle(bundleDir, { cwd: scratch });
  bundleBefore = fingerprint(bundleDir);
});

/** The contract for every refusal: exit 2, one line, the culprit named, no stack frames. */
function expectRefused(result: CliResult, names: string, problem: RegExp): void {
  expect({ exitCode: result.exitCode, stderr: result.stderr }).toMatchObject({ exitCode: 2 });
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toMatch(/internal error/);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(names);
  expect(lines[0]).toMatch(problem);
}

async function expectBundleUntouched(): Promise<void> {
  expect(fingerprint(bundleDir)).toEqual(bundleBefore);
  expect((await verifyBundle(bundleDir)).ok).toBe(true);
}

describe('plans and programmes', () => {
  const plans = path.join(bad, 'plans');
  it.each([
    ['broken-yaml.yaml', /not valid YAML \(line 4\)/],
    ['wrong-type.yaml', /session\.launchSeconds \(line 7\): expected number, got string/],
    ['missing-field.yaml', /publisher .*required field is missing/],
    ['unknown-field.yaml', /platfroms \(line 4\): unknown field/],
    ['no-platform.yaml', /platforms .*give at least one platform/],
    ['alias-bomb.yaml', /YAML could not be read: Excessive alias count/],
    ['bad-credentials.yaml', /credentials\.password .*\$\{ENV_VAR_NAME\}/],
  ])('run --plan %s is refused before anything is captured', (name, problem) => {
    const out = path.join(scratch, `runs-${name}`);
    const file = path.join(plans, name);
    expectRefused(runCli(['run', '--plan', file, '--out', out]), file, problem);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it.each([
    ['plan-launch-seconds-text.yaml', /session\.launchSeconds \(line 9\): expected number, got string/],
    ['deeply-nested.yaml', /not valid YAML .*call stack|nest/i],
  ])('run --plan %s (wrong types, 20,000 levels of nesting) is refused', (name, problem) => {
    const file = path.join(bad, 'other', name);
    expectRefused(runCli(['run', '--plan', file, '--out', path.join(scratch, 'runs-other')]), file, problem);
  });

  it('a huge plan (1.2 MB of settings, generated) is refused by size, not parsed', () => {
    const file = path.join(scratch, 'huge-plan.yaml');
    const settings = Array.from({ length: 60_000 }, (_, index) => `  setting${index}: true\n`).join('');
    writeFileSync(file, `id: huge\ntitle: Huge\npublisher: Someone\nplatforms:\n  web:\n    url: https://example.org/\nexpectations:\n${settings}`);
    expectRefused(runCli(['run', '--plan', file, '--out', path.join(scratch, 'runs-huge')]), file, /file is \d+ bytes; input files are limited to 1048576 bytes/);
  });

  it('a huge, broken YAML file (1 MB of unclosed quotes, generated) is refused by size', () => {
    const file = path.join(scratch, 'huge-broken.yaml');
    writeFileSync(file, `id: "${'x'.repeat(1_100_000)}\n`);
    expectRefused(runCli(['run', '--plan', file, '--out', path.join(scratch, 'runs-huge-broken')]), file, /file is \d+ bytes; input files are limited/);
  });

  it('a programme naming a plan that does not exist names the missing file', () => {
    const file = path.join(bad, 'other', 'programme-missing-plan.yaml');
    expectRefused(runCli(['run', '--programme', file, '--out', path.join(scratch, 'runs-programme')]), path.join(bad, 'other', 'no-such-game.yaml'), /file not found/);
  });

  it('a programme whose two devices name one proxy port is refused, naming the second device', () => {
    const file = path.join(bad, 'other', 'programme-shared-proxy-port.yaml');
    const out = path.join(scratch, 'runs-shared-port');
    expectRefused(runCli(['run', '--programme', file, '--out', out]), file, /devices\[1\] \(galaxy-a14\): capabilities\.gameaudit:proxyPort 8899 is also the port of device "pixel-7"; .*give each its own port/);
    expect(existsSync(out)).toBe(false);
  });

  it('validate reports each bad file on one line of its own, with exit 2', () => {
    const files = ['wrong-type.yaml', 'broken-yaml.yaml'].map((name) => path.join(plans, name));
    const result = runCli(['validate', ...files]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    for (const file of files) expect(result.stderr.split('\n').filter((line) => line.includes(file))).toHaveLength(1);
  });
});

describe('identifiers files', () => {
  it.each([
    ['identifiers/bad-advertising-id.yaml', /advertisingId \(line 1\): Invalid UUID/],
    ['identifiers/bad-email.yaml', /email \(line 1\): Invalid email/],
    ['identifiers/bad-latitude.yaml', /location\.latitude .*<=90/],
    ['identifiers/short-custom.yaml', /custom\.x .*at least 4 characters/],
    ['other/identifiers-bad-uuid.yaml', /advertisingId \(line 2\): Invalid UUID/],
    ['other/identifiers-location-as-text.yaml', /location \(line 2\): expected object, got string/],
  ])('import-har --identifiers %s is refused and writes no bundle', (name, problem) => {
    const file = path.join(bad, name);
    const out = path.join(scratch, `ids-${path.basename(file)}`);
    expectRefused(runCli(['import-har', path.join(projectRoot, 'test/fixtures/har/mitmproxy.har'), '--game', 'corpus', '--platform', 'android', '--identifiers', file, '--out', out]), file, problem);
    expect(existsSync(out)).toBe(false);
  });
});

describe('HAR files', () => {
  const hars = path.join(bad, 'har');
  it.each([
    ['truncated-mid-entry.har', /not valid JSON .*the file looks truncated/],
    ['version-2.0.har', /log\.version: HAR version "2\.0" is not supported/],
    ['no-entries.har', /log\.entries: required field is missing/],
    ['json-array.har', /\(top level\): expected object, got list/],
    ['latin1-body.har', /not UTF-8 text/],
    ['binary-garbage.har', /not UTF-8 text/],
    ['url-not-a-url.har', /log\.entries\[0\]\.request\.url: "not a url at all" is not an absolute URL/],
  ])('import-har %s is refused; --out is not created', (name, problem) => {
    const out = path.join(scratch, `har-${name}`);
    const file = path.join(hars, name);
    expectRefused(runCli(['import-har', file, '--game', 'corpus', '--platform', 'android', '--out', out]), file, problem);
    expect(existsSync(out)).toBe(false);
  });

  // Lossy but usable: the request is known, so the entry is kept and says what it lacks (review H7).
  it.each([
    ['entry-without-response.har', 1, 'response.status', ''],
    ['status-as-text.har', 0, 'response.status', 'log.entries[0].response.status: "200 OK" could not be read'],
    ['invalid-base64-body.har', 1, 'response.content.text', 'log.entries[1].response.content.text: the encoding is base64 but the text is not valid base64; the body was not read'],
  ])('import-har %s is imported, the entry recording what it lacks', (name, index, missing, warning) => {
    const out = path.join(scratch, `har-${name}`);
    const file = path.join(hars, name);
    const result = runCli(['import-har', file, '--game', 'corpus', '--platform', 'android', '--out', out]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    if (warning) expect(result.stderr).toContain(`warning: ${file}: ${warning}`);
    else expect(result.stderr).toBe('');
    const har = JSON.parse(readFileSync(path.join(out, 'network.har'), 'utf8')) as { log: { entries: { _missing?: string[] }[] } };
    expect(har.log.entries[index]!._missing).toContain(missing);
  });

  it('a HAR cut off at any of several points is refused as truncated', () => {
    const whole = readFileSync(path.join(projectRoot, 'test/fixtures/har/charles.har'), 'utf8');
    for (const fraction of [0.1, 0.5, 0.97]) {
      const file = path.join(scratch, `cut-${fraction}.har`);
      writeFileSync(file, whole.slice(0, Math.floor(whole.length * fraction)));
      expectRefused(runCli(['import-har', file, '--game', 'corpus', '--platform', 'android', '--out', path.join(scratch, `cut-out-${fraction}`)]), file, /truncated/);
    }
  });

  it('a refused import into an existing empty --out folder leaves it empty', () => {
    const out = path.join(scratch, 'empty-out');
    mkdirSync(out);
    const file = path.join(hars, 'truncated-mid-entry.har');
    expectRefused(runCli(['import-har', file, '--game', 'corpus', '--platform', 'android', '--out', out]), file, /truncated/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('an import into the folder of a scored bundle is refused and the bundle is untouched', async () => {
    const result = runCli(['import-har', path.join(projectRoot, 'test/fixtures/har/mitmproxy.har'), '--game', 'corpus', '--platform', 'android', '--out', bundleDir]);
    expectRefused(result, bundleDir, /not empty/);
    await expectBundleUntouched();
  });

  // Large but well-formed HARs are evidence, not bad input: they import, verify and score, bounded.
  it('a HAR with a 50 MB response body (generated) imports into a bundle that verifies and scores', async () => {
    const file = path.join(scratch, 'fifty-megabyte-body.har');
    const entry = {
      startedDateTime: '2024-06-01T12:00:00.000Z',
      time: 900,
      request: { method: 'GET', url: 'https://cdn.example-assets.com/level-pack.bin', httpVersion: 'HTTP/1.1', headers: [], queryString: [] },
      response: { status: 200, httpVersion: 'HTTP/1.1', headers: [], content: { size: 37_500_000, mimeType: 'application/octet-stream', encoding: 'base64', text: 'QUJD'.repeat(12_500_000) } },
    };
    writeFileSync(file, JSON.stringify({ log: { version: '1.2', creator: { name: 'Charles Proxy', version: '4.6.6' }, entries: [entry] } }));
    const out = path.join(scratch, 'big-body-bundle');
    const imported = runCli(['import-har', file, '--game', 'corpus', '--platform', 'android', '--out', out]);
    expect({ exitCode: imported.exitCode, stderr: imported.stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect((await verifyBundle(out)).ok).toBe(true);
    expect(runCli(['score', out]).exitCode).toBe(0);
  });

  it('a HAR with 100,000 request headers (generated) imports into a bundle that verifies and scores', async () => {
    const file = path.join(scratch, 'many-headers.har');
    const headers = Array.from({ length: 100_000 }, (_, index) => ({ name: `x-debug-${index}`, value: `value-${index}` }));
    const entry = {
      startedDateTime: '2024-06-01T12:00:00.000Z',
      time: 12,
      request: { method: 'GET', url: 'https://ads.example-network.com/v1/ad?uid=7', httpVersion: 'HTTP/1.1', headers, queryString: [{ name: 'uid', value: '7' }] },
      response: { status: 204, httpVersion: 'HTTP/1.1', headers: [], content: { size: 0, mimeType: '' } },
    };
    writeFileSync(file, JSON.stringify({ log: { version: '1.2', creator: { name: 'mitmproxy', version: '10.3.0' }, entries: [entry] } }));
    const out = path.join(scratch, 'many-headers-bundle');
    const imported = runCli(['import-har', file, '--game', 'corpus', '--platform', 'android', '--out', out]);
    expect({ exitCode: imported.exitCode, stderr: imported.stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect((await verifyBundle(out)).ok).toBe(true);
    expect(runCli(['score', out]).exitCode).toBe(0);
  });
});

describe('commands on a scored bundle', () => {
  it.each([
    ['no.such-check', /no check is called "no\.such-check"; run `gameaudit checks` for the list/],
    ['data-sharing.third-party-recipent', /did you mean data-sharing\.third-party-recipients\?/],
    ['', /no check is called ""/],
  ])('check %j --evidence <bundle> is refused and the bundle is untouched', async (checkId, problem) => {
    expectRefused(runCli(['check', checkId, '--evidence', bundleDir]), `"${checkId}"`, problem);
    await expectBundleUntouched();
  });

  it('score --findings with a bad field names the file, line and field; result.json is not rewritten', async () => {
    const file = path.join(bad, 'other', 'bad-findings-field.yaml');
    expectRefused(runCli(['score', bundleDir, '--findings', file]), file, /assessments\[0\]\.outcome \(line 5\): Invalid option/);
    await expectBundleUntouched();
  });

  it('import-har with a flag of the wrong value is refused in one line', () => {
    const result = runCli(['import-har', path.join(projectRoot, 'test/fixtures/har/mitmproxy.har'), '--game', 'corpus', '--platform', 'playstation', '--out', path.join(scratch, 'flag-out')]);
    expectRefused(result, '--platform', /"playstation" is not one of web, android, ios/);
  });
});
