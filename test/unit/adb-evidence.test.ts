// The Android capture's reading of adb, end to end on recorded outputs: which Android id is
// searched for and where it came from (review C2), and the times and counts that let a check
// keep device history from before the capture out (review H1).
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AndroidAdbEvidence } from '../../src/capture/android/adb-evidence.ts';
import type { AdbQuery, AdbShell, AdbStage } from '../../src/capture/android/adb-shell.ts';
import { CaptureRecorder } from '../../src/capture/recorder.ts';
import type { BundleWriter } from '../../src/evidence/bundle-writer.ts';
import type { Identifiers } from '../../src/plan/schema.ts';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/adb/${name}`, import.meta.url), 'utf8');

/** Answers from recorded text; a missing answer is what a device without root or the feature gives: an error. */
function shellOf(answers: Partial<Record<`${AdbStage}/${AdbQuery}`, string>>): AdbShell {
  return {
    recorded: false,
    async ask(query, stage) {
      const answer = answers[`${stage}/${query}`];
      if (answer === undefined) throw new Error(`${query}: Permission denied`);
      return answer;
    },
  };
}

function recorderFor(identifiers: Identifiers, osVersion = 'Android 13'): CaptureRecorder {
  let events = 0;
  const bundle = { file: (relativePath: string) => relativePath, event: () => `ev-${String(++events).padStart(4, '0')}` } as unknown as BundleWriter;
  const loadedPlan = { file: 'plan.yaml', plan: {}, identifiers, source: '' } as unknown as ConstructorParameters<typeof CaptureRecorder>[1];
  return new CaptureRecorder(bundle, loadedPlan, {
    schemaVersion: 1,
    game: { id: 'roblox', title: 'Roblox', publisher: 'Roblox Corporation' },
    platform: 'android',
    target: 'com.roblox.client',
    device: { kind: 'emulator', name: 'sdk_gphone64_x86_64', osVersion },
    status: 'complete',
    incompleteReasons: [],
    startedAt: '2026-03-02T10:00:00.000Z',
    phases: [],
    screenshots: [],
    geolocation: { calls: [] },
    permissions: [],
    permissionPrompts: [],
    consentDialogs: [],
    settings: { source: 'none', readable: false, controls: [] },
    storage: [],
    learnedIdentifiers: [],
    notes: [],
    knownIdentifiers: identifiers.androidId ? { androidId: identifiers.androidId } : {},
  });
}

const ssaidStore = fixture('settings-ssaid-android11.xml');

describe("AndroidAdbEvidence: the game's own Android id", () => {
  it('searches for the SSAID store value of the game (converted by abx2xml), never the device-wide android_id', async () => {
    const recorder = recorderFor({ androidId: '9a3f5c7e1b2d4f60' });
    await new AndroidAdbEvidence(shellOf({ 'final/ssaid': ssaidStore }), 'com.roblox.client').final(recorder, Date.parse('2026-03-02T10:00:00.000Z'));
    expect(recorder.draft.android).toMatchObject({ androidId: 'e5c0a98d2f71b346', androidIdSource: 'ssaid-store' });
    expect(recorder.draft.learnedIdentifiers).toEqual([
      { kind: 'androidId', value: 'e5c0a98d2f71b346', source: "the device's SSAID store for com.roblox.client (/data/system/users/0/settings_ssaid.xml)" },
    ]);
    expect(recorder.draft.knownIdentifiers).toEqual({});
    expect(recorder.draft.android!.rawFiles).toContain('device/final-ssaid.xml');
  });

  it('reads the plain-XML store of Android 8 to 11 with cat when abx2xml refuses it', async () => {
    const recorder = recorderFor({});
    const shell = shellOf({ 'final/ssaid': 'abx2xml: Invalid magic number', 'final/ssaid-plain': ssaidStore });
    await new AndroidAdbEvidence(shell, 'com.roblox.client.beta').final(recorder, Date.parse('2026-03-02T10:00:00.000Z'));
    expect(recorder.draft.android).toMatchObject({ androidId: '0c6d2e81f9a47b35', androidIdSource: 'ssaid-store' });
    expect(recorder.draft.android!.rawFiles).toContain('device/final-ssaid-plain.xml');
  });

  it("takes the identifiers file's per-package value on a device without root", async () => {
    const recorder = recorderFor({ androidIdByPackage: { 'com.roblox.client': 'A1B2C3D4E5F60718' } });
    await new AndroidAdbEvidence(shellOf({}), 'com.roblox.client').final(recorder, Date.parse('2026-03-02T10:00:00.000Z'));
    expect(recorder.draft.android).toMatchObject({ androidId: 'a1b2c3d4e5f60718', androidIdSource: 'identifiers-file' });
    expect(recorder.draft.learnedIdentifiers).toEqual([{ kind: 'androidId', value: 'a1b2c3d4e5f60718', source: 'identifiers file: androidIdByPackage com.roblox.client' }]);
    // An unreadable store is a known limit of unrooted phones, not a fault of the capture.
    expect(recorder.draft.incompleteReasons.map((reason) => reason.message).filter((message) => /ssaid|android id/i.test(message))).toEqual([]);
  });

  it('leaves the Android id unknown, and says so, when neither the device nor the identifiers file gives it', async () => {
    const recorder = recorderFor({ androidId: '9a3f5c7e1b2d4f60' });
    await new AndroidAdbEvidence(shellOf({}), 'com.roblox.client').final(recorder, Date.parse('2026-03-02T10:00:00.000Z'));
    expect(recorder.draft.android!.androidId).toBeUndefined();
    expect(recorder.draft.android!.androidIdSource).toBe('not-known');
    expect(recorder.draft.learnedIdentifiers).toEqual([]);
    expect(recorder.draft.knownIdentifiers).toEqual({});
    expect(recorder.draft.notes).toContain(
      'The Android id com.roblox.client sees is not known: the device\'s SSAID store could not be read (it needs a rooted device) and the identifiers file gives no androidIdByPackage value for it. Traffic was not searched for it, so its absence from the findings says nothing.',
    );
  });

  it('keeps the device-wide value on Android 7 and older, where every app sees it', async () => {
    const recorder = recorderFor({ androidId: '9a3f5c7e1b2d4f60' }, 'Android 7.1');
    await new AndroidAdbEvidence(shellOf({}), 'com.roblox.client').final(recorder, Date.parse('2026-03-02T10:00:00.000Z'));
    expect(recorder.draft.knownIdentifiers).toEqual({ androidId: '9a3f5c7e1b2d4f60' });
  });
});

describe('AndroidAdbEvidence: what is needed to keep history from before the capture out', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("resolves app-op times against when adb was read, and keeps the location service's count from before the game started", async () => {
    const before = fixture('dumpsys-location-android14.txt');
    const after = before.replace('locations = 2', 'locations = 9');
    const appops = 'Uid mode: COARSE_LOCATION: ignore\nCOARSE_LOCATION: allow; time=+2d3h0m0s0ms ago\nFINE_LOCATION: ignore; rejectTime=+20s ago\n';
    const shell = shellOf({ 'before-launch/dumpsys-location': before, 'final/appops': appops, 'final/dumpsys-location': after });
    const adb = new AndroidAdbEvidence(shell, 'com.supercell.brawlstars');
    const recorder = recorderFor({});
    vi.setSystemTime(new Date('2026-03-02T09:59:58.000Z'));
    await adb.beforeGameStarts(recorder);
    vi.setSystemTime(new Date('2026-03-02T10:01:00.000Z'));
    await adb.final(recorder, Date.parse('2026-03-02T10:00:00.000Z'));
    const android = recorder.draft.android!;
    expect(android.appOps).toEqual([
      { op: 'COARSE_LOCATION', mode: 'ignore', lastAccess: undefined, lastAccessAt: undefined, lastRejectAt: undefined, running: false, scope: 'uid' },
      { op: 'COARSE_LOCATION', mode: 'allow', lastAccess: '+2d3h0m0s0ms ago', lastAccessAt: '2026-02-28T07:01:00.000Z', lastRejectAt: undefined, running: false, scope: 'package' },
      { op: 'FINE_LOCATION', mode: 'ignore', lastAccess: 'rejected +20s ago', lastAccessAt: undefined, lastRejectAt: '2026-03-02T10:00:40.000Z', running: false, scope: 'package' },
    ]);
    expect(android.recordsReadAt).toBe('2026-03-02T10:01:00.000Z');
    expect(android.locationRequests!.map(({ provider, active, locations, locationsAtStart }) => ({ provider, active, locations, locationsAtStart }))).toEqual([
      { provider: 'fused', active: true, locations: undefined, locationsAtStart: undefined },
      { provider: 'fused', active: false, locations: 9, locationsAtStart: 2 },
    ]);
    expect(android.rawFiles).toContain('device/before-launch-dumpsys-location.txt');
  });

  it('leaves the since-boot count unsplit when the location service could not be read before the game started', async () => {
    const shell = shellOf({ 'final/dumpsys-location': fixture('dumpsys-location-android14.txt') });
    const adb = new AndroidAdbEvidence(shell, 'com.supercell.brawlstars');
    const recorder = recorderFor({});
    await adb.beforeGameStarts(recorder);
    await adb.final(recorder, Date.parse('2026-03-02T10:00:00.000Z'));
    expect(recorder.draft.android!.locationRequests!.find((request) => !request.active)).toMatchObject({ locations: 2, locationsAtStart: undefined });
    expect(recorder.draft.notes[0]).toBe(
      'The location service could not be read before the game started (dumpsys-location: Permission denied), so its since-boot counts cannot be split into before and during the capture.',
    );
  });
});
