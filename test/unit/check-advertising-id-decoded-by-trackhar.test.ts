// An advertising id TrackHAR's adapter decodes is evidence even when the identifiers file does not
// hold it. Fixtures from /work/shared/reference/real-traffic/samples.jsonl (test/fixtures/import/README.md):
// chrome-devtools-rt-029.har is record rt-029 (Singular Android SDK 12.0 /api/v1/start, the
// advertising id in `aifa`); fiddler.har is record rt-035 (Vungle Android SDK 6.2.5 /config, whose
// `device.ifa` is the 15-hex value 2f3191f1154e246, not the form of an advertising id).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/evidence/import-file.ts';
import { scoreBundle } from '../../src/scoring/score-bundle.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/import');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-adid-decoded-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function checkOn(fixture: string, identifiersFile?: string) {
  const outDir = path.join(scratch, `${fixture}-${identifiersFile ? 'with' : 'without'}-identifiers`);
  await importFile({ file: path.join(fixtures, fixture), gameId: 'block-puzzle', firstPartyDomains: ['blockpuzzle.example'], outDir, platform: 'android', phase: 'launch', ...(identifiersFile ? { identifiersFile } : {}) });
  const result = await scoreBundle(outDir, { cwd: scratch });
  return result.checks.find((check) => check.id === 'profiling.advertising-id-shared')!;
}

describe('profiling.advertising-id-shared on advertising ids TrackHAR decodes', () => {
  it('fails on rt-029 without an identifiers file, saying which adapter decoded it from where, with the request linked', async () => {
    const check = await checkOn('chrome-devtools-rt-029.har');
    expect(check.outcome).toBe('fail');
    expect(check.findings).toHaveLength(1);
    expect(check.findings[0]).toMatchObject({
      message: 'Singular received an advertising id at launch in 1 request to sdk-api-v1.singular.net: advertisingId decoded by TrackHAR adapter singular-net/api-v1 from `aifa` (query; reasoning: https://support.singular.net/hc/en-us/articles/360048588672-Server-to-Server-S2S-API-Endpoint-Reference); the value is not in the identifiers file.',
      severity: 'fail',
      evidence: [{ kind: 'har-entry', index: 0 }],
    });
  });

  it('on rt-029 with the identifiers file, the id is the known one: found by our search, not reported twice', async () => {
    const check = await checkOn('chrome-devtools-rt-029.har', path.join(fixtures, 'identifiers-rt-029.yaml'));
    expect(check.outcome).toBe('fail');
    expect(check.findings).toHaveLength(1);
    expect(check.findings[0]!.message).not.toContain('not in the identifiers file');
    expect(check.findings[0]!.message).toContain('aifa');
  });

  it("reports rt-035's 15-hex device.ifa without failing on it: it does not have the form of an advertising id", async () => {
    const check = await checkOn('fiddler.har');
    expect(check.outcome).toBe('inconclusive');
    expect(check.findings.map((finding) => finding.message)).toContain(
      'Liftoff received a value under an advertising-id field that does not have the form of an advertising id (a UUID), so it is not counted as one at launch (ads.api.vungle.com): advertisingId decoded by TrackHAR adapter vungle/api-ads from `device.ifa` (body; obvious property name).',
    );
  });
});
