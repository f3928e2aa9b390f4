// The running header of a printed report: which game, which run, when it was captured, so a
// single printed page still says what it belongs to.
import type { Result } from '../scoring/result-schema.ts';
import { platformWords } from './format.ts';
import { investigatorDate } from './investigator-words.ts';

export function pdfHeader(result: Pick<Result, 'game' | 'platform' | 'bundle'>, run: string): string {
  return `${result.game.title} (${platformWords[result.platform] ?? result.platform}) · run ${run} · captured ${investigatorDate(result.bundle.startedAt.slice(0, 10))}`;
}
