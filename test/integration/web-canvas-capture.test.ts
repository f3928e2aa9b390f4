// The canvas-drawn demo game (audits/demo/demo-canvas.yaml) captured for real: the capture proxy,
// Debian's Chromium and tesseract.js. Its DOM has nothing to read, so everything asserted here
// was read from pixels: the consent dialog, its choices, the decline, and the default settings.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditGame } from '../../src/cli/audit-game.ts';
import { readBundle, type Bundle } from '../../src/evidence/bundle-reader.ts';
import { verifyBundle } from '../../src/evidence/manifest.ts';
import { loadPlan } from '../../src/plan/load.ts';
import { scoreBundle } from '../../src/scoring/score-bundle.ts';

const demoDir = path.resolve(import.meta.dirname, '../../audits/demo');
let runDir: string;
let canvas: Bundle;

beforeAll(async () => {
  runDir = mkdtempSync(path.join(os.tmpdir(), 'web-canvas-'));
  const outcome = await auditGame({ loadedPlan: loadPlan(path.join(demoDir, 'demo-canvas.yaml')), platform: 'web', runDir });
  canvas = readBundle(outcome.bundleDir);
}, 240_000);

afterAll(() => rmSync(runDir, { recursive: true, force: true }));

/** Said when a settings assertion fails (a loaded machine once left the radio pair unread; see test/fixtures/screen/canvas-settings-loaded.png): what the capture noted and the lines OCR read on the settings screenshot. */
function settingsDiagnosis(): string {
  const notes = canvas.evidence.notes.filter((note) => note.startsWith('Settings'));
  const ocrFile = path.join(canvas.directory, (canvas.evidence.settings.screenshot ?? '').replace(/\.png$/, '.ocr.json'));
  const lines = existsSync(ocrFile) ? (JSON.parse(readFileSync(ocrFile, 'utf8')) as { lines: { text: string; confidence: number }[] }).lines.map((line) => `${line.text} (${line.confidence})`) : ['no OCR reading beside the screenshot'];
  return `notes: ${notes.join(' | ') || 'none'}; OCR lines on ${canvas.evidence.settings.screenshot}: ${lines.join(' / ')}`;
}

