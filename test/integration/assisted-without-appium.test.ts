// An assisted capture with no Appium at all, as most real games will be audited: a phone already
// pointed at the proxy's fixed port (gameaudit device prepare), screenshots through `adb exec-out
// screencap -p`. adb is a stand-in here (as in the device-prepare tests): a script that logs its
// arguments and prints the PNG of the "screen" the test shows, one of the simulated game's
// screenshots (audits/demo/android/screens/, drawn from page sources derived from real dumps).
// The phone's requests are sent by the test through the proxy, as a phone's HTTP client would.
// Not verified here: a real phone's adb and screencap, a real USB link, a real game's traffic.
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EvidenceSchema } from '../../src/evidence/schema.ts';
import { freeLocalPort } from '../fixtures/programmes/demo-copies.ts';
import { projectRoot, runCli } from '../helpers/run-cli.ts';
import { TmuxTerminal } from '../helpers/tmux-terminal.ts';

const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-assisted-no-appium-'));
const terminals: TmuxTerminal[] = [];
afterAll(() => {
  for (const terminal of terminals) terminal.close();
  rmSync(workspace, { recursive: true, force: true });
});

const screens = path.join(projectRoot, 'audits/demo/android/screens');
const serial = 'R58M12345';

/** A plan for a phone game: the proxy answers every host itself (demo origins), so nothing leaves the machine. */
function writeProgramme(folder: string, assistedInPlan: boolean): string {
  writeFileSync(
    path.join(folder, 'phone-game.yaml'),
    [
      ...(assistedInPlan ? ['assisted: true'] : []),
      'id: phone-game',
      'title: Phone Game',
      'publisher: Phone Games Ltd',
      'firstPartyDomains: [phonegame.test]',
      'platforms:',
      '  android:',
      '    package: com.phonegames.game',
      'session: { launchSeconds: 3, playSeconds: 0 }',
      'demo: { origins: {} }',
    ].join('\n'),
  );
  const programme = path.join(folder, 'programme.yaml');
  writeFileSync(programme, ['name: phone programme', 'games: [phone-game.yaml]', 'devices:', `  - { id: usb-phone, platform: android, serial: ${serial} }`].join('\n'));
  return programme;
}

/** The stand-in adb: logs every call, and for screencap prints the PNG named in `current-screen`. */
function writeFakeAdb(folder: string): { adb: string; log: string; show: (screen: string) => void } {
  const adb = path.join(folder, 'adb');
  const log = path.join(folder, 'adb-calls.log');
  const current = path.join(folder, 'current-screen');
  writeFileSync(adb, `#!/bin/sh\necho "$*" >> ${log}\ncase "$*" in *"exec-out screencap -p"*) cat "$(cat ${current})";; esac\nexit 0\n`);
  chmodSync(adb, 0o755);
  const show = (screen: string): void => {
    // Copied, so the file the stand-in prints is swapped whole.
    copyFileSync(path.join(screens, `${screen}.png`), path.join(folder, `${screen}.png`));
    writeFileSync(current, path.join(folder, `${screen}.png`));
  };
  return { adb, log, show };
}

/** One plain-HTTP request through the proxy, as the phone sends it. */
function sendThroughProxy(port: number, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method: 'GET', path: url, headers: { host: new URL(url).host } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end();
  });
}

/** With `assistedInPlan`, the plan says `assisted: true` and the run has no --assisted. */
async function startRun(folder: string, adb: string, port: number, assistedInPlan = false): Promise<{ terminal: TmuxTerminal; bundleDir: string }> {
  const directory = path.join(workspace, folder);
  const programme = writeProgramme(directory, assistedInPlan);
  const terminal = new TmuxTerminal(
    `node bin/gameaudit.js run --programme ${programme}${assistedInPlan ? '' : ' --assisted'} --without-appium --proxy-port ${port} --ca-dir ${path.join(directory, 'ca')} --out ${path.join(directory, 'runs')}; echo GAMEAUDIT-EXIT=$?; sleep 600`,
    { cwd: projectRoot, env: { GAMEAUDIT_ADB: adb, GAMEAUDIT_OPERATOR: 'Ada Investigator' } },
  );
  terminals.push(terminal);
  const [, runDir] = await terminal.waitFor(/Run folder: (\S+)/);
  return { terminal, bundleDir: path.join(runDir!, 'phone-game', 'android') };
}

