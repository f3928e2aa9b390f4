// The phone's own screenshot tools, as the assisted capture calls them without Appium, through
// stand-ins (as the device-prepare tests stand in for adb): each prints or writes the PNG of one
// of the simulated game's screens (audits/demo/android/screens/), or fails as the real tools do.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adbScreenshots, idevicescreenshotSource } from '../../src/capture/assisted/screenshot-source.ts';
import { findExecutable } from '../../src/cli/assisted-capture.ts';

const screen = path.resolve('audits/demo/android/screens/consent.png');
const scratch: string[] = [];
afterEach(() => {
  for (const directory of scratch.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function standIn(name: string, script: string): { executable: string; log: string } {
  const directory = mkdtempSync(path.join(os.tmpdir(), `fake-${name}-`));
  scratch.push(directory);
  const executable = path.join(directory, name);
  const log = path.join(directory, 'calls.log');
  writeFileSync(executable, `#!/bin/sh\necho "$*" >> ${log}\n${script}\n`);
  chmodSync(executable, 0o755);
  return { executable, log };
}

describe('screenshots without Appium', () => {
  it('reads adb exec-out screencap -p of the named device, byte for byte', async () => {
    const { executable, log } = standIn('adb', `cat ${screen}`);
    const png = await adbScreenshots(executable, 'R58M12345').take();
    expect(Buffer.from(png).equals(readFileSync(screen))).toBe(true);
    expect(readFileSync(log, 'utf8')).toBe('-s R58M12345 exec-out screencap -p\n');
  });

  it('says what went wrong when adb prints no PNG (a locked phone, an unauthorised USB link)', async () => {
    const { executable } = standIn('adb', 'echo "error: device unauthorized."');
    await expect(adbScreenshots(executable, undefined).take()).rejects.toThrow(/adb screencap did not return a PNG \(\d+ bytes; is the phone unlocked and authorised for USB debugging\?\)/);
    const failing = standIn('adb', 'echo "error: device \'R58M12345\' not found" >&2; exit 1');
    await expect(adbScreenshots(failing.executable, 'R58M12345').take()).rejects.toThrow(/adb -s R58M12345 exec-out screencap -p failed: error: device 'R58M12345' not found/);
  });

  it('reads the file idevicescreenshot writes for the named iPhone', async () => {
    // The real tool takes the output file as its last argument.
    const { executable, log } = standIn('idevicescreenshot', `for last; do :; done\ncp ${screen} "$last"`);
    const png = await idevicescreenshotSource(executable, '00008030-001A2D3E0C12802E').take();
    expect(Buffer.from(png).equals(readFileSync(screen))).toBe(true);
    expect(readFileSync(log, 'utf8')).toMatch(/^-u 00008030-001A2D3E0C12802E \/.+\/screen\.png\n$/);
  });

  it('finds an executable on PATH or by its path, and nothing that is not there', () => {
    const { executable } = standIn('adb', 'exit 0');
    expect(findExecutable(executable)).toBe(executable);
    const previous = process.env.PATH;
    process.env.PATH = path.dirname(executable);
    try {
      expect(findExecutable('adb')).toBe(executable);
      expect(findExecutable('idevicescreenshot')).toBeUndefined();
    } finally {
      process.env.PATH = previous;
    }
  });
});
