// An assisted capture end to end, in a real terminal (tmux), against the simulated device
// (simulated-device/, playing audits/demo/android/leaky-runner.device.yaml through a real Appium 3
// server and the real capture proxy): the investigator's keys go in with send-keys, what they see
// is read with capture-pane, and their taps on the game go through the Appium session. Then the
// bundle is read as `score`, `check`, `diff` and the report read it.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../src/evidence/manifest.ts';
import { EvidenceSchema, type Evidence } from '../../src/evidence/schema.ts';
import { projectRoot, runCli } from '../helpers/run-cli.ts';
import { SimulatedFinger } from '../helpers/simulated-finger.ts';
import { TmuxTerminal } from '../helpers/tmux-terminal.ts';

const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-assisted-'));
const terminals: TmuxTerminal[] = [];
afterAll(() => {
  for (const terminal of terminals) terminal.close();
  rmSync(workspace, { recursive: true, force: true });
});

const investigator = 'Ada Investigator';
const exitLine = /GAMEAUDIT-EXIT=(\d+)/;

/** `gameaudit run --assisted` of the demo's simulated Android game, in its own terminal. */
async function startAssisted(folder: string): Promise<{ terminal: TmuxTerminal; bundleDir: string; finger: () => SimulatedFinger }> {
  const out = path.join(workspace, folder);
  const terminal = new TmuxTerminal(
    `node bin/gameaudit.js run --programme audits/demo/programme.yaml --only demo-android --assisted --out ${out}; echo GAMEAUDIT-EXIT=$?; sleep 600`,
    { cwd: projectRoot, env: { GAMEAUDIT_OPERATOR: investigator } },
  );
  terminals.push(terminal);
  const [, runDir] = await terminal.waitFor(/Run folder: (\S+)/);
  const bundleDir = path.join(runDir!, 'demo-android', 'android');
  return { terminal, bundleDir, finger: () => SimulatedFinger.of(bundleDir) };
}

function evidenceOf(bundleDir: string): Evidence {
  return EvidenceSchema.parse(JSON.parse(readFileSync(path.join(bundleDir, 'evidence.json'), 'utf8')));
}

