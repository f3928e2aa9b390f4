// What changed between two audits of the same game (typically before and after an update):
// check outcomes, the organisations contacted by default, and the privacy settings' defaults;
// and, because a difference may come from how the game was captured rather than from the game,
// any change in the device or browser that captured it.
import type { DeviceInfo, SettingControl } from '../evidence/schema.ts';
import type { Result } from './result-schema.ts';

export interface OutcomeChange {
  check: string;
  standard: number;
  before: string | null;
  after: string | null;
}

export interface SettingChange {
  control: string;
  before: string | null;
  after: string | null;
}

export interface CaptureChange {
  aspect: string;
  before: string | null;
  after: string | null;
}

export interface AuditDiff {
  game: string;
  captureChanges: CaptureChange[];
  /** How the two results were scored differently (tool, tracker catalogue, trackerdb). */
  scorerChanges: CaptureChange[];
  outcomeChanges: OutcomeChange[];
  organisationsAdded: string[];
  organisationsRemoved: string[];
  settingsChanged: SettingChange[];
}

/** What of the capturing device a reader compares (not its serial, which identifies a test phone). */
type ComparedAspect = 'kind' | 'name' | 'osVersion' | 'browserBuild' | 'browserVersion';
const captureAspects: ReadonlyArray<[ComparedAspect, string]> = [
  ['kind', 'device kind'],
  ['name', 'device'],
  ['osVersion', 'OS version'],
  ['browserBuild', 'browser build'],
  ['browserVersion', 'browser version'],
];

function captureChanges(before: DeviceInfo | undefined, after: DeviceInfo | undefined): CaptureChange[] {
  return captureAspects
    .map(([key, aspect]) => ({ aspect, before: before?.[key] ?? null, after: after?.[key] ?? null }))
    .filter((change) => change.before !== change.after);
}

/** What of the scorer a reader compares; absent in results written before it was recorded. */
function scorerChanges(before: Result['scoredBy'], after: Result['scoredBy']): CaptureChange[] {
  const aspects = (scorer: Result['scoredBy']): Record<string, string | null> => ({
    'gameaudit version': scorer?.toolVersion ?? null,
    'gameaudit commit': scorer?.toolCommit ?? null,
    'tracker catalogue sha256': scorer?.trackerCatalogueSha256 ?? null,
    'Ghostery trackerdb': scorer ? (scorer.trackerDb.used ? (scorer.trackerDb.version ?? 'unknown version') : 'not used') : null,
  });
  const was = aspects(before);
  const now = aspects(after);
  return Object.keys(now)
    .map((aspect) => ({ aspect, before: was[aspect] ?? null, after: now[aspect] ?? null }))
    .filter((change) => change.before !== change.after);
}

/** One capture difference in words, as `diff` and a re-capture's comparison both print it. */
export function captureChangeWords(change: CaptureChange): string {
  return `${change.aspect}: ${change.before ?? 'not recorded'} → ${change.after ?? 'not recorded'}`;
}

function settingKey(control: SettingControl): string {
  return control.name ?? control.label.trim().toLowerCase();
}

export function diffAudits(
  before: { result: Result; settings: SettingControl[] },
  after: { result: Result; settings: SettingControl[] },
): AuditDiff {
  const outcomesBefore = new Map(before.result.checks.map((check) => [check.id, check]));
  const outcomesAfter = new Map(after.result.checks.map((check) => [check.id, check]));
  const checkIds = [...new Set([...outcomesBefore.keys(), ...outcomesAfter.keys()])].sort();
  const outcomeChanges = checkIds
    .map((id) => ({
      check: id,
      standard: (outcomesAfter.get(id) ?? outcomesBefore.get(id))!.standard,
      before: outcomesBefore.get(id)?.outcome ?? null,
      after: outcomesAfter.get(id)?.outcome ?? null,
    }))
    .filter((change) => change.before !== change.after);

  // Organisations contacted in the default phase are what the code's standards turn on.
  // A refused handshake is a contact too (counted apart from requests since attempts were added).
  const contacted = (result: Result) =>
    new Set(result.network.organisations.filter((organisation) => organisation.defaultPhaseRequests + (organisation.defaultPhaseAttempts ?? 0) > 0).map((organisation) => organisation.organization));
  const organisationsBefore = contacted(before.result);
  const organisationsAfter = contacted(after.result);

  const settingsBefore = new Map(before.settings.map((control) => [settingKey(control), control]));
  const settingsAfter = new Map(after.settings.map((control) => [settingKey(control), control]));
  const settingsChanged = [...new Set([...settingsBefore.keys(), ...settingsAfter.keys()])]
    .sort()
    .map((key) => ({
      control: (settingsAfter.get(key) ?? settingsBefore.get(key))!.label,
      before: settingsBefore.has(key) ? String(settingsBefore.get(key)!.value) : null,
      after: settingsAfter.has(key) ? String(settingsAfter.get(key)!.value) : null,
    }))
    .filter((change) => change.before !== change.after);

  return {
    game: after.result.game.id,
    captureChanges: captureChanges(before.result.device, after.result.device),
    scorerChanges: scorerChanges(before.result.scoredBy, after.result.scoredBy),
    outcomeChanges,
    organisationsAdded: [...organisationsAfter].filter((name) => !organisationsBefore.has(name)).sort(),
    organisationsRemoved: [...organisationsBefore].filter((name) => !organisationsAfter.has(name)).sort(),
    settingsChanged,
  };
}

export function formatDiff(diff: AuditDiff): string {
  const lines = [`What changed for ${diff.game}:`];
  const none = (list: unknown[]) => list.length === 0;
  lines.push('', 'Check outcomes:');
  if (none(diff.outcomeChanges)) lines.push('  no change');
  for (const change of diff.outcomeChanges) lines.push(`  ${change.check} (standard ${change.standard}): ${change.before ?? 'not run'} → ${change.after ?? 'not run'}`);
  lines.push('', 'Third parties contacted by default:');
  if (none(diff.organisationsAdded) && none(diff.organisationsRemoved)) lines.push('  no change');
  for (const name of diff.organisationsAdded) lines.push(`  + ${name} (new)`);
  for (const name of diff.organisationsRemoved) lines.push(`  - ${name} (no longer contacted)`);
  lines.push('', 'Privacy settings as found:');
  if (none(diff.settingsChanged)) lines.push('  no change');
  for (const change of diff.settingsChanged) lines.push(`  ${change.control}: ${change.before ?? 'absent'} → ${change.after ?? 'absent'}`);
  // Only when it changed: then every difference above may be the capture's as much as the game's.
  if (!none(diff.captureChanges)) {
    lines.push('', 'Captured differently (a difference above may come from this rather than from the game):');
    for (const change of diff.captureChanges) lines.push(`  ${captureChangeWords(change)}`);
  }
  // Likewise a change of scorer: the same evidence can be attributed, and so judged, differently.
  if (!none(diff.scorerChanges)) {
    lines.push('', 'Scored differently (a difference above may come from this rather than from the game):');
    for (const change of diff.scorerChanges) lines.push(`  ${captureChangeWords(change)}`);
  }
  return `${lines.join('\n')}\n`;
}
