// A run on a real device without a CA it trusts is refused before anything starts (exit 2),
// naming the flag and the docs; a simulated device needs no CA.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { realDevicesInUse, requireTrustedDeviceCa } from '../../src/cli/device-ca-rule.ts';
import { loadProgramme } from '../../src/plan/load.ts';
import { projectRoot, runCli } from '../helpers/run-cli.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'gameaudit-ca-rule-'));
const demoAndroidPlan = path.join(projectRoot, 'audits/demo/demo-android.yaml');
const programmeFile = path.join(folder, 'programme.yaml');
writeFileSync(
  programmeFile,
  [
    'name: real phone',
    'games:',
    `  - ${demoAndroidPlan}`,
    'devices:',
    '  - id: pixel-7-lab',
    '    platform: android',
    '    serial: 2A211FDH300B7K',
    'concurrency: 1',
    '',
  ].join('\n'),
);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the device CA rule', () => {
  it('refuses a real-device run without --ca-dir with exit 2 and one line naming the fix, leaving no run folder', () => {
    const out = path.join(folder, 'runs');
    const result = runCli(['run', '--programme', programmeFile, '--out', out]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('device pixel-7-lab is a real device and no device CA was given');
    expect(result.stderr).toContain('--ca-dir <dir>');
    expect(result.stderr).toContain('--allow-unreadable-https');
    expect(result.stderr).toContain('docs/real-devices.md');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('lets the run go on with --ca-dir or --allow-unreadable-https, and never asks it of a simulated device', () => {
    const programme = loadProgramme(programmeFile);
    expect(realDevicesInUse({ programme })).toEqual(['pixel-7-lab']);
    expect(() => requireTrustedDeviceCa({ programme })).toThrow(/pixel-7-lab is a real device/);
    expect(() => requireTrustedDeviceCa({ programme, caDir: '/home/auditor/.gameaudit/device-ca' })).not.toThrow();
    expect(() => requireTrustedDeviceCa({ programme, allowUnreadableHttps: true })).not.toThrow();
    expect(realDevicesInUse({ programme, platform: 'web' })).toEqual([]);
    const demo = loadProgramme(path.join(projectRoot, 'audits/demo/programme.yaml'));
    expect(realDevicesInUse({ programme: demo })).toEqual([]);
  });
});
