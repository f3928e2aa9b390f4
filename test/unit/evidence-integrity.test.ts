import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BundleWriter } from '../../src/evidence/bundle-writer.ts';
import { verifyBundle } from '../../src/evidence/manifest.ts';
import { writeSealedResult } from '../../src/evidence/result-seal.ts';
import { evidenceSchemaVersion } from '../../src/evidence/schema.ts';
import { runCli } from '../helpers/run-cli.ts';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** A small but complete bundle, written the way a capture writes one. */
async function writeBundle(): Promise<string> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-bundle-'));
  directories.push(directory);
  const writer = new BundleWriter(directory);
  const eventId = writer.event('geolocation-api-call', 'launch', { api: 'getCurrentPosition' });
  const screenshot = writer.screenshot('launch', 'After launch', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
  writer.writeHar({ log: { version: '1.2', creator: { name: 'gameaudit', version: '0' }, entries: [] } });
  const evidence = writer.writeEvidence({
    schemaVersion: evidenceSchemaVersion,
    game: { id: 'demo', title: 'Demo', publisher: 'Demo Ltd' },
    platform: 'web',
    target: 'https://demo.test/',
    device: { kind: 'emulated-browser', name: 'Pixel 7' },
    status: 'complete',
    startedAt: '2026-11-23T10:00:00.000Z',
    endedAt: '2026-11-23T10:01:00.000Z',
    phases: [{ name: 'launch', startedAt: '2026-11-23T10:00:00.000Z', status: 'complete' }],
    screenshots: [{ file: screenshot, phase: 'launch', takenAt: '2026-11-23T10:00:05.000Z', caption: 'After launch' }],
    geolocation: { calls: [{ eventId, phase: 'launch', at: '2026-11-23T10:00:01.000Z', api: 'getCurrentPosition' }] },
    settings: { source: 'none', readable: false, controls: [] },
  });
  await writer.seal({ evidence, planSource: 'id: demo\n' });
  return directory;
}

function filesOf(directory: string, relative = ''): string[] {
  return readdirSync(path.join(directory, relative), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesOf(directory, path.join(relative, entry.name)) : [path.join(relative, entry.name)],
  );
}

describe('evidence integrity', () => {
  // Reliability probe 2026-12, defect 5: verify skipped links and dot-files, so a bundle could
  // carry a "screenshot" pointing at any file on the machine and still verify.
  it('names a symbolic link and a dot-file added after sealing, and does not verify', async () => {
    const bundle = await writeBundle();
    symlinkSync('/etc/passwd', path.join(bundle, 'screens', '99-evil.png'));
    writeFileSync(path.join(bundle, '.network-spool.ndjson'), '{"request":{}}\n');
    const report = await verifyBundle(bundle);
    expect(report.ok).toBe(false);
    expect(report.added).toEqual(['.network-spool.ndjson', 'screens/99-evil.png (a link to /etc/passwd)']);
    expect(report.changed).toEqual([]);
    expect(report.missing).toEqual([]);
  });

  it('a freshly sealed bundle verifies and the manifest says who, what and with which tool', async () => {
    const bundle = await writeBundle();
    const report = await verifyBundle(bundle);
    expect(report).toMatchObject({ ok: true, changed: [], missing: [], added: [] });
    const manifest = JSON.parse(readFileSync(path.join(bundle, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.files).sort()).toEqual(['events.ndjson', 'evidence.json', 'network.har', 'screens/01-launch-after-launch.png']);
    expect(manifest.tool.name).toBe('gameaudit');
    expect(manifest.tool.commit).not.toBe('');
    expect(manifest.planSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.operator).not.toBe('');
    // Where the name came from: this test process sets GAMEAUDIT_OPERATOR or runs as a computer account.
    expect(manifest.operatorSource).toBe(process.env.GAMEAUDIT_OPERATOR?.trim() ? 'GAMEAUDIT_OPERATOR' : 'computer account');
  });

  it('detects a one-byte change in every file of the bundle, the manifest included', async () => {
    const bundle = await writeBundle();
    for (const file of filesOf(bundle)) {
      const absolute = path.join(bundle, file);
      const original = readFileSync(absolute);
      // Flip one byte in the middle of the file (for JSON, a digit or letter that stays valid JSON where possible).
      const tampered = Buffer.from(original);
      const position = Math.floor(tampered.length / 2);
      tampered[position] = tampered[position]! ^ 0x01;
      writeFileSync(absolute, tampered);
      const report = await verifyBundle(bundle);
      expect(report.ok, `a change to ${file} went unnoticed`).toBe(false);
      if (file !== 'manifest.json') expect(report.changed).toEqual([file]);
      writeFileSync(absolute, original);
    }
    expect((await verifyBundle(bundle)).ok).toBe(true);
  });

  it('names files that are missing or were added', async () => {
    const bundle = await writeBundle();
    rmSync(path.join(bundle, 'network.har'));
    writeFileSync(path.join(bundle, 'screens', 'extra.png'), 'not from the capture');
    const report = await verifyBundle(bundle);
    expect(report.missing).toEqual(['network.har']);
    expect(report.added).toEqual(['screens/extra.png']);
  });

  it('notices a manifest edited to match a tampered file', async () => {
    const bundle = await writeBundle();
    const evidencePath = path.join(bundle, 'evidence.json');
    writeFileSync(evidencePath, readFileSync(evidencePath, 'utf8').replace('"Demo Ltd"', '"Other Ltd"'));
    const manifestPath = path.join(bundle, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const { createHash } = await import('node:crypto');
    manifest.files['evidence.json'].sha256 = createHash('sha256').update(readFileSync(evidencePath)).digest('hex');
    manifest.files['evidence.json'].bytes = statSync(evidencePath).size;
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    const report = await verifyBundle(bundle);
    expect(report.changed).toEqual([]);
    expect(report.manifestValid).toBe(false);
    expect(report.problems[0]).toContain('manifest.json was edited after it was sealed');
  });

  it('gameaudit verify prints what differs and exits 5; result.json (sealed apart) and reports do not count as evidence', async () => {
    const bundle = await writeBundle();
    writeSealedResult(bundle, '{}');
    writeFileSync(path.join(bundle, 'report.html'), '<p>report</p>');
    // The report's request page and the copies of files investigators cited are outputs too.
    writeFileSync(path.join(bundle, 'requests.html'), '<p>requests</p>');
    mkdirSync(path.join(bundle, 'investigator-evidence'));
    writeFileSync(path.join(bundle, 'investigator-evidence', '01-leaky.js'), '// cited\n');
    expect(runCli(['verify', bundle]).exitCode).toBe(0);
    writeFileSync(path.join(bundle, 'events.ndjson'), `${readFileSync(path.join(bundle, 'events.ndjson'), 'utf8')}{}\n`);
    const result = runCli(['verify', bundle]);
    expect(result.exitCode).toBe(5);
    expect(result.stdout).toContain('NOT VERIFIED');
    expect(result.stdout).toContain('changed: events.ndjson');
  });
});
