// "What changed since": the comparison a single-check re-capture records in result.json
// (result.previous), laid out for the per-game report. The earlier outcomes are compared with
// this result's rows as they are now, so a later re-score of either side cannot leave it stale.
import type { Result } from '../scoring/result-schema.ts';
import { utc } from './format.ts';
import { anchorId } from './safe-href.ts';
import { outcomeLabels, phaseDescriptions, type Label } from './words.ts';

/** The same anchor game-view gives each check's article (checkAnchor), without importing it back. */
const checkAnchor = (id: string): string => anchorId('check', id);

export interface ComparisonView {
  bundle: string;
  startedAt: string;
  recapturedFor: { id: string; anchor: string };
  phases: string[];
  rows: Array<{ id: string; anchor: string; title: string; before: Label; after: Label | undefined; changed: boolean }>;
  changedCount: number;
  organisationsAdded: string[];
  organisationsRemoved: string[];
  settingsCaptured: boolean;
  settingsChanged: Array<{ control: string; before: string; after: string }>;
  /** How the two captures were made differently: a change of outcome may come from this. */
  captureChanges: Array<{ aspect: string; before: string; after: string }>;
}

export function buildComparisonView(result: Result): ComparisonView | undefined {
  const previous = result.previous;
  if (!previous) return undefined;
  const now = new Map(result.checks.map((row) => [row.id, row]));
  const rows = previous.outcomes.map((earlier) => {
    const current = now.get(earlier.check);
    return {
      id: earlier.check,
      anchor: checkAnchor(earlier.check),
      title: current?.title ?? earlier.check,
      before: outcomeLabels[earlier.outcome],
      after: current ? outcomeLabels[current.outcome] : undefined,
      changed: current?.outcome !== earlier.outcome,
    };
  });
  return {
    bundle: previous.bundle,
    startedAt: utc(previous.startedAt),
    recapturedFor: { id: previous.recapturedFor, anchor: checkAnchor(previous.recapturedFor) },
    phases: previous.phases.map((phase) => phaseDescriptions[phase] ?? phase),
    rows,
    changedCount: rows.filter((row) => row.changed).length,
    organisationsAdded: previous.organisationsAdded,
    organisationsRemoved: previous.organisationsRemoved,
    settingsCaptured: previous.settingsChanged !== null,
    settingsChanged: (previous.settingsChanged ?? []).map((change) => ({ control: change.control, before: change.before ?? 'Absent', after: change.after ?? 'Absent' })),
    captureChanges: (previous.captureChanges ?? []).map((change) => ({
      aspect: change.aspect[0]!.toUpperCase() + change.aspect.slice(1),
      before: change.before ?? 'Not recorded',
      after: change.after ?? 'Not recorded',
    })),
  };
}
