// Consent walking on a Google Funding Choices–style message (issue 15, review H2), through the real
// capture proxy and Chromium: the fixture (test/fixtures/games/funding-choices) has UMP's markup and
// default English texts. "Do not consent" must be read as the decline and used, the dialog must be
// gone afterwards, and the settings must come from the game's own settings screen, never from the
// dialog's purpose switches.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditGame } from '../../src/cli/audit-game.ts';
import { readBundle, type Bundle } from '../../src/evidence/bundle-reader.ts';
import { loadPlan } from '../../src/plan/load.ts';

const planFile = path.resolve(import.meta.dirname, '../fixtures/games/funding-choices/funding-choices.yaml');
const manageOnlyPlanFile = path.resolve(import.meta.dirname, '../fixtures/games/funding-choices/funding-choices-manage.yaml');
let runDir: string;
let bundle: Bundle;
let manageOnly: Bundle;
let consentOnly: Bundle;

beforeAll(async () => {
  runDir = mkdtempSync(path.join(os.tmpdir(), 'funding-choices-'));
  const outcome = await auditGame({ loadedPlan: loadPlan(planFile), platform: 'web', runDir });
  bundle = readBundle(outcome.bundleDir);
  consentOnly = readBundle((await auditGame({ loadedPlan: loadPlan(path.resolve(import.meta.dirname, '../fixtures/games/funding-choices/funding-choices-consent-only.yaml')), platform: 'web', runDir })).bundleDir);
  manageOnly = readBundle((await auditGame({ loadedPlan: loadPlan(manageOnlyPlanFile), platform: 'web', runDir })).bundleDir);
}, 300_000);
afterAll(() => rmSync(runDir, { recursive: true, force: true }));

it('reads "Do not consent" as the decline, uses it, and ends the consent phase with the dialog gone', () => {
  const dialog = bundle.evidence.consentDialogs[0]!;
  expect(dialog.buttons.slice(0, 3).map((button) => [button.text, button.role])).toEqual([
    ['Consent', 'accept'],
    ['Do not consent', 'decline'],
    ['Manage options', 'manage'],
  ]);
  expect(dialog).toMatchObject({ phase: 'consent', declined: true, closed: true, stepsToDecline: 1, stepsToAccept: null });
  const answers = bundle.har.log.entries.filter((entry) => entry.request.url.startsWith('https://fc.demo-games.test/answer'));
  expect(answers.map((entry) => [new URL(entry.request.url).searchParams.get('choice'), entry._phase])).toEqual([['declined', 'consent']]);
  expect(bundle.evidence.incompleteReasons.filter((reason) => reason.affects.includes('consent'))).toEqual([]);
});

it('reads the settings from the game\'s settings screen, not the dialog\'s purpose switches', () => {
  expect(bundle.evidence.settings.controls.map((control) => [control.label, control.value])).toEqual([['Sound effects', true]]);
});

it('without "Do not consent", declines through the options ("Confirm choices" with the switches unticked) and closes the dialog', () => {
  const dialog = manageOnly.evidence.consentDialogs[0]!;
  expect(dialog).toMatchObject({ declined: true, closed: true });
  expect(dialog.stepsToDecline).toBeGreaterThanOrEqual(2);
  const answers = manageOnly.har.log.entries.filter((entry) => entry.request.url.startsWith('https://fc.demo-games.test/answer'));
  expect(answers.map((entry) => new URL(entry.request.url).searchParams.get('choice'))).toEqual(['declined']);
  expect(manageOnly.evidence.settings.controls.map((control) => control.label)).toEqual(['Sound effects']);
});

it('with only "Consent", accepts nothing, says the dialog stayed open, and reads none of its switches as settings', () => {
  expect(consentOnly.evidence.consentDialogs[0]).toMatchObject({ declined: false, closed: false });
  const answers = consentOnly.har.log.entries.filter((entry) => entry.request.url.startsWith('https://fc.demo-games.test/answer'));
  expect(answers).toEqual([]);
  expect(consentOnly.evidence.settings).toMatchObject({ readable: false, controls: [] });
  expect(consentOnly.evidence.incompleteReasons.map((reason) => reason.affects)).toContainEqual(['settings']);
  expect(consentOnly.events.some((event) => event.type === 'consent-dialog-left-open')).toBe(true);
});
