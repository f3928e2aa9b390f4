// The investigator's loop after a game's update: audit it, the publisher changes its settings,
// re-capture only what one check needs, and see what changed — in the CLI, in result.json and
// in the report — then `gameaudit diff` on the two real bundles.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../src/evidence/manifest.ts';
import { ResultSchema, type Result } from '../../src/scoring/result-schema.ts';
import { copyDemoPlan, demoDir } from '../fixtures/programmes/demo-copies.ts';
import { runCli } from '../helpers/run-cli.ts';

const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-recapture-'));
const runs = path.join(workspace, 'runs');
let plan: string;
let baseline: string;
let baselineManifest: string;
let updated: string;

function readResultJson(bundle: string): Result {
  return ResultSchema.parse(JSON.parse(readFileSync(path.join(bundle, 'result.json'), 'utf8')));
}

function bundleOf(stdout: string): string {
  const match = /^New bundle: (.+) \(phases: [a-z, ]+\)$/m.exec(stdout);
  if (!match) throw new Error(`no new bundle in:\n${stdout}`);
  return match[1]!;
}

beforeAll(() => {
  // The game's site as it was, in a folder the test may change later.
  const site = path.join(workspace, 'site');
  cpSync(path.join(demoDir, 'sites', 'leaky'), site, { recursive: true });
  const plans = path.join(workspace, 'plans');
  mkdirSync(plans);
  plan = copyDemoPlan('demo-leaky', plans, { launchSeconds: 1, playSeconds: 1, origins: { 'https://leaky.demo-games.test': site } });
  const first = runCli(['run', '--plan', plan, '--out', runs], { timeoutMs: 180_000 });
  expect(first.exitCode, first.stderr).toBe(0);
  baseline = path.join(/^Run folder: (.+)$/m.exec(first.stdout)![1]!.trim(), 'demo-leaky', 'web');
  baselineManifest = readFileSync(path.join(baseline, 'manifest.json'), 'utf8');

  // The publisher's update: every privacy control now starts at its most private value.
  const index = path.join(site, 'index.html');
  const html = readFileSync(index, 'utf8')
    .replace('id="set-personalised-ads" checked', 'id="set-personalised-ads"')
    .replace('id="set-location-sharing" checked', 'id="set-location-sharing"')
    .replace('<option>Only me</option>', '<option selected>Only me</option>')
    .replace('<option>Nobody</option>', '<option selected>Nobody</option>');
  expect(html).not.toBe(readFileSync(index, 'utf8'));
  writeFileSync(index, html);
});
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('gameaudit check --recapture', () => {
  it('captures launch, consent and settings for a settings check, scores it and compares with the latest earlier bundle', async () => {
    const { exitCode, stdout, stderr } = runCli(['check', 'default-settings.high-privacy', '--plan', plan, '--recapture', '--out', runs], { timeoutMs: 180_000 });
    expect(exitCode, stderr).toBe(0);
    updated = bundleOf(stdout);
    expect(stdout).toContain('(phases: launch, consent, settings)');
    expect(path.basename(path.dirname(path.dirname(updated)))).toMatch(/-recapture-demo-leaky$/);
    expect(stdout).toMatch(/^default-settings\.high-privacy \(standard 7\): PASS/m);
    expect(stdout).toContain(`Compared with ${baseline}`);
    expect(stdout).toMatch(/^ {2}default-settings\.high-privacy: fail → pass$/m);
    expect(stdout).toMatch(/^ {2}setting Personalised ads: true → false$/m);
    expect(stderr).toMatch(/^settings, \d+ requests$/m);

    const evidence = JSON.parse(readFileSync(path.join(updated, 'evidence.json'), 'utf8')) as { phases: Array<{ name: string }> };
    expect(evidence.phases.map((phase) => phase.name)).toEqual(['launch', 'consent', 'settings']);
    expect((await verifyBundle(updated)).ok).toBe(true);

    const result = readResultJson(updated);
    expect(result.checks.find((row) => row.id === 'default-settings.high-privacy')!.outcome).toBe('pass');
    expect(result.previous).toMatchObject({ bundle: baseline, recapturedFor: 'default-settings.high-privacy', phases: ['launch', 'consent', 'settings'] });
    expect(result.previous!.outcomes.find((row) => row.check === 'default-settings.high-privacy')!.outcome).toBe('fail');
    expect(result.previous!.settingsChanged).toEqual(
      expect.arrayContaining([
        { control: 'Personalised ads', before: 'true', after: 'false' },
        { control: 'Who can see my profile', before: 'Everyone', after: 'Only me' },
      ]),
    );

    // Same machine, same browser build and version: nothing about the capture to explain away.
    expect(result.previous!.captureChanges).toEqual([]);

    const html = readFileSync(path.join(updated, 'report.html'), 'utf8');
    expect(html).toContain('<h2 id="what-changed">What changed since the earlier capture</h2>');
    expect(html).not.toContain('The two captures were not made the same way');
    expect(html).toContain(`<code>${baseline}</code>`);
    const row = /<tr><th scope="row"><a href="#check-default-settings-high-privacy">[^<]*<\/a> <code>default-settings\.high-privacy<\/code><\/th>([\s\S]*?)<\/tr>/.exec(html);
    expect(row?.[1]).toMatch(/Fail<\/span>\s*<\/td><td>[\s\S]*Pass<\/span>\s*<\/td><td>Yes<\/td>/);
    expect(html).toMatch(/<th scope="row">Personalised ads<\/th><td>true<\/td><td>false<\/td>/);

    // The earlier bundle is evidence: untouched.
    expect(readFileSync(path.join(baseline, 'manifest.json'), 'utf8')).toBe(baselineManifest);
    expect((await verifyBundle(baseline)).ok).toBe(true);

    // Re-running the check on the new bundle keeps the comparison.
    const again = runCli(['check', 'default-settings.high-privacy', '--evidence', updated]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(readResultJson(updated).previous?.bundle).toBe(baseline);
    expect(readFileSync(path.join(updated, 'report.html'), 'utf8')).toContain('What changed since the earlier capture');
    // So does scoring the whole bundle again.
    const rescored = runCli(['score', updated]);
    expect(rescored.exitCode, rescored.stderr).toBe(0);
    expect(readResultJson(updated).previous?.bundle).toBe(baseline);
  });

  it('captures only launch for a launch check, compared with the bundle given by --evidence; the settings are not compared', () => {
    const { exitCode, stdout, stderr } = runCli(['check', 'geolocation.permission-at-launch', '--plan', plan, '--recapture', '--evidence', baseline, '--out', runs, '--json'], { timeoutMs: 180_000 });
    expect(exitCode, stderr).toBe(0);
    const printed = JSON.parse(stdout) as { bundle: string; phases: string[]; check: { id: string; outcome: string }; previous: Result['previous'] };
    expect(printed.phases).toEqual(['launch']);
    expect(printed.check.id).toBe('geolocation.permission-at-launch');
    expect(printed.previous!.bundle).toBe(baseline);
    expect(printed.previous!.settingsChanged).toBeNull();
    // Only the checks launch alone feeds are compared: not the consent or settings ones.
    const compared = printed.previous!.outcomes.map((row) => row.check);
    expect(compared).toContain('geolocation.permission-at-launch');
    expect(compared).not.toContain('default-settings.high-privacy');
    expect(compared).not.toContain('nudge.consent-choice-parity');
    const evidence = JSON.parse(readFileSync(path.join(printed.bundle, 'evidence.json'), 'utf8')) as { phases: Array<{ name: string }> };
    expect(evidence.phases.map((phase) => phase.name)).toEqual(['launch']);
    expect(readFileSync(path.join(printed.bundle, 'report.html'), 'utf8')).toContain('The settings were not captured again, so they are not compared.');
  });

  it('refuses bad input with exit 2: no --plan, or --evidence of another game', () => {
    const noPlan = runCli(['check', 'default-settings.high-privacy', '--recapture', '--out', runs]);
    expect(noPlan.exitCode).toBe(2);
    expect(noPlan.stderr).toContain('--recapture needs --plan <file>');
    const careful = copyDemoPlan('demo-careful', path.join(workspace, 'plans'));
    const otherGame = runCli(['check', 'default-settings.high-privacy', '--plan', careful, '--recapture', '--evidence', baseline, '--out', runs]);
    expect(otherGame.exitCode).toBe(2);
    expect(otherGame.stderr).toMatch(/is an audit of demo-leaky, not of demo-careful/);
  });
});

describe('gameaudit diff on two real captures of the demo', () => {
  it('shows the outcome changes and the settings changed between the audit and the re-capture', () => {
    expect(updated, 'the re-capture test runs first').toBeDefined();
    const { exitCode, stdout, stderr } = runCli(['diff', baseline, updated]);
    expect(exitCode, stderr).toBe(0);
    expect(stdout).toMatch(/^What changed for demo-leaky:$/m);
    expect(stdout).toMatch(/^ {2}default-settings\.high-privacy \(standard 7\): fail → pass$/m);
    expect(stdout).toMatch(/^ {2}Personalised ads: true → false$/m);
    expect(stdout).toMatch(/^ {2}Share my location with other players: true → false$/m);
    // Same site, same ad partners at launch; same browser, so no word on how it was captured.
    expect(stdout).toMatch(/Third parties contacted by default:\n {2}no change/);
    expect(stdout).not.toContain('Captured differently');

    const json = runCli(['diff', baseline, updated, '--json']);
    const diff = JSON.parse(json.stdout) as { outcomeChanges: Array<{ check: string; before: string; after: string }>; settingsChanged: unknown[] };
    expect(diff.outcomeChanges).toContainEqual({ check: 'default-settings.high-privacy', standard: 7, before: 'fail', after: 'pass' });
    expect(diff.settingsChanged).toHaveLength(4);
    // A bundle compared with itself: nothing changed.
    expect(runCli(['diff', baseline, baseline]).stdout).not.toContain('→');
  });
});
