// Looking a check up by the id a person typed, with close matches when it is misspelt.
import { allChecks } from '../../checks/index.ts';
import { ExitCode, UserError } from '../errors.ts';
import type { CheckDefinition } from './check-contract.ts';

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, column) => column);
  for (let row = 1; row <= a.length; row++) {
    let diagonal = previous[0]!;
    previous[0] = row;
    for (let column = 1; column <= b.length; column++) {
      const above = previous[column]!;
      previous[column] = Math.min(above + 1, previous[column - 1]! + 1, diagonal + (a[row - 1] === b[column - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** Ids that contain what was typed, or are a few edits away from it, best first. */
export function closeCheckIds(typed: string, candidates: readonly string[] = allChecks.map((check) => check.id)): string[] {
  const wanted = typed.toLowerCase();
  const scored = candidates.map((id) => {
    const containment = id.includes(wanted) || (wanted.length >= 4 && wanted.includes(id.split('.')[1] ?? id)) ? 0 : Infinity;
    const distance = Math.min(editDistance(wanted, id), ...id.split('.').map((part) => editDistance(wanted, part) + 1));
    return { id, score: Math.min(containment, distance) };
  });
  const limit = Math.max(3, Math.floor(wanted.length / 3));
  return scored
    .filter((candidate) => candidate.score <= limit)
    .sort((a, b) => a.score - b.score || a.id.localeCompare(b.id))
    .slice(0, 5)
    .map((candidate) => candidate.id);
}

export function requireCheck(id: string): CheckDefinition {
  const check = allChecks.find((candidate) => candidate.id === id);
  if (check) return check;
  const suggestions = closeCheckIds(id);
  const hint = suggestions.length > 0 ? `did you mean ${suggestions.join(', ')}?` : 'run `gameaudit checks` for the list';
  throw new UserError(`no check is called "${id}"; ${hint}`, ExitCode.badInput);
}
