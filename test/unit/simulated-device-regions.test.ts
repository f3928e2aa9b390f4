// Taps on an engine surface (simulated-device/lib/device-file.js): the one unitySurfaceView node is
// tapped everywhere, and the drawn button under the finger (its `region`) decides the transition.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadDeviceFile } from '../../simulated-device/lib/device-file.js';

const engineFile = path.resolve('audits/demo/android/star-engine.device.yaml');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-engine-file-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the engine game file', () => {
  it('loads the drawn buttons of the consent screen as regions of the one surface node', () => {
    const device = loadDeviceFile(engineFile);
    expect(device.screens.get('consent')!.taps).toEqual([
      { element: 'com.demogames.starengine:id/unitySurfaceView', to: 'game', grants: [], region: { x: 120, y: 800, width: 840, height: 160 } },
      { element: 'com.demogames.starengine:id/unitySurfaceView', to: 'game', grants: [], region: { x: 415, y: 1037, width: 250, height: 75 } },
    ]);
  });

  it('refuses a region that is not four numbers, naming the file and the field', () => {
    const document = parse(readFileSync(engineFile, 'utf8')) as { screens: Record<string, { source: string; screenshot: string; taps?: Array<{ region?: unknown }> }>; shell: Array<{ output: string }> };
    for (const screen of Object.values(document.screens)) {
      screen.source = path.resolve(path.dirname(engineFile), screen.source);
      screen.screenshot = path.resolve(path.dirname(engineFile), screen.screenshot);
    }
    for (const entry of document.shell) entry.output = path.resolve(path.dirname(engineFile), entry.output);
    document.screens.consent!.taps![0]!.region = [120, 800, 840];
    const file = path.join(scratch, 'bad-region.device.yaml');
    writeFileSync(file, stringify(document));
    expect(() => loadDeviceFile(file)).toThrow(/bad-region\.device\.yaml.*screens\.consent\.taps\[0\]\.region.*\[x, y, width, height\]/);
  });
});
