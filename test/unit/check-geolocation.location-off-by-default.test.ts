import { describe, expect, it } from 'vitest';
import check from '../../checks/geolocation.location-off-by-default.ts';
import type { EvidenceInput } from '../../src/evidence/schema.ts';
import { control, during, input, makeEvidence } from './fixtures/evidence-factory.ts';

const android = (fields: Partial<NonNullable<EvidenceInput['android']>> = {}): Partial<EvidenceInput> => ({
  platform: 'android',
  device: { kind: 'emulator', name: 'Pixel 7 API 34' },
  permissions: [
    { name: 'android.permission.INTERNET', group: 'other', requested: true, runtime: false, granted: true, source: 'dumpsys package' },
    { name: 'android.permission.ACCESS_FINE_LOCATION', group: 'location', requested: true, runtime: true, granted: false, source: 'dumpsys package' },
  ],
  android: { package: 'com.example.game', rawFiles: ['device/dumpsys-package.txt', 'device/appops.txt', 'device/dumpsys-location.txt'], ...fields },
});

describe('geolocation.location-off-by-default', () => {
  it('passes on Android when the permission is not granted and app-ops show no location use', () => {
    const evidence = makeEvidence(android({ appOps: [{ op: 'CAMERA', mode: 'deny' }] }));
    expect(check.evaluate(input(evidence)).outcome).toBe('pass');
  });

  it('fails when app-ops record a location access the player never allowed, pointing at the adb output', () => {
    const evidence = makeEvidence(android({ appOps: [{ op: 'COARSE_LOCATION', mode: 'allow', lastAccess: '+2h3m39s662ms ago' }] }));
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('fail');
    expect(result.findings[0]!.message).toContain('COARSE_LOCATION');
    expect(result.findings[0]!.evidence).toContainEqual({ kind: 'file', path: 'device/appops.txt' });
  });

  it('counts a foreground-mode access, but not an attempt Android refused', () => {
    const foreground = makeEvidence(android({ appOps: [{ op: 'FINE_LOCATION', mode: 'foreground', lastAccess: '+5s120ms ago', scope: 'uid' }] }));
    expect(check.evaluate(input(foreground)).outcome).toBe('fail');
    const refused = makeEvidence(android({ appOps: [{ op: 'COARSE_LOCATION', mode: 'allow', lastAccess: 'rejected +12s ago' }] }));
    const result = check.evaluate(input(refused));
    expect(result.outcome).toBe('pass');
    expect(result.findings[0]).toMatchObject({ severity: 'info', data: { op: 'COARSE_LOCATION' } });
  });

  it('fails when the location service lists a request from the game', () => {
    const evidence = makeEvidence(
      android({ locationRequests: [{ provider: 'fused', active: false, locations: 925, raw: '10311/com.example.game: min/max interval = 0s/1s, locations = 925' }] }),
    );
    expect(check.evaluate(input(evidence)).outcome).toBe('fail');
  });

  it('fails when the location permission is already granted on the device', () => {
    const base = android();
    const evidence = makeEvidence({
      ...base,
      permissions: [{ name: 'android.permission.ACCESS_COARSE_LOCATION', group: 'location', requested: true, runtime: true, granted: true, source: 'dumpsys package' }],
    });
    expect(check.evaluate(input(evidence)).outcome).toBe('fail');
  });

  it('fails on the web when the game requests the position at launch, and when its location option starts on', () => {
    const evidence = makeEvidence({
      geolocation: {
        calls: [{ eventId: 'ev-0005', phase: 'launch', at: during('launch'), api: 'getCurrentPosition' }],
        inAppLocationControls: [{ label: 'Share my location with friends', value: true }],
      },
    });
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('fail');
    expect(result.findings.map((finding) => finding.evidence[0])).toEqual([
      { kind: 'setting', label: 'Share my location with friends' },
      { kind: 'event', id: 'ev-0005' },
    ]);
  });

  it('reads a location-sharing setting from the settings screen as an in-game location option', () => {
    const evidence = makeEvidence({ settings: { source: 'recipe', readable: true, controls: [control('Location sharing', 'Everyone')] } });
    expect(check.evaluate(input(evidence)).outcome).toBe('fail');
  });

  it("judges a plan-named location setting by the plan's expectation", () => {
    const on = makeEvidence({ settings: { source: 'recipe', readable: true, controls: [control('Share my location', true, { name: 'locationSharing' })] }, expectations: { locationSharing: false } });
    const result = check.evaluate(input(on));
    expect(result.outcome).toBe('fail');
    expect(result.findings[0]!.message).toContain('the plan gives false as its off value');
    const off = makeEvidence({ settings: { source: 'recipe', readable: true, controls: [control('Share my location', false, { name: 'locationSharing' })] }, expectations: { locationSharing: false } });
    expect(check.evaluate(input(off)).outcome).toBe('pass');
  });

  it('passes on the web when the browser profile allows location but the game never asks', () => {
    const evidence = makeEvidence({
      geolocation: { calls: [{ eventId: 'ev-0040', phase: 'play', at: during('play'), api: 'getCurrentPosition' }], permissionState: 'granted' },
      permissions: [{ name: 'geolocation', group: 'location', requested: false, runtime: true, granted: true, source: 'permissions API' }],
    });
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('pass');
    expect(result.findings[0]!.severity).toBe('info');
  });

  it("is inconclusive on Android when the device's records of location use were not collected", () => {
    const evidence = makeEvidence({ ...android(), android: undefined });
    expect(check.evaluate(input(evidence)).outcome).toBe('inconclusive');
  });
});
