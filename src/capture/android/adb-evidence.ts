// Turns the device's own records (adb) into evidence: which permissions the game declares and
// holds, which app ops it used and when, whether it asked for location, and the device's
// android_id. Raw outputs are kept in the bundle beside the parsed results, so an investigator
// can check every parsed value against what the device printed.
import type { Permission } from '../../evidence/schema.ts';
import type { Phase } from '../../plan/schema.ts';
import type { CaptureRecorder } from '../recorder.ts';
import type { AdbQuery, AdbShell, AdbStage } from './adb-shell.ts';
import { parseAndroidId } from './parse-android-id.ts';
import { agoToMilliseconds, locationOps, parseAppOps, type AppOpEntry } from './parse-appops.ts';
import { parseDumpsysLocation, type LocationRequestRecord } from './parse-dumpsys-location.ts';
import { parseDumpsysPackage } from './parse-dumpsys-package.ts';
import { isRuntimePermission, permissionGroup } from './permission-groups.ts';

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
    const affects = query === 'dumpsys-package' ? (['permissions'] as const) : query === 'android-id' ? (['device', 'identifiers'] as const) : (['geolocation'] as const);
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

export class AndroidAdbEvidence {
  /** Location uses already recorded, so the final look does not count the launch ones twice. */
  private readonly seenLocationUses = new Set<string>();

  constructor(
    private readonly shell: AdbShell,
    private readonly packageName: string,
  ) {}

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
    const ops = appops ? parseAppOps(appops) : [];
    android.appOps = ops.map((entry) => ({ op: entry.op, mode: entry.mode, lastAccess: entry.lastAccess ?? (entry.lastReject ? `rejected ${entry.lastReject}` : undefined), running: entry.running, scope: entry.scope }));

    const locationDump = await askAndKeep(recorder, this.shell, 'dumpsys-location', 'final', this.packageName);
    const requests = locationDump ? parseDumpsysLocation(locationDump, this.packageName) : [];
    android.locationRequests = requests.map(({ provider, active, quality, coarse, locations, raw }) => ({ provider, active, quality, coarse, locations, raw }));

    const now = Date.now();
    const lastPhase = draft.phases.at(-1)?.name ?? 'launch';
    recordLocationUses(recorder, locationUses(ops, requests, now, now - captureStartedAt), (time) => phaseAtTime(draft.phases, time) ?? lastPhase, this.seenLocationUses);

    const androidIdOutput = await askAndKeep(recorder, this.shell, 'android-id', 'final', this.packageName);
    const androidId = androidIdOutput ? parseAndroidId(androidIdOutput) : undefined;
    if (androidId) {
      android.androidId = androidId;
      draft.learnedIdentifiers.push({ kind: 'androidId', value: androidId, source: `adb settings get secure android_id${this.shell.recorded ? ' (authored output, simulated device)' : ''}` });
    }
  }
}
