import { describe, expect, it } from 'vitest';
import check from '../../checks/geolocation.location-off-by-default.ts';
import type { EvidenceInput } from '../../src/evidence/schema.ts';
import { runCheck } from '../../src/scoring/run-checks.ts';
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
  // demo-leaky (report-reading-2026-12 item 7): a refused getCurrentPosition is a request, not an allowed location.
  it('says which signs are requests for the position and which show location allowed', () => {
    const evidence = makeEvidence({
      geolocation: { calls: [{ eventId: 'ev-0002', phase: 'launch', at: during('launch'), api: 'getCurrentPosition' }], permissionState: 'denied', inAppLocationControls: [{ label: 'Share my location with other players', value: true }] },
    });
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('fail');
    expect(result.summary).toBe('Location is on by default: 1 sign that location was allowed or used and 1 request for the position, without the player turning anything on.');
  });

  it('passes on Android when the permission is not granted and app-ops show no location use', () => {
    const evidence = makeEvidence(android({ appOps: [{ op: 'CAMERA', mode: 'deny' }] }));
    expect(check.evaluate(input(evidence)).outcome).toBe('pass');
  });

  // The capture window of makeEvidence is 2026-03-02T10:00:00Z to 10:01:00Z; device records were read at 10:00:59.
  it('fails when app-ops record a location access inside the capture window, pointing at the adb output', () => {
    const evidence = makeEvidence(
      android({ recordsReadAt: '2026-03-02T10:00:59.000Z', appOps: [{ op: 'COARSE_LOCATION', mode: 'allow', lastAccess: '+42s118ms ago', lastAccessAt: '2026-03-02T10:00:16.882Z' }] }),
    );
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('fail');
    expect(result.findings[0]!.message).toBe('Android records that com.example.game used COARSE_LOCATION during this capture (last +42s118ms ago), with mode "allow".');
    expect(result.findings[0]!.evidence).toContainEqual({ kind: 'file', path: 'device/appops.txt' });
  });

  // Review Appendix A #4: a reused phone, the permission not granted, an access two days earlier
  // and the since-boot aggregate of the location service.
  it('does not fail on app-op and location-service history from before the capture (review Appendix A #4)', () => {
    const history = {
      recordsReadAt: '2026-03-02T10:00:59.000Z',
      appOps: [
        { op: 'COARSE_LOCATION', mode: 'ignore', scope: 'uid' as const },
        { op: 'COARSE_LOCATION', mode: 'allow', lastAccess: '+2d3h0m0s0ms ago', lastAccessAt: '2026-02-28T07:00:59.000Z' },
      ],
    };
    const aggregate = { provider: 'fused', active: false, locations: 925, raw: '10311/com.example.game: min/max interval = 0s/1s, locations = 925' };
    const counted = check.evaluate(input(makeEvidence(android({ ...history, locationRequests: [{ ...aggregate, locationsAtStart: 925 }] }))));
    expect(counted.outcome).toBe('pass');
    expect(counted.findings.map((finding) => finding.message)).toEqual([
      'Android records that com.example.game last used COARSE_LOCATION +2d3h0m0s0ms ago (2026-02-28T07:00:59.000Z), before this capture began: not counted.',
      "The location service's history shows 925 location(s) from fused, all before this capture began: not counted.",
    ]);
    // Without a count from before the game started, the since-boot total cannot be split: unknown, not a pass.
    const uncounted = check.evaluate(input(makeEvidence(android({ ...history, locationRequests: [aggregate] }))));
    expect(uncounted.outcome).toBe('inconclusive');
    expect(uncounted.summary).toBe(
      "No sign that location is on was found, but the location service's since-boot count (925 from fused) was not read before the game started, so it cannot be split into before and during the capture.",
    );
  });

  it('takes the uid-level mode over the package line, which prints "allow" by default', () => {
    const ignored = makeEvidence(
      android({
        recordsReadAt: '2026-03-02T10:00:59.000Z',
        appOps: [
          { op: 'FINE_LOCATION', mode: 'ignore', scope: 'uid' },
          { op: 'FINE_LOCATION', mode: 'allow', lastAccess: '+5s120ms ago', lastAccessAt: '2026-03-02T10:00:53.880Z' },
        ],
      }),
    );
    const result = check.evaluate(input(ignored));
    expect(result.outcome).toBe('pass');
    expect(result.findings[0]!.message).toBe('Android records an attempt by com.example.game to use FINE_LOCATION (uid mode "ignore" over the package\'s "allow"), which was not allowed.');
    const foreground = makeEvidence(
      android({
        recordsReadAt: '2026-03-02T10:00:59.000Z',
        appOps: [
          { op: 'FINE_LOCATION', mode: 'foreground', scope: 'uid' },
          { op: 'FINE_LOCATION', mode: 'ignore', lastAccess: '+5s120ms ago', lastAccessAt: '2026-03-02T10:00:53.880Z' },
        ],
      }),
    );
    expect(check.evaluate(input(foreground)).outcome).toBe('fail');
  });

  it('does not count an attempt Android refused', () => {
    const refused = makeEvidence(android({ appOps: [{ op: 'COARSE_LOCATION', mode: 'allow', lastAccess: 'rejected +12s ago', lastRejectAt: '2026-03-02T10:00:47.000Z' }] }));
    const result = check.evaluate(input(refused));
    expect(result.outcome).toBe('pass');
    expect(result.findings[0]).toMatchObject({ severity: 'info', data: { op: 'COARSE_LOCATION' } });
  });

  it('is inconclusive on an app-op access whose time was not resolved (a bundle from before the capture window was stored)', () => {
    const evidence = makeEvidence(android({ appOps: [{ op: 'COARSE_LOCATION', mode: 'allow', lastAccess: '+2h3m39s662ms ago' }] }));
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('inconclusive');
    expect(result.summary).toBe('No sign that location is on was found, but the app-op COARSE_LOCATION was last used +2h3m39s662ms ago, which the capture did not resolve to a time.');
  });

  it('fails when the location service counted locations for the game during the capture', () => {
    const evidence = makeEvidence(
      android({ locationRequests: [{ provider: 'fused', active: false, locations: 931, locationsAtStart: 925, raw: '10311/com.example.game: min/max interval = 0s/1s, locations = 931' }] }),
    );
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('fail');
    expect(result.findings[0]!.message).toBe("The location service's history shows the game received 6 location(s) from fused during this capture (925 before it, 931 at the end).");
  });

  it('fails when the location service lists an active request from the game', () => {
    const evidence = makeEvidence(
      android({ locationRequests: [{ provider: 'fused', active: true, quality: 'BALANCED', coarse: true, raw: '1010231/com.example.game (COARSE) Request[@+5m0s0ms BALANCED]' }] }),
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

  it('passes on the web when the browser profile allows location and the game asks only during play', () => {
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

// Review Appendix A #7: the settings phase failed, so "in-game location options were off" was never seen.
describe('geolocation.location-off-by-default through runCheck', () => {
  it('is inconclusive, not a pass, when the settings phase failed', () => {
    const evidence = makeEvidence({
      status: 'incomplete',
      incompleteReasons: [{ phase: 'settings', message: 'The settings phase failed: the settings screen did not open.', affects: ['settings'] }],
      settings: { source: 'none', readable: false, controls: [] },
    });
    const result = runCheck(check, input(evidence));
    expect(result.outcome).toBe('inconclusive');
    expect(result.requires).toContain('settings');
    expect(result.summary).not.toContain('in-game location options were off');
  });

  it('is inconclusive when the settings screen could not be read, even without a recorded fault', () => {
    const evidence = makeEvidence({ settings: { source: 'discovery', readable: false, controls: [] } });
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('inconclusive');
    expect(result.summary).toBe('No sign that location is on was found, but the in-game settings could not be read.');
  });
});
