// Looking a check up by the id a person typed, with close matches when it is misspelt.
import { allChecks } from '../../checks/index.ts';
import { ExitCode, UserError } from '../errors.ts';
import type { CheckDefinition } from '../check-kit/contract.ts';

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

/** Ids that contain what was typed, or differ from it (or from one of their parts) in under
 * 40% of their characters — a typo or a half-remembered name — best first. */
export function closeCheckIds(typed: string, candidates: readonly string[] = allChecks.map((check) => check.id)): string[] {
  const wanted = typed.toLowerCase().trim();
  if (!wanted) return [];
  const scored = candidates.map((id) => {
    if (id.includes(wanted)) return { id, score: 0 };
    const forms = [id, ...id.split('.')];
    const score = Math.min(...forms.map((form) => editDistance(wanted, form) / Math.max(wanted.length, form.length)));
    return { id, score };
  });
  return scored
    .filter((candidate) => candidate.score < 0.4)
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
