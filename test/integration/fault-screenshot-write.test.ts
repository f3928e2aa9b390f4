// Fault: screenshots cannot be written. As the launch phase starts, the bundle's screens/ folder
// is replaced by a regular file (root ignores chmod, so permissions cannot make the write fail),
// and every later screenshot and UI-tree write fails with ENOTDIR/EEXIST. The capture must go on
// without them, say which screenshots are missing, and seal a bundle that verifies.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { bundleDirFor } from '../../src/cli/audit-game.ts';
import { readBundle } from '../../src/evidence/bundle-reader.ts';
import { verifyBundle } from '../../src/evidence/manifest.ts';
import { loadPlan } from '../../src/plan/load.ts';
import { demoDirectory, programmeOf, runBatch, summaryOf } from './fault-support.ts';

const runDir = mkdtempSync(path.join(os.tmpdir(), 'fault-screens-'));
afterAll(() => rmSync(runDir, { recursive: true, force: true }));

it('screenshots that cannot be written are recorded as missing; everything else is kept and the batch goes on', async () => {
  const screensDir = path.join(bundleDirFor(runDir, 'demo-careful', 'web'), 'screens');
  let replaced = false;
  const summaries = await runBatch({
    programme: programmeOf([loadPlan(path.join(demoDirectory, 'demo-careful.yaml')), loadPlan(path.join(demoDirectory, 'demo-leaky.yaml'))]),
    runDir,
    faults: {
      'demo-careful': {
        onProgress: (progress) => {
          if (progress.phase !== 'launch' || replaced) return;
          rmSync(screensDir, { recursive: true, force: true });
          writeFileSync(screensDir, 'not a folder\n');
          replaced = true;
        },
      },
    },
  });
  expect(replaced).toBe(true);
  expect(statSync(screensDir).isFile()).toBe(true);

  const careful = summaryOf(summaries, 'demo-careful');
  expect(careful.status).toBe('incomplete');
  const bundle = readBundle(careful.bundleDir);
  const screenshotFaults = bundle.evidence.incompleteReasons.filter((reason) => reason.affects.includes('screenshots'));
  expect(screenshotFaults.length).toBeGreaterThan(0);
  for (const fault of screenshotFaults) expect(fault.message).toMatch(/^Screenshot ".+" could not be saved: .*(ENOTDIR|EEXIST)/);
  expect(screenshotFaults.map((fault) => fault.message).join('\n')).toContain('Screenshot "Game after launch, no interaction"');
  // Only the screenshots are missing: no phase failed and nothing else is marked partial.
  expect(bundle.evidence.incompleteReasons.every((reason) => reason.affects.every((area) => area === 'screenshots'))).toBe(true);
  expect(bundle.evidence.phases.map((phase) => phase.status)).toEqual(['complete', 'complete', 'complete', 'complete']);
  expect(bundle.evidence.screenshots).toEqual([]);
  // What the capture saw besides pictures is all there.
  expect(bundle.har.log.entries.length).toBeGreaterThan(5);
  expect(bundle.evidence.consentDialogs.length).toBe(1);
  expect(bundle.evidence.settings.controls.length).toBeGreaterThan(0);
  expect((await verifyBundle(careful.bundleDir)).ok).toBe(true);
  expect(bundle.manifest?.status).toBe('incomplete');

  // No check reads pictures, so none depends on the missing evidence: the verdicts stand, and the
  // result still carries the fault for the report's header.
  const result = careful.result!;
  expect(result.checks.filter((check) => check.requires.includes('screenshots'))).toEqual([]);
  // Every check passes but two that do not apply: the package one (a web game has no package) and
  // the persona comparison (the plan has no personas).
  expect(result.checks.filter((check) => check.outcome !== 'pass').map((check) => [check.id, check.outcome])).toEqual([
    ['age-assurance.child-treated-as-child', 'not-applicable'],
    ['transparency.declared-vs-observed', 'not-applicable'],
  ]);
  expect(result.bundle.status).toBe('incomplete');
  expect(result.bundle.incompleteReasons.length).toBe(screenshotFaults.length);

  expect(summaryOf(summaries, 'demo-leaky').status).toBe('complete');
});