function eventsOf(bundleDir: string): { type: string; phase: string | null; [field: string]: unknown }[] {
  return readFileSync(path.join(bundleDir, 'events.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { type: string; phase: string | null });
}

let completeBundle: string | undefined;

describe('assisted capture in a terminal, on the simulated device', () => {
  it('records the phases, a marked moment, confirmed, corrected, rejected and added readings, all attributed to the investigator', { timeout: 240_000 }, async () => {
    const { terminal, bundleDir, finger } = await startAssisted('complete');
    await terminal.waitFor(/Phase: launch\n {2}Do not touch the game for 4 s/);
    // n does nothing while the tool watches the launch.
    terminal.keys('n');
    await terminal.waitFor(/still watching the launch/);
    await terminal.waitFor(/The launch has been watched\. Press n/);
    // The simulated game's four launch requests (audits/demo/android/traffic.json), by company.
    await terminal.waitFor(/Requests so far: 4\nCompanies contacted: AppLovin, Google, Unity/);

    terminal.keys('n');
    await terminal.waitFor(/Phase: consent/);
    // The investigator refuses the location dialog, then declines the consent form in two taps.
    await finger().tap('com.android.permissioncontroller:id/permission_deny_button');
    await terminal.waitFor(/The screen changed: screens\/\d+-consent-screen-changed-consent\.png/);
    await finger().tap('manage-options');
    await sleep(2500);
    await finger().tap('reject-all');
    await sleep(2500);
    terminal.keys('m');
    await terminal.waitFor(/Mark: type a note and press Enter/);
    terminal.type('Reject all only behind Manage options');
    terminal.keys('Enter');
    await terminal.waitFor(/Mark recorded: "Reject all only behind Manage options" \(screens\/\d+-consent-marked-by-the-investigator\.png\)/);

    terminal.keys('n');
    await terminal.waitFor(/Phase: settings/);
    await finger().tap('com.demogames.leakyrunner:id/settings_button');
    // Each control the page source shows is put to the investigator, one at a time.
    const answers: [string, string[]][] = [
      ['"Music"  switch  =  on', ['Enter']],
      ['"Personalised ads"  switch  =  on', ['Enter']],
      ['"Share my location with friends"  switch  =  on', ['Enter']],
      ['"Send usage statistics"  checkbox  =  on', ['Enter']],
      // The simulated screen does show "Everyone": the correction proves an edited value replaces
      // the tool's everywhere (settings, checks, report) while the tool's reading stays on record.
      ['"Who can chat with me"  select  =  Everyone', ['e']],
      // The radio buttons of the profile choice are read as two controls named by their own
      // words: wrong, so the investigator rejects both and adds the choice itself below.
      ['"Public"  radio  =  on', ['x']],
      ['"Friends only"  radio  =  off', ['x']],
    ];
    for (const [reading, keys] of answers) {
      await terminal.waitFor(new RegExp(escape(reading)));
      expect(terminal.screen()).toMatch(/Enter right · e edit the value · x wrong \(not recorded\)/);
      terminal.keys(...keys);
      if (keys[0] === 'e') {
        await terminal.waitFor(/Value of "Who can chat with me", then Enter \(Esc: back\)\n> Everyone_/);
        terminal.keys(...Array.from({ length: 'Everyone'.length }, () => 'BSpace'));
        terminal.type('Friends');
        terminal.keys('Enter');
        await terminal.waitFor(/Reading corrected: "Who can chat with me" = Friends/);
      }
    }
    await terminal.waitFor(/Not recorded: "Friends only"/);
    await terminal.addControl('Profile visibility', 'Public');

    terminal.keys('n');
    await terminal.waitFor(/Phase: play/);
    terminal.keys('s');
    await terminal.waitFor(/Screenshot saved: screens\/\d+-play-taken-by-the-investigator\.png/);
    terminal.keys('q');
    const [, exitCode] = await terminal.waitFor(exitLine, 120_000);
    expect(exitCode).toBe('0');

    const evidence = evidenceOf(bundleDir);
    expect(evidence.status).toBe('complete');
    expect(evidence.phases.map((phase) => [phase.name, phase.status])).toEqual([
      ['launch', 'complete'],
      ['consent', 'complete'],
      ['settings', 'complete'],
      ['play', 'complete'],
    ]);
    const assisted = evidence.assisted!;
    expect(assisted.operator).toBe(investigator);
    expect(assisted.screenshotSource).toBe('appium');
    expect(assisted.investigator).toContain('Settings readings: 4 confirmed, 1 corrected, 1 added by the investigator.');

    const mark = assisted.observations.find((observation) => observation.kind === 'mark')!;
    expect(mark).toMatchObject({ by: investigator, phase: 'consent', note: 'Reject all only behind Manage options' });
    expect(mark.screenshot).toMatch(/^screens\/\d+-consent-marked-by-the-investigator\.png$/);
    expect(existsSync(path.join(bundleDir, mark.screenshot!))).toBe(true);

    const readings = assisted.observations.filter((observation) => observation.kind === 'reading');
    expect(readings.map((observation) => [observation.reading!.label, observation.reading!.value, observation.reading!.answer])).toEqual([
      ['Music', true, 'confirmed'],
      ['Personalised ads', true, 'confirmed'],
      ['Share my location with friends', true, 'confirmed'],
      ['Send usage statistics', true, 'confirmed'],
      ['Who can chat with me', 'Friends', 'edited'],
      ['Profile visibility', 'Public', 'added'],
    ]);
    const corrected = readings[4]!;
    expect(corrected.reading!.proposed).toEqual({ label: 'Who can chat with me', value: 'Everyone', source: 'page-source' });
    expect(corrected).toMatchObject({ by: investigator, phase: 'settings' });
    expect(corrected.screenshot).toMatch(/^screens\/\d+-settings-screen-changed-settings\.png$/);
    expect(corrected.crop).toMatch(/^screens\/crop-\d+-who-can-chat-with-me\.png$/);
    expect(readings[5]!.reading!.proposed).toBeUndefined();
    // Rejected readings are not observations; the timeline keeps that the tool proposed them.
    expect(eventsOf(bundleDir).filter((event) => event.type === 'proposal-rejected').map((event) => event.label)).toEqual(['Public', 'Friends only']);

    // The settings the checks read are the investigator's, named by the plan where it names them.
    expect(evidence.settings.source).toBe('investigator');
    expect(evidence.settings.controls.map((control) => [control.name ?? null, control.label, control.value, control.readBy])).toEqual([
      [null, 'Music', true, 'investigator'],
      ['personalisedAds', 'Personalised ads', true, 'investigator'],
      ['locationSharing', 'Share my location with friends', true, 'investigator'],
      ['usageStatistics', 'Send usage statistics', true, 'investigator'],
      ['chatWith', 'Who can chat with me', 'Friends', 'investigator'],
      [null, 'Profile visibility', 'Public', 'investigator'],
    ]);
    expect(evidence.notCollected.find((entry) => entry.item === 'consent-dialog')?.reason).toMatch(/investigator answered the consent dialog by hand/);
    expect((await verifyBundle(bundleDir)).ok).toBe(true);

    // The report shows the investigator's readings beside the tool's, with who and when.
    const report = text(readFileSync(path.join(bundleDir, 'report.html'), 'utf8'));
    expect(report).toMatch(/Read by the investigator \(assisted capture\)/);
    expect(report).toMatch(/Who can chat with me Everyone \(from the page source\) Friends Corrected the tool’s reading Ada Investigator, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    expect(report).toMatch(/Profile visibility Not read by the tool Public Added: the tool could not read it Ada Investigator/);
    expect(report).toMatch(/Personalised ads \(read by the investigator\)/);
    expect(report).toMatch(/\(consent\), Ada Investigator: “Reject all only behind Manage options”/);
    completeBundle = bundleDir;
  });

  it('the same commands work on the assisted bundle unchanged', { timeout: 120_000 }, () => {
    expect(completeBundle).toBeDefined();
    const bundle = completeBundle!;
    const scored = runCli(['score', bundle, '--json']);
    expect(scored.exitCode).toBe(0);
    const result = JSON.parse(scored.stdout) as { checks: { id: string; outcome: string }[] };
    // Personalised ads on and chat with "Friends" (not the most private) are low privacy by default.
    expect(result.checks.find((check) => check.id === 'default-settings.high-privacy')?.outcome).toBe('fail');
    expect(result.checks.find((check) => check.id === 'profiling.behavioural-ads-setting')?.outcome).toBe('fail');
    expect(result.checks.find((check) => check.id === 'nudge.consent-choice-parity')?.outcome).toBe('inconclusive');
    const checked = runCli(['check', 'default-settings.high-privacy', '--evidence', bundle]);
    expect(checked.exitCode).toBe(0);
    expect(checked.stdout).toMatch(/^default-settings\.high-privacy \(standard 7\): FAIL/);
    expect(checked.stdout).toMatch(/"Who can chat with me" is set to "Friends"/);
    const diff = runCli(['diff', bundle, bundle]);
    expect(diff.exitCode).toBe(0);
    expect(runCli(['verify', bundle]).exitCode).toBe(0);
  });

  it('Ctrl-C in the middle keeps what was captured, marked incomplete, with the mark made before it', { timeout: 180_000 }, async () => {
    const { terminal, bundleDir, finger } = await startAssisted('interrupted');
    await terminal.waitFor(/The launch has been watched/);
    terminal.keys('n');
    await terminal.waitFor(/Phase: consent/);
    await finger().tap('com.android.permissioncontroller:id/permission_deny_button');
    terminal.keys('m');
    await terminal.waitFor(/Mark: type a note/);
    terminal.type('Consent form shown');
    terminal.keys('Enter');
    await terminal.waitFor(/Mark recorded: "Consent form shown"/);
    terminal.keys('C-c');
    const [, exitCode] = await terminal.waitFor(exitLine, 120_000);
    expect(exitCode).toBe('130');

    const evidence = evidenceOf(bundleDir);
    expect(evidence.status).toBe('incomplete');
    expect(evidence.incompleteReasons.map((reason) => reason.message)).toContain('Interrupted by the operator before the capture finished.');
    expect(evidence.phases.map((phase) => [phase.name, phase.status])).toEqual([
      ['launch', 'complete'],
      ['consent', 'failed'],
      ['settings', 'skipped'],
      ['play', 'skipped'],
    ]);
    expect(evidence.assisted!.observations.map((observation) => [observation.kind, observation.note, observation.by])).toEqual([['mark', 'Consent form shown', investigator]]);
    expect(evidence.screenshots.length).toBeGreaterThan(2);
    expect((await verifyBundle(bundleDir)).ok).toBe(true);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
