// The gate that keeps OCR and the pixel readers out of a timed phase (src/capture/screen-readings.ts).
// A held reading's first work (decoding the PNG) is synchronous: it must not run in the microtasks
// that end the phase, or it counts in the phase's time. A truncated PNG shows when that work ran:
// decoding it fails at once, and the failure is reported then.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ScreenReadings } from '../../src/capture/screen-readings.ts';
import { BundleWriter } from '../../src/evidence/bundle-writer.ts';

// The first 200 bytes of the canvas demo's consent screenshot (test/fixtures/screen/canvas-consent.png).
const truncated = readFileSync(path.resolve(import.meta.dirname, '../fixtures/screen/canvas-consent.png')).subarray(0, 200);
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const readings = (): { screens: ScreenReadings; failures: string[] } => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-gate-'));
  folders.push(folder);
  const failures: string[] = [];
  return { screens: new ScreenReadings(new BundleWriter(folder), (file) => failures.push(file)), failures };
};

/** As many turns of the microtask queue as a phase's end takes (and more), with no macrotask between. */
const microtasks = async (count: number): Promise<void> => {
  for (let turn = 0; turn < count; turn++) await Promise.resolve();
};

describe('screen readings held during a timed phase', () => {
  it('do not start while the phase holds them', async () => {
    const { screens, failures } = readings();
    screens.hold();
    void screens.start('screens/01-launch-game.png', truncated);
    await new Promise((resolve) => setImmediate(resolve));
    expect(failures).toEqual([]);
    screens.release();
    await screens.settled();
    expect(failures).toEqual(['screens/01-launch-game.png']);
  });

  it('start only after the microtasks that end the phase, on a later turn of the event loop', async () => {
    const { screens, failures } = readings();
    screens.hold();
    void screens.start('screens/02-launch-game-after-launch.png', truncated);
    screens.release();
    await microtasks(50);
    expect(failures).toEqual([]);
    await screens.settled();
    expect(failures).toEqual(['screens/02-launch-game-after-launch.png']);
  });

  it('start at once when no phase holds them', async () => {
    const { screens, failures } = readings();
    void screens.start('screens/03-consent-dialog.png', truncated);
    await microtasks(50);
    expect(failures).toEqual(['screens/03-consent-dialog.png']);
  });
});
