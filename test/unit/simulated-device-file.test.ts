// The simulated game file the demo's simulated device plays (simulated-device/lib/device-file.js)
// and its `mobile: shell` table: loaded as written, and every mistake named by file and field.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { answerShell } from '../../simulated-device/lib/adb.js';
import { loadDeviceFile } from '../../simulated-device/lib/device-file.js';

const demoFile = path.resolve('audits/demo/android/leaky-runner.device.yaml');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-device-file-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The demo's device file with one change, written elsewhere; its relative paths made absolute. */
interface DeviceDocument {
  screens: Record<string, { source: string; screenshot: string; taps?: { to: string }[] }>;
  shell: { output: string; afterVisiting?: { output: string }[] }[];
}

function variant(change: (document: DeviceDocument) => void): string {
  const document = parse(readFileSync(demoFile, 'utf8')) as DeviceDocument;
  const absolute = (relative: string): string => path.resolve(path.dirname(demoFile), relative);
  for (const screen of Object.values(document.screens)) {
    screen.source = absolute(screen.source);
    screen.screenshot = absolute(screen.screenshot);
  }
  for (const entry of document.shell) {
    entry.output = absolute(entry.output);
    for (const step of entry.afterVisiting ?? []) step.output = absolute(step.output);
  }
  change(document);
  const file = path.join(scratch, `variant-${Math.random().toString(36).slice(2)}.device.yaml`);
  writeFileSync(file, stringify(document));
  return file;
}

describe('the simulated game file', () => {
  it('loads the demo game: five screens from the permission dialog on, five shell commands', () => {
    const device = loadDeviceFile(demoFile);
    expect(device.packageName).toBe('com.demogames.leakyrunner');
    expect(device.start).toBe('location-permission');
    expect([...device.screens.keys()]).toEqual(['location-permission', 'consent', 'consent-manage', 'game', 'settings']);
    expect(device.screens.get('consent')!.taps).toEqual([
      { element: 'accept-all', to: 'game', grants: [] },
      { element: 'manage-options', to: 'consent-manage', grants: [] },
    ]);
    expect(device.shell.map((entry) => entry.command)).toEqual([
      'appops get com.demogames.leakyrunner',
      'dumpsys location',
      'dumpsys package com.demogames.leakyrunner',
      'settings get secure android_id',
      'pm path com.demogames.leakyrunner',
    ]);
    expect(device.traffic.launch).toBe(path.resolve('audits/demo/android/traffic.json'));
  });

  it('keeps the real dumps it was derived from: the permission dialog\'s buttons and the Unity surface', () => {
    const device = loadDeviceFile(demoFile);
    const dialog = device.screens.get('location-permission')!.xml;
    for (const text of ['While using the app', 'Only this time', 'Don’t allow', 'Precise', 'Approximate']) expect(dialog).toContain(`text="${text}"`);
    expect(dialog).toContain('package="com.google.android.permissioncontroller"');
    expect(device.screens.get('game')!.xml).toContain('resource-id="com.demogames.leakyrunner:id/unitySurfaceView" class="android.view.View" package="com.demogames.leakyrunner" content-desc="Game view"');
  });

  it('names the file and the field of a tap that leads nowhere', () => {
    const file = variant((document) => {
      document.screens.consent!.taps![0]!.to = 'nowhere';
    });
    expect(() => loadDeviceFile(file)).toThrow(`${file}: screens.consent.taps[0].to: names no screen "nowhere"; the screens are location-permission, consent, consent-manage, game, settings`);
  });

  it('refuses a screenshot that is not a PNG, a page source that is not XML and a missing file', () => {
    const notPng = variant((document) => {
      document.screens.game!.screenshot = demoFile;
    });
    expect(() => loadDeviceFile(notPng)).toThrow(`${notPng}: screens.game.screenshot: must be a PNG file`);
    const notSource = variant((document) => {
      document.screens.game!.source = path.resolve('test/fixtures/real-ui/README.md');
    });
    expect(() => loadDeviceFile(notSource)).toThrow(`${notSource}: screens.game.source: is not well-formed XML (`);
    const missingSource = variant((document) => {
      document.screens.game!.source = path.resolve('test/fixtures/real-ui/android-perm-location-while-using-vsp.xml').replace('android-perm', 'missing');
    });
    expect(() => loadDeviceFile(missingSource)).toThrow(`${missingSource}: screens.game.source: ${path.resolve('test/fixtures/real-ui/missing-location-while-using-vsp.xml')} does not exist (paths are relative to the device file)`);
  });
});

describe('mobile: shell on the simulated device', () => {
  const { shell } = loadDeviceFile(demoFile);

  it('answers the launch output until the settings screen has been shown, then the later one', () => {
    const launch = answerShell(shell, new Set(['location-permission', 'consent']), 'appops get com.demogames.leakyrunner');
    const later = answerShell(shell, new Set(['location-permission', 'consent', 'game', 'settings']), 'appops get com.demogames.leakyrunner');
    expect(launch).not.toContain('VIBRATE');
    expect(later).toContain('VIBRATE: allow; time=+4s500ms ago; duration=+120ms');
  });

  it('refuses a command it has no output for, naming the nearest supported one', () => {
    expect(() => answerShell(shell, new Set(), 'appops get com.other.game')).toThrow(
      'The simulated device has no output for "appops get com.other.game"; the nearest supported command is "appops get com.demogames.leakyrunner". Add the command and its output to the shell table of the device file.',
    );
  });
});
