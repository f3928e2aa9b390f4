// Turns the device's own records (adb) into evidence: which permissions the game declares and
// holds, which app ops it used and when, whether it asked for location, and the Android id the
// game itself sees. Raw outputs are kept in the bundle beside the parsed results, so an investigator
// can check every parsed value against what the device printed.
import type { Permission } from '../../evidence/schema.ts';
import type { Phase } from '../../plan/schema.ts';
import type { CaptureRecorder } from '../recorder.ts';
import { ssaidStorePath, type AdbQuery, type AdbShell, type AdbStage } from './adb-shell.ts';
import { ssaidForPackage } from './parse-ssaid.ts';
import { agoToMilliseconds, locationOps, parseAppOps, type AppOpEntry } from './parse-appops.ts';
import { parseDumpsysLocation, type LocationRequestRecord } from './parse-dumpsys-location.ts';
import { parseDumpsysPackage } from './parse-dumpsys-package.ts';
import { isRuntimePermission, permissionGroup } from '../appium/permission-groups.ts';

type AndroidDraft = NonNullable<CaptureRecorder['draft']['android']> & {
  appOps: NonNullable<NonNullable<CaptureRecorder['draft']['android']>['appOps']>;
  locationRequests: NonNullable<NonNullable<CaptureRecorder['draft']['android']>['locationRequests']>;
  rawFiles: string[];
};

function androidDraft(recorder: CaptureRecorder, packageName: string): AndroidDraft {
  const draft = recorder.draft;
  draft.android ??= { package: packageName, userIds: [0], appOps: [], locationRequests: [], rawFiles: [] };
  draft.android.appOps ??= [];
  draft.android.locationRequests ??= [];
  draft.android.rawFiles ??= [];
  return draft.android as AndroidDraft;
}

/** Asks one question, keeps the raw answer under device/, and records a fault instead of throwing. */
async function askAndKeep(recorder: CaptureRecorder, shell: AdbShell, query: AdbQuery, stage: AdbStage, packageName: string): Promise<string | undefined> {
  try {
    const output = await shell.ask(query, stage);
    const file = recorder.bundle.file(`device/${stage}-${query}.txt`, output);
    androidDraft(recorder, packageName).rawFiles.push(file);
    recorder.event('adb-output', { query, stage, file, recorded: shell.recorded });
    return output;
  } catch (error) {
    const affects = query === 'dumpsys-package' ? (['permissions'] as const) : (['geolocation'] as const);
    recorder.markIncomplete(`adb "${query}" (${stage}) could not be read: ${(error as Error).message}`, [...affects]);
    return undefined;
  }
}

export function phaseAtTime(phases: CaptureRecorder['draft']['phases'], time: number): Phase | undefined {
  let found: Phase | undefined;
  for (const phase of phases) {
    const start = Date.parse(phase.startedAt);
    const end = phase.endedAt ? Date.parse(phase.endedAt) : Number.POSITIVE_INFINITY;
    if (time >= start && time <= end) found = phase.name;
  }
  return found;
}

interface LocationUse {
  at: number;
  detail: string;
  key: string;
}

/** Location ops used (or refused) within the window, and the package's active listeners. */
function locationUses(ops: AppOpEntry[], requests: LocationRequestRecord[], now: number, windowMs: number): LocationUse[] {
  const uses: LocationUse[] = [];
  for (const entry of ops) {
    if (!locationOps.has(entry.op) || entry.scope !== 'package') continue;
    const accessAgo = entry.lastAccess ? agoToMilliseconds(entry.lastAccess) : undefined;
    const rejectAgo = entry.lastReject ? agoToMilliseconds(entry.lastReject) : undefined;
    if (entry.running) {
      uses.push({ at: now - (accessAgo ?? 0), key: `op:${entry.op}`, detail: `appops ${entry.op}: ${entry.mode}, in use now (running)` });
    } else if (accessAgo !== undefined && accessAgo <= windowMs) {
      uses.push({ at: now - accessAgo, key: `op:${entry.op}`, detail: `appops ${entry.op}: ${entry.mode}, last access ${entry.lastAccess}` });
    }
    if (rejectAgo !== undefined && rejectAgo <= windowMs) {
      uses.push({ at: now - rejectAgo, key: `reject:${entry.op}`, detail: `appops ${entry.op}: ${entry.mode}, asked and refused ${entry.lastReject} (permission not granted)` });
    }
  }
  for (const request of requests.filter((record) => record.active)) {
    uses.push({ at: now, key: `listener:${request.provider}`, detail: `dumpsys location: active ${request.provider} listener${request.quality ? ` ${request.quality}` : ''}${request.coarse ? ' (COARSE)' : ''}` });
  }
  return uses;
}

