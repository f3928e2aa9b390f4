// Standard 10: location is off until the child turns it on — no permission granted, no in-game
// location option on, no location read by the game.
import { classifyControl, defaultPhases, defineCheck, type EvidenceRef, type Finding, locationRequests, matchesExpectation, phaseCompleted, plural, settingRefs, valueAsOnOff } from '../src/check-kit/index.ts';

const positionApis = new Set(['getCurrentPosition', 'watchPosition', 'android-location-request', 'ios-location-request']);
/** Android app-op names that stand for reading the location (appops get prints these). */
const locationOp = /LOCATION/;
/** App-op modes under which an access really happens ("foreground": while the app is on screen). */
const allowingModes = new Set(['allow', 'foreground']);
/** In-app location option values that mean "on"; friends-only sharing is still sharing. */
const sharingValue = /^(on|enabled|yes|true|everyone|anyone|public|friends.*|always|while using.*|precise|approximate)$/i;

export default defineCheck({
  id: 'geolocation.location-off-by-default',
  standard: 10,
  title: 'Location is off by default',
  failureTitle: 'Location is on by default',
  requires: ['geolocation', 'permissions', 'settings'],
  rationale:
    "Standard 10 of the Children's code (Geolocation) asks that location options are switched off by default, so " +
    'that a child has to turn them on. We never grant location during a capture, so a location permission found ' +
    'granted, an in-game location option found on, or the device recording that the game read the location ' +
    "(Android app-ops and the location service, counted only inside the capture's own time window; on the web, " +
    'position requests before play) shows a default that is on.',
  evaluate({ evidence }) {
    const findings: Finding[] = [];
    let failures = 0;
    /** Requests for the position among the failures: a request is not an allowed location, and the summary says which is which. */
    let positionRequests = 0;
    const onPlatform = evidence.platform;

    // 1. Permission granted without the player granting it.
    for (const permission of evidence.permissions) {
      if (permission.group !== 'location' || permission.granted !== true) continue;
      if (onPlatform === 'web') {
        // The test browser's profile decides this, not the game: reported, not scored.
        findings.push({
          message: `The test browser allowed ${permission.name} (${permission.source}); this reflects the browser set-up, not the game's default.`,
          evidence: [],
          severity: 'info',
          data: { permission: permission.name, source: permission.source },
        });
        continue;
      }
      failures += 1;
      findings.push({
        message: `${permission.name} was granted although the player never granted it (${permission.source}).`,
        evidence: evidence.android?.rawFiles.map((file): EvidenceRef => ({ kind: 'file', path: file })) ?? [],
        severity: 'fail',
        data: { permission: permission.name, source: permission.source },
      });
    }

    if (onPlatform !== 'web' && evidence.geolocation.permissionState === 'granted' && failures === 0) {
      failures += 1;
      findings.push({
        message: 'The location permission reads "granted" on the device although the player never granted it.',
        evidence: evidence.android?.rawFiles.map((file): EvidenceRef => ({ kind: 'file', path: file })) ?? [],
        severity: 'fail',
        data: { permissionState: 'granted' },
      });
    }

    // 2. In-game location options that are on.
    const seenLabels = new Set<string>();
    for (const option of evidence.geolocation.inAppLocationControls) {
      seenLabels.add(option.label);
      const onOff = valueAsOnOff(option.value);
      const on = onOff ?? sharingValue.test(String(option.value).trim());
      if (!on) continue;
      failures += 1;
      findings.push({
        message: `The in-game location option "${option.label}" is ${JSON.stringify(option.value)} by default.`,
        evidence: settingRefs({ label: option.label, kind: 'text', value: option.value }, evidence.settings.screenshot),
        severity: 'fail',
        data: { setting: option.label, value: String(option.value) },
      });
    }
    for (const control of evidence.settings.controls) {
      if (seenLabels.has(control.label)) continue;
      const classified = classifyControl(control);
      if (classified.category !== 'location-sharing') continue;
      // The plan's high-privacy value wins over our reading of the label, as in standard 7.
      const expected = control.name !== undefined ? evidence.expectations[control.name] : undefined;
      const isOn = expected !== undefined ? !matchesExpectation(control.value, expected) : classified.judgement === 'low' || classified.judgement === 'middle';
      if (!isOn) continue;
      failures += 1;
      findings.push({
        message: `The location setting "${control.label}" is ${JSON.stringify(control.value)} by default${expected !== undefined ? `; the plan gives ${JSON.stringify(expected)} as its off value` : `: ${classified.reason}`}.`,
        evidence: settingRefs(control, evidence.settings.screenshot),
        severity: 'fail',
        data: { setting: control.label, value: String(control.value) },
      });
    }

    // 3. Location read by the game, before any feature asked for it.
    for (const request of locationRequests(evidence.geolocation.calls)) {
      const call = request[0]!;
      if (!positionApis.has(call.api) || !defaultPhases.includes(call.phase)) continue;
      failures += 1;
      positionRequests += 1;
      findings.push({
        message: `The game requested the position (${call.api}) during the ${call.phase} phase, before the player turned anything on${request.length > 1 ? ` (one request, recorded by the device as ${request.length} entries in the same second)` : ''}.`,
        evidence: request.map((record): EvidenceRef => ({ kind: 'event', id: record.eventId })),
        severity: 'fail',
        data: { api: call.api, phase: call.phase },
      });
    }
    const android = evidence.android;
    const rawFileRefs: EvidenceRef[] = android?.rawFiles.map((file) => ({ kind: 'file', path: file })) ?? [];
    // The device keeps its records across captures (app-ops times, since-boot location counts):
    // only what happened inside this capture's own window says anything about its default.
    const windowStart = Date.parse(evidence.startedAt);
    const windowEnd = evidence.endedAt ? Date.parse(evidence.endedAt) : android?.recordsReadAt ? Date.parse(android.recordsReadAt) : Number.POSITIVE_INFINITY;
    const inWindow = (at: string): boolean => Date.parse(at) >= windowStart && Date.parse(at) <= windowEnd;
    const unplaced: string[] = [];
    // Android checks an op's uid-level mode before the package's own line, which prints its
    // default "allow" even when the uid mode is "ignore": the uid mode, when set, is the one that applied.
    const uidModes = new Map((android?.appOps ?? []).filter((op) => op.scope === 'uid').map((op) => [op.op, op.mode]));
    for (const op of android?.appOps ?? []) {
      if (!locationOp.test(op.op)) continue;
      const mode = op.scope === 'package' ? (uidModes.get(op.op) ?? op.mode) : op.mode;
      const modeNote = mode !== op.mode ? `uid mode "${mode}" over the package's "${op.mode}"` : `mode "${mode}"`;
      // The capture writes "rejected …" when Android only recorded a refused attempt.
      const rejectedOnly = op.lastAccess?.startsWith('rejected') ?? false;
      const access = op.lastAccess !== undefined && !rejectedOnly ? op.lastAccess : undefined;
      let when: 'running' | 'inside' | 'before' | 'unplaced' | undefined;
      if (op.running) when = 'running';
      else if (access !== undefined) when = op.lastAccessAt === undefined ? 'unplaced' : inWindow(op.lastAccessAt) ? 'inside' : 'before';
      const data = { op: op.op, mode, lastAccess: op.lastAccess ?? null, lastAccessAt: op.lastAccessAt ?? null, running: op.running };
      if (when === 'before') {
        findings.push({ message: `Android records that ${android!.package} last used ${op.op} ${access} (${op.lastAccessAt}), before this capture began: not counted.`, evidence: rawFileRefs, severity: 'info', data });
      } else if (when === 'unplaced') {
        unplaced.push(`the app-op ${op.op} was last used ${access}, which the capture did not resolve to a time`);
        findings.push({ message: `Android records that ${android!.package} used ${op.op} ${access} (${modeNote}), but not when, so it cannot be placed inside or outside this capture.`, evidence: rawFileRefs, severity: 'info', data });
      } else if (when !== undefined && allowingModes.has(mode)) {
        failures += 1;
        findings.push({
          message: `Android records that ${android!.package} used ${op.op} during this capture (${when === 'running' ? 'running now' : `last ${access}`}), with ${modeNote}.`,
          evidence: rawFileRefs,
          severity: 'fail',
          data,
        });
      } else if (when !== undefined || rejectedOnly || (op.lastRejectAt !== undefined && inWindow(op.lastRejectAt))) {
        findings.push({ message: `Android records an attempt by ${android!.package} to use ${op.op} (${modeNote}), which was not allowed.`, evidence: rawFileRefs, severity: 'info', data });
      }
    }
    for (const request of android?.locationRequests ?? []) {
      const data = { provider: request.provider, active: request.active, locations: request.locations ?? null, locationsAtStart: request.locationsAtStart ?? null, raw: request.raw };
      if (request.active) {
        // Listed when the device was read, at the end of this capture: a listener of this capture.
        failures += 1;
        findings.push({ message: `The location service lists an active ${request.coarse ? 'coarse ' : ''}${request.provider} request from the game.`, evidence: rawFileRefs, severity: 'fail', data });
        continue;
      }
      if (!request.locations) continue;
      // The historical aggregate counts since the device booted: only growth during the capture is this capture's.
      if (request.locationsAtStart === undefined) {
        unplaced.push(`the location service's since-boot count (${request.locations} from ${request.provider}) was not read before the game started, so it cannot be split into before and during the capture`);
        findings.push({ message: `The location service's history shows ${request.locations} location(s) from ${request.provider} since the device booted; with no count from before the capture, they cannot be placed in it.`, evidence: rawFileRefs, severity: 'info', data });
      } else if (request.locations > request.locationsAtStart) {
        failures += 1;
        findings.push({
          message: `The location service's history shows the game received ${request.locations - request.locationsAtStart} location(s) from ${request.provider} during this capture (${request.locationsAtStart} before it, ${request.locations} at the end).`,
          evidence: rawFileRefs,
          severity: 'fail',
          data,
        });
      } else {
        findings.push({ message: `The location service's history shows ${request.locations} location(s) from ${request.provider}, all before this capture began: not counted.`, evidence: rawFileRefs, severity: 'info', data });
      }
    }

    if (failures > 0) {
      const others = failures - positionRequests;
      const parts = [...(others > 0 ? [`${plural(others, 'sign')} that location was allowed or used`] : []), ...(positionRequests > 0 ? [`${plural(positionRequests, 'request')} for the position`] : [])];
      return { outcome: 'fail', summary: `Location is on by default: ${parts.join(' and ')}, without the player turning anything on.`, findings };
    }
    const gaps: string[] = [...unplaced];
    if (!phaseCompleted(evidence, 'launch')) gaps.push('the launch phase did not complete');
    // "In-game location options were off" needs settings that were read, not an empty list.
    if (!evidence.settings.readable || evidence.settings.source === 'none') gaps.push('the in-game settings could not be read');
    if (onPlatform === 'android' && (!android || (android.rawFiles.length === 0 && android.appOps.length === 0))) {
      gaps.push("the device's own records of location use (app-ops, location service) were not collected");
    }
    if (gaps.length > 0) {
      return {
        outcome: 'inconclusive',
        summary: `No sign that location is on was found, but ${gaps.join(' and ')}.`,
        findings: [...findings, { message: `Location off by default could not be confirmed: ${gaps.join('; ')}.`, evidence: [], severity: 'info' }],
      };
    }
    return { outcome: 'pass', summary: 'Location permission was not granted, in-game location options were off and no location use was recorded.', findings };
  },
});
