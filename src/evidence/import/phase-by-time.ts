// Which phase an imported request or access belongs to. Another tool does not know our phases,
// so only the operator can say: one phase for the whole capture (--phase), or the time the child
// made the first privacy choice (--first-choice-at), which splits it into what happened before
// any choice (launch, the default) and what came after (consent). Without either, no phase.
import type { Phase } from '../../plan/schema.ts';

export type PhaseWord = { phase: Phase } | { firstChoiceAt: string } | undefined;

/** The phase of something that happened at `at` (ISO), or undefined when nobody said. */
export function phaseAt(at: string, word: PhaseWord): Phase | undefined {
  if (word === undefined) return undefined;
  if ('phase' in word) return word.phase;
  const time = Date.parse(at);
  // A time we cannot read cannot be put before or after the choice.
  if (Number.isNaN(time)) return undefined;
  return time < Date.parse(word.firstChoiceAt) ? 'launch' : 'consent';
}

/** Split at the first choice when the operator gave its time; otherwise the whole import. */
export function phaseWindow(phase: Phase, startedAt: string, endedAt: string, word: PhaseWord): { startedAt: string; endedAt: string } {
  if (!word || !('firstChoiceAt' in word)) return { startedAt, endedAt };
  const choice = new Date(word.firstChoiceAt).toISOString();
  return phase === 'launch' ? { startedAt, endedAt: choice < endedAt ? choice : endedAt } : { startedAt: choice > startedAt ? choice : startedAt, endedAt };
}
