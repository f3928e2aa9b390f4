// When two audits of a game cannot be compared as "the game changed": each reason named. Results
// are the fixture demo games (test/fixtures/results/games.ts), changed where the test is about.
import { describe, expect, it } from 'vitest';
import { comparability } from '../../src/history/comparability.ts';
import type { RunAudit } from '../../src/history/collect-runs.ts';
import { buildResult } from '../fixtures/results/build-result.ts';
import { carefulGame } from '../fixtures/results/games.ts';

const scorer = { toolVersion: '0.1.0', toolCommit: '2f6ec5f070b0', trackerCatalogueSha256: 'a'.repeat(64), trackerDb: { used: true, version: '2026.11.3' } };

function audit(change: (result: RunAudit['result']) => void = () => undefined): RunAudit {
  const result = { ...buildResult(carefulGame()), scoredBy: scorer };
  change(result);
  return { variant: 'web', bundleDir: '/runs/x/demo-careful/web', result };
}

describe('comparability of two audits', () => {
  it('compares two audits captured and scored the same way', () => {
    expect(comparability(audit(), audit(), { before: '3.2.1', after: '3.2.1' })).toEqual({ comparable: true, reasons: [] });
  });

  it('flags another game version, another tracker catalogue and an incomplete capture, each in words', () => {
    const later = audit((result) => {
      result.scoredBy = { ...scorer, trackerCatalogueSha256: 'b'.repeat(64) };
      result.bundle.status = 'incomplete';
    });
    expect(comparability(audit(), later, { before: '3.2.1', after: '3.3.0' })).toEqual({
      comparable: false,
      reasons: [`game version: 3.2.1 → 3.3.0`, `tracker catalogue sha256: ${'a'.repeat(64)} → ${'b'.repeat(64)}`, 'the later capture is incomplete'],
    });
  });

  it('flags a result scored before the scorer was recorded, and evidence that did not verify', () => {
    const earlier = audit((result) => {
      delete result.scoredBy;
      result.bundle.verified = false;
    });
    const reasons = comparability(earlier, audit(), {}).reasons;
    expect(reasons).toContain('gameaudit version: not recorded → 0.1.0');
    expect(reasons).toContain("the earlier capture's evidence did not verify");
  });
});