function recordLocationUses(recorder: CaptureRecorder, uses: LocationUse[], phaseFor: (time: number) => Phase, seen: Set<string>): void {
  for (const use of uses) {
    if (seen.has(use.key)) continue;
    seen.add(use.key);
    const phase = phaseFor(use.at);
    const at = new Date(use.at).toISOString();
    const eventId = recorder.bundle.event('android-location-request', phase, { detail: use.detail, observedAt: at });
    recorder.draft.geolocation.calls.push({ eventId, phase, at, api: 'android-location-request', detail: use.detail });
  }
}

/** "+2d3h ago" read at `readAt` as an ISO time; undefined when adb printed something else. */
function resolveAgo(ago: string | undefined, readAt: number): string | undefined {
  const milliseconds = ago ? agoToMilliseconds(ago) : undefined;
  return milliseconds === undefined ? undefined : new Date(readAt - milliseconds).toISOString();
}

/** One historical aggregate line: its provider and the "uid/package/tag (COARSE)" it is about. */
function historicalKey(record: Pick<LocationRequestRecord, 'provider' | 'raw'>): string {
  return `${record.provider} ${record.raw.split(':')[0]!.trim()}`;
}

export class AndroidAdbEvidence {
  /** Location uses already recorded, so the final look does not count the launch ones twice. */
  private readonly seenLocationUses = new Set<string>();
  /** The location service's since-boot counts per provider before the game started; undefined when not read. */
  private locationCountsAtStart: Map<string, number> | undefined;

  constructor(
    private readonly shell: AdbShell,
    private readonly packageName: string,
  ) {}

  /**
   * Before the game is started: the location service's since-boot counts, so the final reading
   * can tell what this capture added. Without it those counts stay unplaced (the check says so),
   * which is why a failure here is a note, not a fault.
   */
  async beforeGameStarts(recorder: CaptureRecorder): Promise<void> {
    let output: string;
    try {
      output = await this.shell.ask('dumpsys-location', 'before-launch');
    } catch (error) {
      recorder.note(`The location service could not be read before the game started (${(error as Error).message}), so its since-boot counts cannot be split into before and during the capture.`);
      return;
    }
    const file = recorder.bundle.file('device/before-launch-dumpsys-location.txt', output);
    androidDraft(recorder, this.packageName).rawFiles.push(file);
    recorder.event('adb-output', { query: 'dumpsys-location', stage: 'before-launch', file, recorded: this.shell.recorded });
    this.locationCountsAtStart = new Map();
    for (const record of parseDumpsysLocation(output, this.packageName)) {
      if (!record.active && record.locations !== undefined) this.locationCountsAtStart.set(historicalKey(record), record.locations);
    }
  }

  /**
   * Right after the launch phase: did the game reach for location before the player did
   * anything? Uses within the launch window belong to the launch phase.
   */
  async afterLaunch(recorder: CaptureRecorder, launchStartedAt: number): Promise<void> {
    const appops = await askAndKeep(recorder, this.shell, 'appops', 'after-launch', this.packageName);
    const location = await askAndKeep(recorder, this.shell, 'dumpsys-location', 'after-launch', this.packageName);
    const now = Date.now();
    const uses = locationUses(appops ? parseAppOps(appops) : [], location ? parseDumpsysLocation(location, this.packageName) : [], now, now - launchStartedAt + 2000);
    recordLocationUses(recorder, uses, () => 'launch', this.seenLocationUses);
  }

