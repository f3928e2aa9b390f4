import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishSummary, screenshotWarning } from '../../src/report/publish.ts';
import { writeBundle } from '../fixtures/results/build-result.ts';
import { leakyGame, plantedIdentifiers } from '../fixtures/results/games.ts';

const base64 = (value: string): string => Buffer.from(value).toString('base64');
const digest = (algorithm: string, value: string): string => createHash(algorithm).update(value).digest('hex');

/** Every form the analysis looks for (issue 4), so the test proves none of them leaks. */
function encodings(value: string): string[] {
  const forms = [
    value,
    value.toUpperCase(),
    value.toLowerCase(),
    encodeURIComponent(value),
    encodeURIComponent(encodeURIComponent(value)),
    JSON.stringify(value).slice(1, -1),
    base64(value),
    base64(value).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
    Buffer.from(value).toString('hex'),
  ];
  for (const algorithm of ['md5', 'sha1', 'sha256']) forms.push(digest(algorithm, value), digest(algorithm, value.toLowerCase()));
  return [...new Set(forms)];
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

/** A leaky game whose result carries every known identifier, in several encodings, everywhere text can go. */
function plantedGame() {
  const game = leakyGame();
  const ids = Object.values(plantedIdentifiers);
  const mixed = (value: string) => `${value} ${base64(value)} ${encodeURIComponent(value)} ${digest('sha256', value)} ${Buffer.from(value).toString('hex')}`;
  const everything = ids.map(mixed).join(' | ');
  const adIdUrl = `https://googleads.g.doubleclick.net/pagead/ads?rdid=${plantedIdentifiers.advertisingId}&email=${encodeURIComponent(plantedIdentifiers.email)}&ip=${plantedIdentifiers.ip}`;
  game.operator = plantedIdentifiers.operator;
  game.device = { kind: 'physical', name: 'Pixel 7', serial: plantedIdentifiers.serial, userAgent: `Mozilla/5.0 ${plantedIdentifiers.androidId}` };
  game.entries = game.entries.map((entry) => ({
    ...entry,
    url: `${adIdUrl}&n=${entry.index}`,
    ...(entry.adParams ? { adParams: { ...entry.adParams, rdid: plantedIdentifiers.advertisingId, cookie: plantedIdentifiers.cookie } } : {}),
    identifiers: [...entry.identifiers, { kind: 'email', encoding: 'plain' as const, where: 'query' as const, field: plantedIdentifiers.email }],
  }));
  game.entries[4] = { ...(game.entries[4] as (typeof game.entries)[number]), host: `${plantedIdentifiers.androidId}.tracker.example`, organization: `Tracker ${plantedIdentifiers.username}` };
  for (const spec of Object.values(game.outcomes)) {
    spec.summary = `${spec.summary} ${everything}`;
    for (const finding of spec.findings ?? []) {
      finding.message = `${finding.message} (sent ${everything} to ${adIdUrl})`;
      finding.data = { ...finding.data, identifier: plantedIdentifiers.advertisingId, cookie: plantedIdentifiers.cookie };
      finding.evidence.push({ kind: 'ui-node', label: `Signed in as ${plantedIdentifiers.username} (${plantedIdentifiers.email})`, locator: `#${plantedIdentifiers.serial}` });
    }
  }
  const observations = game.observations;
  if (!observations) throw new Error('fixture has observations');
  observations.notes.push(everything);
  observations.settings.controls.push({ label: `Account ${plantedIdentifiers.email}`, kind: 'text', value: plantedIdentifiers.phone });
  (observations.consentDialogs[0] as { text: string }).text += ` ${everything}`;
  observations.events.push({ id: 'ev-99', at: '2026-11-20T09:15:00.000Z', phase: 'play', type: 'cookie-set', message: `Set-Cookie: ${plantedIdentifiers.cookie} from ${plantedIdentifiers.ip}` });
  for (const finding of game.investigator?.findings ?? []) {
    finding.note = `${finding.note} ${everything}`;
    finding.by = plantedIdentifiers.operator;
    finding.evidence.push(adIdUrl);
  }
  return game;
}

describe('publishable summary', () => {
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-publish-run-'));
  writeBundle(runDir, plantedGame());
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-published-'));
  const warnings: string[] = [];
  publishSummary(runDir, outDir, { withScreenshots: true, warn: (message) => warnings.push(message) });
  const files = walk(outDir);

  it('still says, per game and standard, the status, a plain finding and the companies involved', () => {
    const summary = JSON.parse(readFileSync(path.join(outDir, 'summary.json'), 'utf8')) as { games: { title: string; standards: { number: number; statusWords: string; finding: string; organisations: string[] }[] }[] };
    const game = summary.games[0];
    expect(game?.title).toBe('Leaky Llama Jump');
    expect(game?.standards).toHaveLength(15);
    const geolocation = game?.standards.find((standard) => standard.number === 10);
    expect(geolocation?.statusWords).toBe('Does not conform');
    expect(geolocation?.finding).toContain('Precise location is sent to third parties');
    expect(geolocation?.organisations).toEqual(['AppLovin']);
    expect(game?.standards.find((standard) => standard.number === 7)?.organisations).toEqual(expect.arrayContaining(['Google', 'AppLovin', 'Adjust']));
    expect(readFileSync(path.join(outDir, 'summary.csv'), 'utf8').split('\r\n').filter(Boolean)).toHaveLength(16);
    expect(readFileSync(path.join(outDir, 'index.html'), 'utf8')).toContain('Does not conform');
  });

  it('starts from a result that really carries every identifier (so the next test means something)', () => {
    const input = readFileSync(path.join(runDir, 'demo-leaky', 'web', 'result.json'), 'utf8').toLowerCase();
    for (const [name, value] of Object.entries(plantedIdentifiers)) {
      expect(input, name).toContain(JSON.stringify(value).slice(1, -1).toLowerCase());
      expect(input, `${name} base64`).toContain(base64(value).toLowerCase());
      expect(input, `${name} sha256`).toContain(digest('sha256', value));
    }
  });

  it('contains no planted identifier in any encoding, in any file', () => {
    expect(files.map((file) => path.relative(outDir, file)).sort()).toEqual(expect.arrayContaining(['index.html', 'summary.csv', 'summary.json']));
    expect(files.some((file) => file.endsWith('.png'))).toBe(true);
    for (const file of files) {
      const text = readFileSync(file).toString('latin1').toLowerCase();
      for (const [name, value] of Object.entries(plantedIdentifiers))
        for (const form of encodings(value)) expect(text.includes(form.toLowerCase()), `${name} as "${form}" in ${path.relative(outDir, file)}`).toBe(false);
    }
  });

  it('holds no URLs with queries, no IP addresses, no cookies and no device details', () => {
    for (const file of files.filter((candidate) => !candidate.endsWith('.png'))) {
      const text = readFileSync(file, 'utf8');
      expect(text).not.toMatch(/https?:\/\/[^\s"<]*\?/);
      expect(text).not.toMatch(/\b\d{1,3}(\.\d{1,3}){3}\b/);
      expect(text).not.toMatch(/cookie|serial|operator|Pixel 7/i);
      expect(text).not.toContain('tracker.example');
    }
  });

  it('warns that screenshots may identify, and copies them only when asked', () => {
    expect(warnings).toEqual([screenshotWarning]);
    const bare = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-published-bare-'));
    publishSummary(runDir, bare, { warn: (message) => warnings.push(message) });
    expect(walk(bare).map((file) => path.relative(bare, file)).sort()).toEqual(['index.html', 'summary.csv', 'summary.json']);
    expect(warnings).toHaveLength(1);
  });
});

// Reliability probe 2026-12, defects 5 and 10.
describe('what publishing copies, and where it writes', () => {
  it('publishes nothing from a bundle holding a link or an unsealed file, named by an edited result.json', () => {
    const runDir = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-publish-link-'));
    const bundleDir = writeBundle(runDir, leakyGame());
    symlinkSync('/etc/passwd', path.join(bundleDir, 'screens/99-evil.png'));
    writeFileSync(path.join(bundleDir, 'screens/98-added.png'), Buffer.concat([readFileSync(path.join(bundleDir, 'screens/launch.png')), Buffer.from('added after sealing')]));
    const result = JSON.parse(readFileSync(path.join(bundleDir, 'result.json'), 'utf8')) as { checks: Array<{ outcome: string; findings: Array<{ evidence: Array<{ kind: string; file?: string }> }> }> };
    const failing = result.checks.filter((check) => check.outcome === 'fail');
    failing[0]!.findings[0]!.evidence.unshift({ kind: 'screenshot', file: 'screens/99-evil.png' });
    failing[1]!.findings[0]!.evidence.unshift({ kind: 'screenshot', file: 'screens/98-added.png' });
    writeFileSync(path.join(bundleDir, 'result.json'), JSON.stringify(result));

    const outDir = path.join(runDir, '..', `${path.basename(runDir)}-published`);
    // The bundle no longer verifies (a link, an added file, result.json changed after scoring): refused whole.
    expect(() => publishSummary(runDir, outDir, { withScreenshots: true, warn: () => undefined })).toThrow(
      `${bundleDir}: not published, it does not verify (screens/98-added.png was added after sealing (not in the manifest); screens/99-evil.png (a link to /etc/passwd) was added after sealing (not in the manifest); result.json changed after it was scored (its sha256 differs from result.seal.json))`,
    );
    expect(existsSync(outDir)).toBe(false);
  });

  it('refuses a run folder, a file, or a folder holding other files as --out, each in one line', () => {
    const runDir = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-publish-out-'));
    writeBundle(runDir, leakyGame());
    expect(() => publishSummary(runDir, runDir, { warn: () => undefined })).toThrow(`--out ${runDir}: is a run folder; publishing there would replace the run's own summaries. Give a new or empty folder`);
    const file = path.join(runDir, 'notes.txt');
    writeFileSync(file, 'x');
    expect(() => publishSummary(runDir, file, { warn: () => undefined })).toThrow(`--out ${file}: is a file, not a folder; give a new or empty folder for the published summary`);
    const other = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-publish-other-'));
    writeFileSync(path.join(other, 'thesis.docx'), 'x');
    expect(() => publishSummary(runDir, other, { force: true, warn: () => undefined })).toThrow(`--out ${other}: is not empty and holds files that are not a published summary (thesis.docx); give a new or empty folder`);
  });

  it('replaces an earlier published summary only with --force, leaving none of its screenshots behind', () => {
    const runDir = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-publish-again-'));
    writeBundle(runDir, leakyGame());
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-published-again-'));
    publishSummary(runDir, outDir, { withScreenshots: true, warn: () => undefined });
    expect(walk(outDir).some((file) => file.endsWith('.png'))).toBe(true);
    expect(() => publishSummary(runDir, outDir, { warn: () => undefined })).toThrow(`--out ${outDir}: holds an earlier published summary; add --force to replace it, or give a new folder`);
    const { files } = publishSummary(runDir, outDir, { force: true, warn: () => undefined });
    expect(files).toHaveLength(3);
    expect(walk(outDir).map((file) => path.relative(outDir, file)).sort()).toEqual(['index.html', 'summary.csv', 'summary.json']);
  });
});
