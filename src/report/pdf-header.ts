// The running header of a printed report: which game, which run, when it was captured, so a
// single printed page still says what it belongs to.
import type { Result } from '../scoring/result-schema.ts';
import { titleWithPlatform } from './format.ts';
import { investigatorDate } from './investigator-words.ts';

export function pdfHeader(result: Pick<Result, 'game' | 'platform' | 'bundle'>, run: string): string {
  return `${titleWithPlatform(result.game.title, result.platform)} · run ${run} · captured ${investigatorDate(result.bundle.startedAt.slice(0, 10))}`;
}