  async final(recorder: CaptureRecorder, captureStartedAt: number): Promise<void> {
    const android = androidDraft(recorder, this.packageName);
    const { draft } = recorder;

    const packageDump = await askAndKeep(recorder, this.shell, 'dumpsys-package', 'final', this.packageName);
    if (packageDump) {
      const parsed = parseDumpsysPackage(packageDump, this.packageName);
      if (!parsed) {
        recorder.markIncomplete(`dumpsys package found no package ${this.packageName} on the device`, ['permissions']);
      } else {
        android.versionName = parsed.versionName;
        const users = parsed.installedUsers.length > 0 ? parsed.installedUsers : [...parsed.runtimeByUser.keys()];
        const userIds = users.length > 0 ? users : [0];
        android.userIds = userIds;
        // The capture runs as the device's first user with the app; other users are listed, not merged.
        const firstUser = userIds[0]!;
        const runtime = parsed.runtimeByUser.get(firstUser) ?? [];
        const permissions: Permission[] = parsed.requested.map((name) => {
          const runtimePermission = isRuntimePermission(name);
          const state = runtimePermission ? runtime.find((entry) => entry.name === name) : parsed.install.find((entry) => entry.name === name);
          return { name, group: permissionGroup(name), requested: true, runtime: runtimePermission, granted: state ? state.granted : runtimePermission ? false : null, source: `dumpsys package (user ${firstUser})` };
        });
        draft.permissions.push(...permissions);
        const location = permissions.filter((permission) => permission.group === 'location' && permission.runtime);
        const locationStates = location.map((permission) => runtime.find((entry) => entry.name === permission.name));
        if (location.some((permission) => permission.granted)) draft.geolocation.permissionState = 'granted';
        else if (locationStates.some((state) => state?.flags.includes('USER_SET') || state?.flags.includes('USER_FIXED'))) draft.geolocation.permissionState = 'denied';
        else if (location.length > 0) draft.geolocation.permissionState = 'prompt';
      }
    }

    const appops = await askAndKeep(recorder, this.shell, 'appops', 'final', this.packageName);
    // "+2d3h ago" is relative to when adb answered: resolved now, so a check can place it in the capture window.
    const appopsReadAt = Date.now();
    const ops = appops ? parseAppOps(appops) : [];
    android.appOps = ops.map((entry) => ({
      op: entry.op,
      mode: entry.mode,
      lastAccess: entry.lastAccess ?? (entry.lastReject ? `rejected ${entry.lastReject}` : undefined),
      lastAccessAt: resolveAgo(entry.lastAccess, appopsReadAt),
      lastRejectAt: resolveAgo(entry.lastReject, appopsReadAt),
      running: entry.running,
      scope: entry.scope,
    }));

    const locationDump = await askAndKeep(recorder, this.shell, 'dumpsys-location', 'final', this.packageName);
    android.recordsReadAt = new Date(appopsReadAt).toISOString();
    const requests = locationDump ? parseDumpsysLocation(locationDump, this.packageName) : [];
    const countsAtStart = this.locationCountsAtStart;
    android.locationRequests = requests.map(({ provider, active, quality, coarse, locations, raw }) => ({
      provider,
      active,
      quality,
      coarse,
      locations,
      // A provider not listed before the game started had counted nothing for it since boot.
      locationsAtStart: countsAtStart && !active && locations !== undefined ? (countsAtStart.get(historicalKey({ provider, raw })) ?? 0) : undefined,
      raw,
    }));

    const now = Date.now();
    const lastPhase = draft.phases.at(-1)?.name ?? 'launch';
    recordLocationUses(recorder, locationUses(ops, requests, now, now - captureStartedAt), (time) => phaseAtTime(draft.phases, time) ?? lastPhase, this.seenLocationUses);

    await this.recordGameAndroidId(recorder);
  }

