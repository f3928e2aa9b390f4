import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { agoToMilliseconds, parseAppOps } from '../../src/capture/android/parse-appops.ts';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/adb/${name}`, import.meta.url), 'utf8');

describe('parseAppOps', () => {
  it('reads modes, access and reject times from Android 10 output (no uid block)', () => {
    const ops = parseAppOps(fixture('appops-android10.txt'));
    expect(ops).toHaveLength(6);
    expect(ops[0]).toEqual({ op: 'COARSE_LOCATION', mode: 'allow', lastAccess: '+2h3m39s662ms ago', lastReject: undefined, duration: '+12ms', running: false, scope: 'package' });
    expect(ops.find((entry) => entry.op === 'READ_EXTERNAL_STORAGE')).toMatchObject({ mode: 'ignore', lastReject: '+2h3m38s990ms ago', lastAccess: undefined });
    expect(ops.every((entry) => entry.scope === 'package')).toBe(true);
  });

  it('separates the uid-level modes from the package ops and sees running ops (Android 13, CRLF)', () => {
    const ops = parseAppOps(fixture('appops-android13.txt'));
    expect(ops.filter((entry) => entry.scope === 'uid')).toEqual([
      expect.objectContaining({ op: 'COARSE_LOCATION', mode: 'foreground' }),
      expect.objectContaining({ op: 'FINE_LOCATION', mode: 'foreground' }),
    ]);
    const coarse = ops.find((entry) => entry.op === 'COARSE_LOCATION' && entry.scope === 'package');
    expect(coarse).toMatchObject({ mode: 'allow', lastAccess: '+42s118ms ago', running: true });
    expect(ops.find((entry) => entry.op === 'MONITOR_LOCATION')?.running).toBe(true);
    expect(ops.find((entry) => entry.op === 'READ_DEVICE_IDENTIFIERS')?.mode).toBe('deny');
    expect(ops.some((entry) => entry.mode.includes('\r'))).toBe(false);
  });

  it('keeps a single uid mode apart on Android 15 and does not swallow unused package ops', () => {
    const ops = parseAppOps(fixture('appops-android15.txt'));
    expect(ops.filter((entry) => entry.scope === 'uid').map((entry) => entry.op)).toEqual(['RECORD_AUDIO']);
    expect(ops.find((entry) => entry.op === 'COARSE_LOCATION')).toMatchObject({ scope: 'package', mode: 'ignore' });
    expect(ops.find((entry) => entry.op === 'RECORD_AUDIO' && entry.scope === 'package')?.lastAccess).toBe('+1d2h5m0s17ms ago');
  });

  it('turns the printed durations into milliseconds', () => {
    expect(agoToMilliseconds('+2h3m39s662ms ago')).toBe(2 * 3_600_000 + 3 * 60_000 + 39_000 + 662);
    expect(agoToMilliseconds('+1d2h5m0s17ms ago')).toBe(86_400_000 + 2 * 3_600_000 + 5 * 60_000 + 17);
    expect(agoToMilliseconds('+42s118ms ago')).toBe(42_118);
    expect(agoToMilliseconds('0')).toBe(0);
    expect(agoToMilliseconds('yesterday')).toBeUndefined();
  });
});
