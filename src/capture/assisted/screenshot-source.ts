// Where an assisted capture gets its screenshots: the Appium session when there is one, otherwise
// the phone's own tools over USB (`adb exec-out screencap -p`, libimobiledevice's
// `idevicescreenshot`), or none at all, when the investigator's marks are still recorded.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AssistedCapture } from '../../evidence/schema.ts';

export type ScreenshotSourceName = AssistedCapture['screenshotSource'];

export interface ScreenshotSource {
  readonly name: ScreenshotSourceName;
  /** In the investigator's words: what takes the screenshots. */
  readonly description: string;
  /** A PNG of the phone's screen now; throws when it could not be taken. */
  take(): Promise<Uint8Array>;
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function run(executable: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(executable, args, { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${path.basename(executable)} ${args.join(' ')} failed: ${stderr.toString('utf8').trim().split('\n')[0] || error.message}`));
      else resolve(stdout);
    });
  });
}

function requirePng(bytes: Buffer, what: string): Buffer {
  if (!bytes.subarray(0, 8).equals(pngSignature)) throw new Error(`${what} did not return a PNG (${bytes.length} bytes; is the phone unlocked and authorised for USB debugging?)`);
  return bytes;
}

export function appiumScreenshots(take: () => Promise<Uint8Array>): ScreenshotSource {
  return { name: 'appium', description: 'the Appium session', take };
}

/** `exec-out` passes the PNG through unaltered, where `shell` would turn its \n into \r\n on older adb. */
export function adbScreenshots(executable: string, serial: string | undefined): ScreenshotSource {
  const device = serial ? ['-s', serial] : [];
  return {
    name: 'adb',
    description: `adb exec-out screencap -p${serial ? ` (device ${serial})` : ''}`,
    async take() {
      return requirePng(await run(executable, [...device, 'exec-out', 'screencap', '-p']), 'adb screencap');
    },
  };
}

/** idevicescreenshot writes a file (PNG on iOS 9 and later) rather than printing it. */
export function idevicescreenshotSource(executable: string, udid: string | undefined): ScreenshotSource {
  return {
    name: 'idevicescreenshot',
    description: `idevicescreenshot${udid ? ` (device ${udid})` : ''}`,
    async take() {
      const directory = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-idevicescreenshot-'));
      try {
        const file = path.join(directory, 'screen.png');
        await run(executable, [...(udid ? ['-u', udid] : []), file]);
        return requirePng(readFileSync(file), 'idevicescreenshot');
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
  };
}

export const noScreenshots: ScreenshotSource = {
  name: 'none',
  description: 'nothing: no Appium session, and neither adb nor idevicescreenshot was found',
  take: () => Promise.reject(new Error('there is no screenshot source')),
};
