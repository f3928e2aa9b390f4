// result.json records what scored it: tool version and commit, the tracker catalogue's hash, and
// whether (and which) Ghostery trackerdb was used. The bundle is the mitmproxy har_dump fixture
// (derived from real-traffic record rt-029/rt-030), imported with --phase launch.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importHar } from '../../src/evidence/import-har.ts';
import { buildGameView } from '../../src/report/game-view.ts';
import { scoreBundle } from '../../src/scoring/score-bundle.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(repoRoot, 'test/fixtures/har');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-scored-by-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function importedBundle(name: string): Promise<string> {
  const outDir = path.join(scratch, name);
  await importHar({ harFile: path.join(fixtures, 'mitmproxy-har-dump.har'), gameId: 'singular-sample', platform: 'android', firstPartyDomains: [], outDir, phase: 'launch' });
  return outDir;
}

// Read independently of the code under test: the file as it is in this checkout.
const catalogueSha256 = createHash('sha256').update(readFileSync(path.join(repoRoot, 'data/trackers.yaml'))).digest('hex');

describe('result.json scoredBy', () => {
  it('records the tool, the catalogue hash and the trackerdb version used', async () => {
    const outDir = await importedBundle('with-trackerdb');
    const result = await scoreBundle(outDir, { cwd: scratch });
    expect(result.scoredBy).toMatchObject({ toolVersion: '0.1.0', trackerCatalogueSha256: catalogueSha256, trackerDb: { used: true, version: '1.0.945' } });
    expect(result.scoredBy!.toolCommit).toMatch(/^([0-9a-f]{12}(-modified)?|unknown)$/);
    const written = JSON.parse(readFileSync(path.join(outDir, 'result.json'), 'utf8')) as { scoredBy: unknown; bundle: { importedHar: { phaseSource: string } } };
    expect(written.scoredBy).toEqual(result.scoredBy);
    // The phase provenance reaches result.json, which is all a report reads.
    expect(written.bundle.importedHar.phaseSource).toBe('operator');
    // The report says both, in one line each.
    const limitations = buildGameView(result, outDir).limitations;
    expect(limitations).toContain('The traffic was imported from mitmproxy-har-dump.har (recorded with mitmproxy har_dump 0.1); the operator said the whole capture was the launch phase, which gameaudit did not observe.');
    expect(limitations).toContain(`Scored by gameaudit 0.1.0 (commit ${result.scoredBy!.toolCommit}), tracker catalogue sha256 ${catalogueSha256}, Ghostery trackerdb 1.0.945.`);
  });

  it('with GAMEAUDIT_NO_TRACKERDB=1 the result says the trackerdb was not used', async () => {
    const outDir = await importedBundle('without-trackerdb');
    const scored = spawnSync(process.execPath, ['bin/gameaudit.js', 'score', outDir], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, GAMEAUDIT_NO_TRACKERDB: '1' } });
    expect(scored.stderr).toBe('');
    const written = JSON.parse(readFileSync(path.join(outDir, 'result.json'), 'utf8')) as { scoredBy: { trackerDb: unknown; trackerCatalogueSha256: string } };
    expect(written.scoredBy.trackerDb).toEqual({ used: false });
    expect(written.scoredBy.trackerCatalogueSha256).toBe(catalogueSha256);
  });
});
