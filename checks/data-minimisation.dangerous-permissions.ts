// Standard 8: which sensitive runtime permissions the game wants, and whether it asks for them
// before the child has started anything that needs them.
import type { PermissionGroup, PermissionPrompt } from '../src/evidence/schema.ts';
import { defaultPhases, defineCheck, type EvidenceRef, type Finding, phaseCompleted, plural } from '../src/check-kit/index.ts';

/** Android's "dangerous" permission groups (and their web / iOS equivalents): each gives access
 * to personal data or to the child's surroundings, so each needs a reason a child can see. */
const sensitiveGroups: readonly PermissionGroup[] = [
  'location',
  'contacts',
  'camera',
  'microphone',
  'phone',
  'storage',
  'nearby-devices',
  'calendar',
  'sms',
  'body-sensors',
  'activity-recognition',
];

const positionApis = new Set(['getCurrentPosition', 'watchPosition', 'android-location-request', 'ios-location-request']);

function promptRefs(prompt: PermissionPrompt): EvidenceRef[] {
  return [{ kind: 'event', id: prompt.eventId }, ...(prompt.screenshot ? [{ kind: 'screenshot', file: prompt.screenshot } as const] : [])];
}

export default defineCheck({
  id: 'data-minimisation.dangerous-permissions',
  standard: 8,
  title: 'No sensitive permission is requested before it is needed',
  failureTitle: 'Sensitive permissions are requested before the child uses a feature that needs them',
  requires: ['permissions', 'geolocation'],
  // The package's manifest: what the game declares even where the device's own list was not read (iOS, imported captures).
  optional: ['package'],
  rationale:
    "Standard 8 of the Children's code (Data minimisation) asks that a game collects only what it needs for the parts " +
    'the child is actively and knowingly using, with a separate choice for each. Runtime permissions such as location, ' +
    'contacts, camera, microphone, phone, storage and nearby devices open up personal data. We list each one the game ' +
    'declares or asks for, and whether it was asked for before play (which no feature the child chose can explain). ' +
    'Declared permissions that were never asked for are listed for a person to weigh against what the game offers; ' +
    'where the app package was inspected, its manifest adds the permissions it declares (background location among them).',
  evaluate({ evidence }) {
    const findings: Finding[] = [];
    const sensitivePrompts = evidence.permissionPrompts.filter((prompt) => sensitiveGroups.includes(prompt.group));
    const early = sensitivePrompts.filter((prompt) => defaultPhases.includes(prompt.phase));
    for (const prompt of early) {
      findings.push({
        message: `The game asked for ${prompt.permission} (${prompt.group}) during the ${prompt.phase} phase, before the player started any feature.`,
        evidence: promptRefs(prompt),
        severity: 'fail',
        data: { permission: prompt.permission, group: prompt.group, phase: prompt.phase, promptedAtLaunch: prompt.phase === 'launch' },
      });
    }

    // On the web the browser's own prompt is not always visible to the capture; a position request
    // is the request for the location permission, so it counts where no prompt was recorded.
    const positionCalls = evidence.geolocation.calls.filter(
      (call) => positionApis.has(call.api) && defaultPhases.includes(call.phase) && !early.some((prompt) => prompt.group === 'location' && prompt.phase === call.phase),
    );
    const firstCallPerPhase = positionCalls.filter((call, position) => positionCalls.findIndex((other) => other.phase === call.phase) === position);
    for (const call of firstCallPerPhase) {
      findings.push({
        message: `The game asked for the location (${call.api}) during the ${call.phase} phase, before the player started any feature.`,
        evidence: [{ kind: 'event', id: call.eventId }],
        severity: 'fail',
        data: { permission: 'geolocation', group: 'location', phase: call.phase, promptedAtLaunch: call.phase === 'launch' },
      });
    }

    // Android's dialog asks for a group (one location dialog covers FINE and COARSE) and is stored as
    // android.permission-group.X; declared permissions are names. Compared on the group, the level both share.
    const asks = (prompt: { group: string }, permission: { group: string }): boolean => prompt.group === permission.group;
    const fromDevice = evidence.permissions.filter((permission) => permission.requested && permission.runtime && sensitiveGroups.includes(permission.group));
    // Declared in the package but not in the device's list (no dumpsys on iOS, or a list cut short): compared the same way.
    const fromPackage = (evidence.packageInspection?.android?.manifests ?? [])
      .flatMap((manifest) => manifest.permissions)
      .filter((declared) => declared.dangerous && sensitiveGroups.includes(declared.group as PermissionGroup) && !fromDevice.some((permission) => permission.name === declared.name))
      .filter((declared, position, all) => all.findIndex((other) => other.name === declared.name) === position)
      .map((declared) => ({ name: declared.name, group: declared.group as PermissionGroup, granted: null, source: 'the app package manifest' }));
    const requested = [...fromDevice, ...fromPackage];
    const packageFiles = (evidence.packageInspection?.files ?? []).filter((file) => file.role !== 'split-set').map((file): EvidenceRef => ({ kind: 'file', path: file.path }));
    const declaredInPackage = (name: string): boolean => (evidence.packageInspection?.android?.manifests ?? []).some((manifest) => manifest.permissions.some((declared) => declared.name === name));
    const declarationRefs = (permission: { source: string }): EvidenceRef[] =>
      permission.source === 'the app package manifest' ? packageFiles : evidence.android?.rawFiles.map((file): EvidenceRef => ({ kind: 'file', path: file })) ?? [];
    const notYetReported = requested.filter(
      (permission) => !early.some((prompt) => asks(prompt, permission)) && !(permission.group === 'location' && firstCallPerPhase.length > 0),
    );
    for (const permission of [...notYetReported].sort((a, b) => a.group.localeCompare(b.group) || a.name.localeCompare(b.name))) {
      const laterPrompt = sensitivePrompts.find((prompt) => asks(prompt, permission));
      findings.push({
        message: laterPrompt
          ? `${permission.name} (${permission.group}) was asked for during play, when the player used the game.`
          : `${permission.name} (${permission.group}) is requested by the game but was not asked for during the capture; a person should judge whether the game needs it.`,
        evidence: laterPrompt ? promptRefs(laterPrompt) : declarationRefs(permission),
        severity: laterPrompt ? 'info' : 'warn',
        data: { permission: permission.name, group: permission.group, granted: permission.granted, promptedAtLaunch: false, source: permission.source, declaredInPackage: declaredInPackage(permission.name) },
      });
    }

    const background = requested.find((permission) => permission.name === 'android.permission.ACCESS_BACKGROUND_LOCATION');
    if (background) {
      findings.push({
        message: 'The game declares ACCESS_BACKGROUND_LOCATION: location while the game is not on screen, which no game feature a child uses in play needs.',
        evidence: declarationRefs(background),
        severity: 'warn',
        data: { permission: background.name, group: 'location', source: background.source },
      });
    }

    const earlyCount = early.length + firstCallPerPhase.length;
    if (earlyCount > 0) {
      return { outcome: 'fail', summary: `${plural(earlyCount, 'sensitive permission request')} ${earlyCount === 1 ? 'was' : 'were'} made before play started.`, findings };
    }
    const unexplained = findings.filter((finding) => finding.severity === 'warn' && finding.data?.promptedAtLaunch === false).length;
    if (unexplained > 0) {
      return { outcome: 'warn', summary: `${plural(unexplained, 'sensitive permission')} requested by the game without being used during the capture.`, findings };
    }
    if (background) return { outcome: 'warn', summary: 'The game declares background location, which play does not need.', findings };
    // Every Android app declares some permission (INTERNET at least); none at all means dumpsys was not read.
    const declaredByPackage = (evidence.packageInspection?.android?.manifests ?? []).some((manifest) => manifest.permissions.length > 0);
    if ((evidence.platform !== 'web' && evidence.permissions.length === 0 && !declaredByPackage) || !phaseCompleted(evidence, 'launch')) {
      return {
        outcome: 'inconclusive',
        summary: 'No sensitive permission was seen, but the permissions could not be read in full.',
        findings: [...findings, { message: evidence.platform !== 'web' && evidence.permissions.length === 0 && !declaredByPackage ? "The app's permission list was not captured." : 'The launch phase did not complete.', evidence: [], severity: 'info' }],
      };
    }
    return {
      outcome: 'pass',
      summary: requested.length > 0 ? 'Sensitive permissions were only asked for during play.' : 'The game requested no sensitive permission.',
      findings,
    };
  },
});
