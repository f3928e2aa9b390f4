// An imported Chrome DevTools HAR whose third-party requests met a certificate the browser did
// not trust: the whole path (import, analysis, checks, result.json) keeps what could not be read.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importHar } from '../../src/evidence/import-har.ts';
import { ResultSchema } from '../../src/scoring/result-schema.ts';
import { scoreBundle } from '../../src/scoring/score-bundle.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/har');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-import-unreadable-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Imported with --phase launch: the investigator says the whole capture was the untouched launch.
describe('an imported HAR with refused certificates (test/fixtures/har/chrome-devtools-cert-refused.har)', async () => {
  const outDir = path.join(scratch, 'cert-refused');
  await importHar({ harFile: path.join(fixtures, 'chrome-devtools-cert-refused.har'), gameId: 'block-puzzle', platform: 'web', identifiersFile: path.join(fixtures, 'identifiers.yaml'), firstPartyDomains: ['blockpuzzle.example'], outDir, phase: 'launch' });
  const result = await scoreBundle(outDir, { cwd: scratch });

  it('writes each unreadable request’s readability and counts connection attempts apart in result.json', () => {
    expect(ResultSchema.safeParse(result).success).toBe(true);
    expect(result.network.entries.map((entry) => [entry.host, entry.readability?.state ?? 'readable'])).toEqual([
      ['play.blockpuzzle.example', 'readable'],
      ['securepubads.g.doubleclick.net', 'tls-failed'],
      ['www.google-analytics.com', 'tls-failed'],
      ['api2.amplitude.com', 'tls-failed'],
      ['play.blockpuzzle.example', 'aborted'],
    ]);
    const google = result.network.organisations.find((organisation) => organisation.organization === 'Google')!;
    expect([google.requests, google.attempts, google.defaultPhaseAttempts]).toEqual([0, 2, 2]);
  });

  it('passes none of the identifier checks', () => {
    const outcome = (id: string) => result.checks.find((check) => check.id === id)!.outcome;
    expect(outcome('profiling.advertising-id-shared')).toBe('inconclusive');
    expect(outcome('data-sharing.third-party-recipients')).toBe('inconclusive');
    expect(outcome('geolocation.precise-location-shared')).toBe('inconclusive');
  });
});
