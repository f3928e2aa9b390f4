import { describe, expect, it } from 'vitest';
import check from '../../checks/data-minimisation.dangerous-permissions.ts';
import type { EvidenceInput } from '../../src/evidence/schema.ts';
import { during, input, makeEvidence } from './fixtures/evidence-factory.ts';

type Permission = NonNullable<EvidenceInput['permissions']>[number];
const declared = (name: string, group: Permission['group'], runtime = true): Permission => ({ name, group, requested: true, runtime, granted: false, source: 'dumpsys package' });
const androidApp = (permissions: Permission[], prompts: EvidenceInput['permissionPrompts'] = []) =>
  makeEvidence({
    platform: 'android',
    device: { kind: 'emulator', name: 'Pixel 7 API 34' },
    permissions: [declared('android.permission.INTERNET', 'other', false), ...permissions],
    permissionPrompts: prompts,
    android: { package: 'com.example.game', rawFiles: ['device/dumpsys-package.txt'] },
  });
const prompt = (permission: string, group: Permission['group'], phase: 'launch' | 'play', eventId: string) => ({
  eventId,
  phase,
  at: during(phase),
  permission,
  group,
  text: 'Allow Test Game to …?',
  buttons: [],
  answer: 'denied' as const,
  screenshot: `screens/09-${phase}-prompt.png`,
});

describe('data-minimisation.dangerous-permissions', () => {
  // Review Appendix A #1, the shape the Android capture writes: the dialog as a permission group,
  // a location request from app-ops, FINE and COARSE declared and not granted.
  it('does not call a permission "not asked for" when the Android dialog for its group was shown at launch (review H3)', () => {
    const evidence = makeEvidence({
      platform: 'android',
      device: { kind: 'emulator', name: 'Pixel 7 API 34' },
      permissions: [declared('android.permission.ACCESS_FINE_LOCATION', 'location'), declared('android.permission.ACCESS_COARSE_LOCATION', 'location')],
      permissionPrompts: [prompt('android.permission-group.LOCATION', 'location', 'launch', 'ev-0004')],
      geolocation: { calls: [{ eventId: 'ev-0005', phase: 'launch', at: during('launch'), api: 'android-location-request', detail: 'appops COARSE_LOCATION: allow, asked and refused +3s ago (permission not granted)' }] },
      android: { package: 'com.example.game', rawFiles: ['device/dumpsys-package.txt'] },
    });
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('fail');
    expect(result.summary).toBe('1 sensitive permission request was made before play started.');
    expect(result.findings.filter((finding) => finding.severity === 'warn')).toEqual([]);
  });

  it('fails when a sensitive permission is prompted at launch, marking it as prompted at launch', () => {
    const evidence = androidApp([declared('android.permission.READ_CONTACTS', 'contacts')], [prompt('android.permission.READ_CONTACTS', 'contacts', 'launch', 'ev-0002')]);
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('fail');
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ data: { group: 'contacts', promptedAtLaunch: true }, evidence: [{ kind: 'event', id: 'ev-0002' }, { kind: 'screenshot', file: 'screens/09-launch-prompt.png' }] });
  });

  it('fails when a web page asks for the position at launch', () => {
    const evidence = makeEvidence({ geolocation: { calls: [{ eventId: 'ev-0003', phase: 'launch', at: during('launch'), api: 'getCurrentPosition' }] } });
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('fail');
    expect(result.findings[0]!.data).toMatchObject({ group: 'location', promptedAtLaunch: true });
  });

  it('warns about sensitive permissions declared but never asked for, listing each', () => {
    const evidence = androidApp([declared('android.permission.RECORD_AUDIO', 'microphone'), declared('android.permission.READ_PHONE_STATE', 'phone')]);
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('warn');
    expect(result.findings.map((finding) => finding.data?.permission)).toEqual(['android.permission.RECORD_AUDIO', 'android.permission.READ_PHONE_STATE']);
    expect(result.findings[0]!.evidence).toEqual([{ kind: 'file', path: 'device/dumpsys-package.txt' }]);
  });

  it('passes when a sensitive permission is only asked for during play', () => {
    const evidence = androidApp([declared('android.permission.CAMERA', 'camera')], [prompt('android.permission.CAMERA', 'camera', 'play', 'ev-0030')]);
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('pass');
    expect(result.findings[0]).toMatchObject({ severity: 'info', data: { permission: 'android.permission.CAMERA', promptedAtLaunch: false } });
  });

  it('passes on the web when nothing sensitive is requested', () => {
    expect(check.evaluate(input(makeEvidence())).outcome).toBe('pass');
  });

  it('is inconclusive on Android when the permission list was not captured', () => {
    const evidence = makeEvidence({ platform: 'android', device: { kind: 'emulator', name: 'Pixel 7 API 34' }, permissions: [] });
    expect(check.evaluate(input(evidence)).outcome).toBe('inconclusive');
  });
});
