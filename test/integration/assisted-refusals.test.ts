// What an assisted run refuses before it starts, as the real binary answers a user: exit 2, one
// line naming the file or flag and the fix, and no run folder left behind.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-assisted-refusals-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

function refused(args: string[]): string {
  const out = path.join(workspace, `runs-${Math.random().toString(36).slice(2, 8)}`);
  // spawnSync gives the binary pipes, never a terminal, as CI does.
  const { exitCode, stderr } = runCli([...args, '--out', out]);
  expect(exitCode, stderr).toBe(2);
  expect(existsSync(out)).toBe(false);
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  return lines[0]!;
}

describe('gameaudit run --assisted refuses', () => {
  it('a web game, which has no window to play in', () => {
    expect(refused(['run', '--plan', 'audits/demo/demo-leaky.yaml', '--assisted'])).toBe(
      `gameaudit: ${path.resolve('audits/demo/demo-leaky.yaml')}: the web game "demo-leaky" cannot be captured assisted (the browser runs headless, with no window to play in); leave out --assisted, or give --platform android or --platform ios`,
    );
  });

  it('to run without a terminal for the investigator\'s keys', () => {
    expect(refused(['run', '--programme', 'audits/demo/programme.yaml', '--only', 'demo-android', '--assisted'])).toBe(
      "gameaudit: an assisted capture needs a terminal for the investigator's keys: run gameaudit in a terminal, not through a pipe or in CI",
    );
  });

  it('--without-appium with no assisted game, or on the simulated device, which exists only through Appium', () => {
    expect(refused(['run', '--programme', 'audits/demo/programme.yaml', '--only', 'demo-android', '--without-appium'])).toMatch(/--without-appium is for assisted captures: add --assisted/);
    expect(refused(['run', '--programme', 'audits/demo/programme.yaml', '--only', 'demo-android', '--assisted', '--without-appium'])).toMatch(
      /--without-appium: the device "simulated-android" is simulated, and a simulated device exists only through Appium; leave out --without-appium/,
    );
  });

  it('--without-appium on a phone with no fixed proxy port it could already be pointed at', () => {
    const plan = path.join(workspace, 'phone-game.yaml');
    writeFileSync(plan, 'id: phone-game\ntitle: Phone Game\npublisher: Phone Games Ltd\nassisted: true\nplatforms:\n  android:\n    package: com.phonegames.game\n');
    const programme = path.join(workspace, 'programme.yaml');
    writeFileSync(programme, 'name: phones\ngames: [phone-game.yaml]\ndevices:\n  - { id: usb-phone, platform: android, serial: R58M12345 }\n');
    // assisted: true in the plan is enough for --without-appium; the port is what is missing.
    expect(refused(['run', '--programme', programme, '--without-appium', '--allow-unreadable-https'])).toMatch(
      /--without-appium: the phone "usb-phone" must already send its traffic to a port it knows; give --proxy-port <the port it was prepared with>/,
    );
  });
});
