// A plan's `{ action: enterAge }` step, with real Chromium and the real proxy: the careful demo game
// (audits/demo/demo-careful.yaml, copied) played as an adult persona whose age is typed into the
// field the plan names, instead of by the age-gate finder. The game then tags its ads for an adult.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditGame } from '../../src/cli/audit-game.ts';
import { readBundle, type Bundle } from '../../src/evidence/bundle-reader.ts';
import { loadPlan } from '../../src/plan/load.ts';
import { planForPersona } from '../../src/plan/persona-plan.ts';
import { copyDemoPlan, editPlan } from '../fixtures/programmes/demo-copies.ts';

const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-enter-age-'));
let bundle: Bundle;
let bundleDir: string;

beforeAll(async () => {
  const plans = path.join(workspace, 'plans');
  mkdirSync(plans);
  const file = copyDemoPlan('demo-careful', plans, { launchSeconds: 1, playSeconds: 1 });
  editPlan(file, (plan) => {
    Object.assign(plan, {
      ageGate: { steps: [{ action: 'enterAge', target: { css: '#age-input' }, submit: { css: '#age-continue' } }] },
      personas: [
        { id: 'child-8', age: 8 },
        { id: 'adult-25', age: 25 },
      ],
    });
  });
  const loaded = loadPlan(file);
  const outcome = await auditGame({ loadedPlan: planForPersona(loaded, loaded.plan.personas![1]!), platform: 'web', runDir: path.join(workspace, 'run') });
  bundleDir = outcome.bundleDir;
  bundle = readBundle(bundleDir);
}, 120_000);
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('an enterAge recipe step', () => {
  it("types the persona's age into the named field and records it as the answer", () => {
    expect(path.basename(bundleDir)).toBe('web-adult-25');
    expect(bundle.evidence.persona).toEqual({ id: 'adult-25', age: 25, digitalConsentAge: 13 });
    expect(bundle.evidence.ageGate).toMatchObject({ present: true, inputKind: 'age', answerGiven: '25' });
    expect(bundle.events.filter((event) => event.type === 'age-gate-answered').map((event) => event.answer)).toEqual(['25']);
  });

  it('leads the careful game to tag its ad request for an adult (tfcd=0)', () => {
    const google = bundle.har.log.entries.map((entry) => entry.request.url).filter((url) => url.startsWith('https://googleads.g.doubleclick.net/pagead/ads?'));
    expect(google).toHaveLength(1);
    expect(new URL(google[0]!).searchParams.get('tfcd')).toBe('0');
    expect(new URL(google[0]!).searchParams.get('npa')).toBe('1');
  });
});
