import { describe, expect, it } from 'vitest';
import check from '../../checks/geolocation.permission-at-launch.ts';
import { during, input, makeEvidence } from './fixtures/evidence-factory.ts';

describe('geolocation.permission-at-launch', () => {
  // Review Appendix A #2: one getCurrentPosition at launch and the prompt it brought up.
  it('counts one position call and the prompt it caused as one request (review M4)', () => {
    const evidence = makeEvidence({
      geolocation: { calls: [{ eventId: 'ev-0003', phase: 'launch', at: during('launch'), api: 'getCurrentPosition' }] },
      permissionPrompts: [
        { eventId: 'ev-0004', phase: 'launch', at: during('launch'), permission: 'geolocation', group: 'location', text: 'play.test-game.example wants to know your location', buttons: [], answer: 'dismissed' },
      ],
    });
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('fail');
    expect(result.summary).toMatch(/^Location was requested 1 time at launch/);
  });

  // demo-android (report-reading-2026-12 item 10): app-ops records one request as a FINE and a COARSE line in the same second.
  it('counts the two app-ops records of one Android request, and its prompt, as one request', () => {
    const evidence = makeEvidence({
      platform: 'android',
      geolocation: {
        calls: [
          { eventId: 'ev-0013', phase: 'launch', at: '2026-11-20T09:14:04.447Z', api: 'android-location-request', detail: 'appops COARSE_LOCATION: ignore, asked and refused +3s ago (permission not granted)' },
          { eventId: 'ev-0014', phase: 'launch', at: '2026-11-20T09:14:04.450Z', api: 'android-location-request', detail: 'appops FINE_LOCATION: ignore, asked and refused +3s ago (permission not granted)' },
        ],
      },
      permissionPrompts: [{ eventId: 'ev-0010', phase: 'launch', at: '2026-11-20T09:14:04.000Z', permission: 'android.permission-group.LOCATION', group: 'location', text: 'Allow Leaky Runner to access this device’s location?', buttons: [], answer: 'denied' }],
    });
    const result = check.evaluate(input(evidence));
    expect(result.summary).toBe('Location was requested 1 time at launch, before the player did anything.');
    expect(result.findings[0]!.evidence).toEqual([{ kind: 'event', id: 'ev-0013' }, { kind: 'event', id: 'ev-0014' }]);
    expect(result.findings[0]!.message).toContain('(one request, recorded by the device as 2 entries in the same second)');
  });

  it('fails when getCurrentPosition is called at launch, pointing at the event', () => {
    const evidence = makeEvidence({
      geolocation: { calls: [{ eventId: 'ev-0003', phase: 'launch', at: during('launch'), api: 'getCurrentPosition', frameUrl: 'https://play.test-game.example/' }] },
    });
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('fail');
    expect(result.findings[0]).toMatchObject({ severity: 'fail', evidence: [{ kind: 'event', id: 'ev-0003' }], data: { api: 'getCurrentPosition', phase: 'launch' } });
  });

  it('fails on an Android location permission prompt at launch, with its screenshot', () => {
    const evidence = makeEvidence({
      platform: 'android',
      permissionPrompts: [
        {
          eventId: 'ev-0002',
          phase: 'launch',
          at: during('launch'),
          permission: 'android.permission-group.LOCATION',
          group: 'location',
          text: 'Allow Test Game to access this device’s location?',
          buttons: [],
          answer: 'denied',
          screenshot: 'screens/02-launch-permission.png',
        },
      ],
    });
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('fail');
    expect(result.findings[0]!.evidence).toContainEqual({ kind: 'screenshot', file: 'screens/02-launch-permission.png' });
  });

  it('warns when location is asked for on the consent screen, before play', () => {
    const evidence = makeEvidence({ geolocation: { calls: [{ eventId: 'ev-0010', phase: 'consent', at: during('consent'), api: 'watchPosition' }] } });
    expect(check.evaluate(input(evidence)).outcome).toBe('warn');
  });

  it('passes when location is only asked for during play, and reports a mere permission query as information', () => {
    const evidence = makeEvidence({
      geolocation: {
        calls: [
          { eventId: 'ev-0004', phase: 'launch', at: during('launch'), api: 'permissions.query' },
          { eventId: 'ev-0020', phase: 'play', at: during('play'), api: 'getCurrentPosition' },
        ],
      },
    });
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('pass');
    expect(result.findings).toEqual([expect.objectContaining({ severity: 'info', evidence: [{ kind: 'event', id: 'ev-0004' }] })]);
  });

  it('is inconclusive when the launch phase was not observed to its end', () => {
    const evidence = makeEvidence({ phases: [{ name: 'launch', startedAt: during('launch', 0), status: 'failed' }] });
    expect(check.evaluate(input(evidence)).outcome).toBe('inconclusive');
  });

  // An assisted capture without Appium cannot see system dialogs (src/capture/assisted/assisted-driver.ts).
  const promptsNotSeen = {
    item: 'permission-prompts' as const,
    reason: "This assisted capture had no Appium session, so the system permission dialogs were not read; the investigator's marks and the screenshots show what was on screen.",
  };

  it('is inconclusive, never a pass, when the capture could not see the system permission dialogs', () => {
    const result = check.evaluate(input(makeEvidence({ platform: 'android', notCollected: [promptsNotSeen] })));
    expect(result.outcome).toBe('inconclusive');
    expect(result.summary).toBe('No location request was seen, but this capture could not see the system permission dialogs.');
    expect(result.findings.map((finding) => finding.message)).toEqual([promptsNotSeen.reason]);
  });

  it('still fails on a location call seen at launch when the dialogs themselves could not be seen', () => {
    const evidence = makeEvidence({ notCollected: [promptsNotSeen], geolocation: { calls: [{ eventId: 'ev-0003', phase: 'launch', at: during('launch'), api: 'getCurrentPosition' }] } });
    expect(check.evaluate(input(evidence)).outcome).toBe('fail');
  });
});