  /**
   * The Android id this game sees. Since Android 8 each app (signing key and user) gets its own,
   * so the device-wide `settings get secure android_id` can never match what a game sends: it is
   * not searched. The game's value comes from the SSAID store (rooted devices), else from the
   * identifiers file's androidIdByPackage; with neither, the Android id is unknown and the
   * evidence says so.
   */
  private async recordGameAndroidId(recorder: CaptureRecorder): Promise<void> {
    const android = androidDraft(recorder, this.packageName);
    const { draft } = recorder;
    const majorVersion = androidMajorVersion(draft.device?.osVersion);
    const legacyDevice = majorVersion !== undefined && majorVersion < 8;
    if (draft.knownIdentifiers?.androidId !== undefined && !legacyDevice) {
      delete draft.knownIdentifiers.androidId;
      recorder.note(
        "The identifiers file's androidId (the device-wide value) was not searched for: since Android 8 every app sees its own Android id. " +
          'Give the game\'s own value as androidIdByPackage, or run on a rooted emulator where the capture reads it.',
      );
    }
    const store = await this.readSsaidStore(recorder);
    const fromStore = store === undefined ? undefined : ssaidForPackage(store, this.packageName);
    const fromFile = recorder.loadedPlan.identifiers.androidIdByPackage?.[this.packageName]?.toLowerCase();
    const recorded = this.shell.recorded ? ' (authored output, simulated device)' : '';
    let chosen: { value: string; source: string; from: 'ssaid-store' | 'identifiers-file' } | undefined;
    if (fromStore) chosen = { value: fromStore, from: 'ssaid-store', source: `the device's SSAID store for ${this.packageName} (${ssaidStorePath})${recorded}` };
    else if (fromFile) chosen = { value: fromFile, from: 'identifiers-file', source: `identifiers file: androidIdByPackage ${this.packageName}` };
    if (fromStore && fromFile && fromStore !== fromFile) {
      recorder.note(`The identifiers file gives ${this.packageName} the Android id ${fromFile}, but the device's SSAID store holds ${fromStore}; the device's value was searched for.`);
    }
    if (!chosen) {
      android.androidIdSource = 'not-known';
      recorder.note(
        `The Android id ${this.packageName} sees is not known: the device's SSAID store ${store === undefined ? 'could not be read (it needs a rooted device)' : 'has no entry for it'} and the identifiers file gives no androidIdByPackage value for it. ` +
          'Traffic was not searched for it, so its absence from the findings says nothing.',
      );
      return;
    }
    android.androidId = chosen.value;
    android.androidIdSource = chosen.from;
    draft.learnedIdentifiers.push({ kind: 'androidId', value: chosen.value, source: chosen.source });
  }

  /** The store as XML (converted from ABX where needed), or undefined when the device would not give it. */
  private async readSsaidStore(recorder: CaptureRecorder): Promise<string | undefined> {
    const problems: string[] = [];
    for (const query of ['ssaid', 'ssaid-plain'] as const) {
      let output: string;
      try {
        output = await this.shell.ask(query, 'final');
      } catch (error) {
        problems.push(`${query}: ${(error as Error).message}`);
        continue;
      }
      if (!/<settings\b/.test(output)) {
        problems.push(`${query}: ${output.trim().slice(0, 120) || 'no output'}`);
        continue;
      }
      const file = recorder.bundle.file(`device/final-${query}.xml`, output);
      androidDraft(recorder, this.packageName).rawFiles.push(file);
      recorder.event('adb-output', { query, stage: 'final', file, recorded: this.shell.recorded });
      return output;
    }
    recorder.event('adb-output-unavailable', { query: 'ssaid', problems });
    return undefined;
  }
}

/** "Android 13" → 13; undefined when the version is not known. */
function androidMajorVersion(osVersion: string | undefined): number | undefined {
  const match = osVersion?.match(/(\d+)/);
  return match ? Number(match[1]) : undefined;
}