describe('assisted capture without Appium', () => {
  it('takes screenshots with adb exec-out screencap when the screen changes, and records the traffic and the investigator\'s readings', { timeout: 180_000 }, async () => {
    const folder = mkdtempSync(path.join(workspace, 'adb-'));
    const { adb, log, show } = writeFakeAdb(folder);
    show('location-permission');
    const port = await freeLocalPort();
    const { terminal, bundleDir } = await startRun(path.basename(folder), adb, port);

    await terminal.waitFor(/Phase: launch/);
    expect(terminal.screen()).toMatch(/Screenshots: \d+ \(taken with adb exec-out screencap -p \(device R58M12345\)\)/);
    expect(terminal.screen()).toContain(`Traffic is captured by the proxy at 127.0.0.1:${port}: the phone's proxy must point there`);
    expect(await sendThroughProxy(port, 'http://googleads.g.doubleclick.net/mads/gma?rdid=38400000-8cf0-11bd-b23e-10b96e40000d')).toBeGreaterThan(0);
    await terminal.waitFor(/Companies contacted: Google/);
    await terminal.waitFor(/The launch has been watched/);
    terminal.keys('n');
    await terminal.waitFor(/Phase: consent/);
    show('consent');
    await terminal.waitFor(/The screen changed: screens\/\d+-consent-screen-changed-consent\.png/);
    terminal.keys('n');
    await terminal.waitFor(/Phase: settings/);
    show('settings');
    await terminal.waitFor(/The screen changed: screens\/\d+-settings-screen-changed-settings\.png/);
    // Without Appium there is no page source: the screenshot is read (OCR and the switches drawn on
    // it). On this small simulated screen the pixels show "Music" on surely enough; "Share my
    // location with friends" is read at 0.7, below the plan's 0.8, so it is not put to the
    // investigator, and "Personalised ads" has no switch the pixels find: the investigator adds it.
    await terminal.waitFor(/"Music" {2}switch {2}= {2}on/);
    expect(terminal.screen()).not.toContain('"Share my location with friends"  switch');
    terminal.keys('Enter');
    await terminal.waitFor(/Reading confirmed: "Music" = on/);
    // The "Send usage statistics" check box is drawn ticked (screens/settings.png; settings.xml
    // has it checked="true"), and the check box reader reads it at 0.94.
    await terminal.waitFor(/"Send usage statistics" {2}checkbox {2}= {2}on/);
    terminal.keys('Enter');
    await terminal.waitFor(/Reading confirmed: "Send usage statistics" = on/);
    await terminal.addControl('Personalised ads', 'on');
    terminal.keys('q');
    const [, exitCode] = await terminal.waitFor(/GAMEAUDIT-EXIT=(\d+)/, 120_000);
    expect(exitCode).toBe('0');

    const evidence = EvidenceSchema.parse(JSON.parse(readFileSync(path.join(bundleDir, 'evidence.json'), 'utf8')));
    expect(evidence.status).toBe('complete');
    expect(evidence.device).toMatchObject({ kind: 'physical', serial });
    expect(evidence.assisted?.screenshotSource).toBe('adb');
    // q in the settings phase: play is skipped, and says why.
    expect(evidence.phases.map((phase) => [phase.name, phase.status])).toEqual([
      ['launch', 'complete'],
      ['consent', 'complete'],
      ['settings', 'complete'],
      ['play', 'skipped'],
    ]);
    expect(evidence.phases[3]!.note).toBe('The investigator finished the session in the settings phase (q), before the play phase.');
    expect(readFileSync(log, 'utf8')).toContain(`-s ${serial} exec-out screencap -p`);
    const consentShot = evidence.screenshots.find((shot) => shot.caption === 'Screen changed (consent)')!;
    expect(readFileSync(path.join(bundleDir, consentShot.file)).equals(readFileSync(path.join(screens, 'consent.png')))).toBe(true);
    expect(consentShot.uiTreeFile).toBeUndefined();
    expect(evidence.settings.controls.map((control) => [control.label, control.kind, control.value, control.readBy, control.observationId])).toEqual([
      ['Music', 'switch', true, 'investigator', 'obs-001'],
      ['Send usage statistics', 'checkbox', true, 'investigator', 'obs-002'],
      ['Personalised ads', 'switch', true, 'investigator', 'obs-003'],
    ]);
    const proposedFromPixels = evidence.assisted!.observations.find((observation) => observation.id === 'obs-001')!;
    expect(proposedFromPixels).toMatchObject({ kind: 'reading', reading: { answer: 'confirmed', proposed: { label: 'Music', value: true, source: 'ocr' } } });
    // What the tool could not see without Appium is said, never read as "there was none".
    expect(evidence.notCollected.map((entry) => entry.item)).toEqual(expect.arrayContaining(['permission-prompts', 'permissions', 'app-ops', 'consent-dialog']));
    const har = JSON.parse(readFileSync(path.join(bundleDir, 'network.har'), 'utf8')) as { log: { entries: { request: { url: string }; _phase: string }[] } };
    expect(har.log.entries.map((entry) => [entry.request.url, entry._phase])).toEqual([['http://googleads.g.doubleclick.net/mads/gma?rdid=38400000-8cf0-11bd-b23e-10b96e40000d', 'launch']]);

    const scored = runCli(['score', bundleDir, '--json']);
    expect(scored.exitCode).toBe(0);
    const checks = (JSON.parse(scored.stdout) as { checks: { id: string; outcome: string }[] }).checks;
    expect(checks.find((check) => check.id === 'geolocation.permission-at-launch')?.outcome).toBe('inconclusive');
    expect(checks.find((check) => check.id === 'profiling.behavioural-ads-setting')?.outcome).toBe('fail');
  });

  it('with no screenshot source, says so when s is pressed and still records the investigator\'s mark (the plan asks for assisted)', { timeout: 180_000 }, async () => {
    const folder = mkdtempSync(path.join(workspace, 'none-'));
    const port = await freeLocalPort();
    const { terminal, bundleDir } = await startRun(path.basename(folder), path.join(folder, 'no-adb-here'), port, true);
    await terminal.waitFor(/The launch has been watched/);
    terminal.keys('s');
    await terminal.waitFor(/No screenshot source: nothing: no Appium session, and neither adb nor idevicescreenshot was found\. Marks and readings still record, without a screenshot\./);
    terminal.keys('m');
    await terminal.waitFor(/Mark: type a note/);
    terminal.type('Age gate asks for a birth year');
    terminal.keys('Enter');
    await terminal.waitFor(/Mark recorded: "Age gate asks for a birth year" \(no screenshot\)/);
    terminal.keys('q');
    const [, exitCode] = await terminal.waitFor(/GAMEAUDIT-EXIT=(\d+)/, 120_000);
    expect(exitCode).toBe('0');

    const evidence = EvidenceSchema.parse(JSON.parse(readFileSync(path.join(bundleDir, 'evidence.json'), 'utf8')));
    expect(evidence.status).toBe('complete');
    expect(evidence.screenshots).toEqual([]);
    expect(evidence.assisted?.screenshotSource).toBe('none');
    expect(evidence.notCollected.find((entry) => entry.item === 'screenshots')?.reason).toMatch(/no screenshot source/);
    expect(evidence.assisted?.observations.map((observation) => [observation.kind, observation.phase, observation.note, observation.screenshot])).toEqual([
      ['mark', 'launch', 'Age gate asks for a birth year', undefined],
    ]);
    expect(evidence.phases.map((phase) => phase.status)).toEqual(['complete', 'skipped', 'skipped', 'skipped']);
  });
});