describe('demo-canvas, read from pixels', () => {
  it('reads the drawn consent dialog, its choices and their roles, and declines it by tapping "No thanks"', () => {
    const [dialog] = canvas.evidence.consentDialogs;
    expect(dialog).toMatchObject({ detectedBy: 'screen-reading', declined: true, closed: true, stepsToDecline: 1, stepsToAccept: null });
    expect(dialog!.buttons.map((button) => [button.text, button.role, button.pixels?.shape])).toEqual([
      ['Accept all', 'accept', 'filled'],
      ['No thanks', 'decline', 'none'],
      ['Privacy policy', 'link', 'none'],
    ]);
    expect(dialog!.text).toContain('data to show personalised ads.');
    // The game's server heard the refusal: the tap landed on the drawn words.
    expect(canvas.har.log.entries.map((entry) => entry.request.url)).toContain('https://canvas.demo-games.test/consent?choice=declined');
    expect(canvas.har.log.entries.map((entry) => entry.request.url)).not.toContain('https://canvas.demo-games.test/consent?choice=accepted');
  });

  it('answers the drawn age question: taps the field, types 10, reads it back in the field, taps "Continue"', () => {
    expect(canvas.evidence.ageGate).toMatchObject({ present: true, phase: 'consent', question: 'How old are you?', inputKind: 'age', answerGiven: '10', pixels: { confidence: 0.95, readBack: true } });
    const pixels = canvas.evidence.ageGate!.pixels!;
    for (const file of [...pixels.crops, pixels.typedScreenshot!, pixels.afterScreenshot!]) expect(existsSync(path.join(canvas.directory, file))).toBe(true);
    expect(pixels.crops).toHaveLength(3);
    // The game's server heard the age, before the consent choice.
    const urls = canvas.har.log.entries.map((entry) => entry.request.url);
    expect(urls).toContain('https://canvas.demo-games.test/age?years=10');
    expect(urls.indexOf('https://canvas.demo-games.test/age?years=10')).toBeLessThan(urls.indexOf('https://canvas.demo-games.test/consent?choice=declined'));
  });

  it('taps the drawn "Privacy policy" and records the page it opened, with a snapshot of it', () => {
    const [link] = canvas.evidence.consentDialogs[0]!.privacyLinks;
    expect(link).toMatchObject({ text: 'Privacy policy', href: 'https://canvas.demo-games.test/privacy.html', openedByTap: { how: 'a new window', title: 'Privacy policy — Star Engine Quest' } });
    const snapshot = link!.openedByTap!.screenshot!;
    expect(readFileSync(path.join(canvas.directory, snapshot.replace(/\.png$/, '.html')), 'utf8')).toContain('&lt;h1&gt;Privacy policy&lt;/h1&gt;');
  });

  it('reads the default settings from the switches, check box, radio pair and drop-down drawn beside their labels, each pointing at a crop', () => {
    expect(canvas.evidence.settings).toMatchObject({ source: 'recipe', readable: true });
    expect(canvas.evidence.settings.controls.map((control) => [control.name, control.kind, control.value, control.pixels?.confidence]), settingsDiagnosis()).toEqual([
      ['personalisedAds', 'switch', true, 0.95],
      ['locationSharing', 'switch', false, 0.95],
      ['gameNews', 'checkbox', true, 0.95],
      ['scoresShownTo', 'radio', 'Everyone', 0.95],
      ['chatWith', 'select', 'Anyone', 0.95],
    ]);
    const radio = canvas.evidence.settings.controls.find((control) => control.name === 'scoresShownTo')!;
    expect(radio).toMatchObject({ label: 'Who sees my scores', options: ['Everyone', 'Only me'] });
    expect(radio.pixels?.evidence).toBe('"Everyone": a dot (middle #2e6be6, saturation 0.8); "Only me": no dot (middle #ffffff, saturation 0)');
    for (const control of canvas.evidence.settings.controls) expect(existsSync(path.join(canvas.directory, control.pixels!.crop))).toBe(true);
  });

  it('stores each screenshot\'s OCR words, lines and boxes beside it, sealed in the manifest', async () => {
    for (const screen of canvas.evidence.screenshots) {
      expect(screen.ocrFile).toBe(screen.file.replace(/\.png$/, '.ocr.json'));
      expect(canvas.manifest!.files[screen.ocrFile!]).toBeDefined();
    }
    const settingsScreen = canvas.evidence.settings.screenshot!;
    const reading = JSON.parse(readFileSync(path.join(canvas.directory, settingsScreen.replace(/\.png$/, '.ocr.json')), 'utf8'));
    expect(reading.engine).toBe('tesseract.js 7.0.0, eng 4.0.0_best_int (LSTM)');
    // A radio's label is read again without its ring (which OCR reads as a glyph); a chevron is read as letters, and the readers take the words past it.
    expect(reading.lines.map((line: { text: string }) => line.text)).toEqual([
      'Settings', 'Personalised ads', 'Share my location', 'Send me game news', 'Who sees my scores',
      'Everyone', 'Only me', '| Anyone', 'vJ', 'Chat with', 'Back to game',
    ]);
    expect((await verifyBundle(canvas.directory)).ok).toBe(true);
  });

  it('scores the drawn settings against the plan: every one of the five starts at a low-privacy value, as the pixels show', async () => {
    const result = await scoreBundle(canvas.directory, { cwd: runDir });
    const check = result.checks.find((entry) => entry.id === 'default-settings.high-privacy')!;
    expect(check.outcome).toBe('fail');
    expect(check.findings.map((finding) => finding.message)).toEqual(expect.arrayContaining([
      '"Send me game news" is set to true (read from the screenshot\'s pixels: a mark inside the box (36% of it), fill #2e6be6 (saturation 0.8); confidence 0.95); the plan expects false as its high-privacy default.',
      '"Who sees my scores" is set to "Everyone" (read from the screenshot\'s pixels: "Everyone": a dot (middle #2e6be6, saturation 0.8); "Only me": no dot (middle #ffffff, saturation 0); confidence 0.95); the plan expects "Only me" as its high-privacy default.',
      '"Chat with" is set to "Anyone" (read from the screenshot\'s pixels: a box with a chevron at its right end (8% ink), showing "Anyone"; confidence 0.95); the plan expects "Nobody" as its high-privacy default.',
    ]));
  });

  it('never lets play press a drawn consent or privacy choice', () => {
    expect(canvas.har.log.entries.filter((entry) => entry.request.url.includes('choice=accepted'))).toEqual([]);
    expect(canvas.evidence.phases.map((phase) => [phase.name, phase.status])).toEqual([
      ['launch', 'complete'], ['consent', 'complete'], ['settings', 'complete'], ['play', 'complete'],
    ]);
  });
});
