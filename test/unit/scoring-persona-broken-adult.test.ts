// The persona comparison when the adult persona's capture failed: scoring reads the sibling
// bundles from disk (src/scoring/persona-captures.ts) and the check names the broken bundle,
// inconclusive, instead of saying there is no adult persona. The bundles are written by the
// capture's own BundleWriter and sealed as a capture seals them; the evidence is the check tests'
// literal web capture (test/unit/fixtures/evidence-factory.ts) played as child-8 and adult-25,
// and the fault is the one a capture records when the game's address does not resolve.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BundleWriter } from '../../src/evidence/bundle-writer.ts';
import { emptyHar } from '../../src/evidence/har.ts';
import type { EvidenceInput } from '../../src/evidence/schema.ts';
import { scoreBundle } from '../../src/scoring/score-bundle.ts';
import { makeEvidence } from './fixtures/evidence-factory.ts';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-persona-broken-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const child8 = { id: 'child-8', age: 8, digitalConsentAge: 13 };
const adult25 = { id: 'adult-25', age: 25, digitalConsentAge: 13 };
const notOpened = {
  message: 'The game could not be opened: page.goto: net::ERR_NAME_NOT_RESOLVED at https://play.test-game.example/',
  affects: ['network', 'identifiers', 'settings', 'consent', 'geolocation', 'permissions', 'screenshots', 'device', 'age-gate', 'package'] as const,
};

async function writeBundle(dir: string, evidence: Partial<EvidenceInput>, parts: { har?: boolean; seal?: boolean } = {}): Promise<void> {
  const writer = new BundleWriter(dir);
  const written = writer.writeEvidence(makeEvidence(evidence));
  if (parts.har ?? true) writer.writeHar(emptyHar('0.1.0'));
  if (parts.seal ?? true) await writer.seal({ evidence: written, planSource: 'id: test-game\n' });
}

/** A fresh game folder with a sound child-8 capture; `adult` writes what is beside it. */
async function childBesideAdult(name: string, adult: (dir: string) => Promise<void>): Promise<{ outcome: string; summary: string; findings: string[] }> {
  const gameDir = path.join(scratch, name, 'test-game');
  const childDir = path.join(gameDir, 'web-child-8');
  await writeBundle(childDir, { persona: child8, ageGate: { present: true, answerGiven: '8' } });
  await adult(path.join(gameDir, 'web-adult-25'));
  const result = await scoreBundle(childDir, { cwd: scratch });
  const row = result.checks.find((check) => check.id === 'age-assurance.child-treated-as-child')!;
  return { outcome: row.outcome, summary: row.summary, findings: row.findings.map((finding) => finding.message) };
}

describe('the persona comparison beside a broken adult capture', () => {
  it('names the adult bundle whose capture is incomplete, and compares nothing', async () => {
    const row = await childBesideAdult('incomplete', (dir) => writeBundle(dir, { persona: adult25, status: 'incomplete', incompleteReasons: [{ ...notOpened, affects: [...notOpened.affects] }] }));
    expect(row.outcome).toBe('inconclusive');
    expect(row.summary).toBe(
      "The adult persona's capture (web-adult-25) is incomplete: The game could not be opened: page.goto: net::ERR_NAME_NOT_RESOLVED at https://play.test-game.example/; child-8's treatment could not be compared with an adult's.",
    );
    expect(row.findings).toEqual(['Capture adult-25 again (gameaudit run --resume <run folder>), then score this bundle again.']);
  });

  it('names the adult bundle whose traffic was never written', async () => {
    const row = await childBesideAdult('no-har', (dir) => writeBundle(dir, { persona: adult25 }, { har: false, seal: false }));
    expect(row.outcome).toBe('inconclusive');
    expect(row.summary).toBe(
      "The adult persona's capture (web-adult-25) could not be read: it holds no network.har (the capture stopped before writing it; the run's log says why); child-8's treatment could not be compared with an adult's.",
    );
  });

  it('names the bundle folder of a capture that stopped before writing any evidence', async () => {
    const row = await childBesideAdult('empty', async (dir) => void mkdirSync(dir, { recursive: true }));
    expect(row.outcome).toBe('inconclusive');
    expect(row.summary).toBe(
      "No adult persona's capture of this game could be read beside this one, so child-8's treatment could not be compared with an adult's: web-adult-25 could not be read: it holds no evidence.json (the capture stopped before writing it; the run's log says why).",
    );
    expect(row.findings).toEqual(['Capture web-adult-25 again (gameaudit run --resume <run folder>), then score this bundle again.']);
  });

  it('names the adult bundle whose files no longer match its manifest', async () => {
    const row = await childBesideAdult('unsealed', (dir) => writeBundle(dir, { persona: adult25 }, { seal: false }));
    expect(row.outcome).toBe('inconclusive');
    expect(row.summary).toBe("The adult persona's capture (web-adult-25) does not verify against its manifest (manifest.json is missing); child-8's treatment could not be compared with an adult's.");
  });

  it('still compares with a sound adult capture', async () => {
    const row = await childBesideAdult('sound', (dir) => writeBundle(dir, { persona: adult25, ageGate: { present: true, answerGiven: '25' } }));
    expect(row.summary).not.toMatch(/could not be compared/);
    expect(row.findings[0]).toBe('The capture of child-8 (aged 8) answered the game\'s age question with "8"; adult-25 (aged 25)\'s with "25".');
  });
});
