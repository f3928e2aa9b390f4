// Every check, listed by hand (design.md): adding a check is adding its file and one line here.
import type { CheckDefinition } from '../src/scoring/check-contract.ts';

export const allChecks: readonly CheckDefinition[] = [];

export function findCheck(id: string): CheckDefinition | undefined {
  return allChecks.find((check) => check.id === id);
}
