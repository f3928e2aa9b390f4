// history.csv: one row per game, run and standard, oldest run first, with the change against the
// run before and whether that run could be compared with it. The same figures as history.html.
import { toCsv } from '../report/csv.ts';
import { standards } from '../scoring/standards.ts';
import type { GameHistory } from './build-history.ts';
import { changeWords } from './change-words.ts';

export const historyCsvHeader = [
  'game',
  'variant',
  'run',
  'captured_on',
  'standard',
  'standard_name',
  'status',
  'previous_status',
  'change',
  'comparable_with_previous',
  'not_comparable_because',
  'report',
  'diff_with_previous',
] as const;

export interface HistoryLinks {
  report(point: GameHistory['points'][number]): string;
  diff(game: GameHistory, point: GameHistory['points'][number]): string | undefined;
}

export function historyCsv(games: readonly GameHistory[], links: HistoryLinks): string {
  const rows = games.flatMap((game) =>
    game.points.flatMap((point) =>
      standards.map((standard) => {
        const change = point.previous?.changes.find((candidate) => candidate.standard === standard.number);
        const previousStatus = point.previous ? (point.previous.audit.result.standards.find((entry) => entry.number === standard.number)?.status ?? '') : '';
        return [
          game.gameId,
          game.variant,
          point.runId,
          point.capturedOn,
          standard.number,
          standard.name,
          point.statuses.get(standard.number) ?? '',
          previousStatus,
          change ? changeWords(change, point.capturedOn) : '',
          point.previous ? (point.previous.comparability.comparable ? 'yes' : 'no') : '',
          point.previous?.comparability.reasons.join('; ') ?? '',
          links.report(point),
          links.diff(game, point) ?? '',
        ];
      }),
    ),
  );
  return toCsv(historyCsvHeader, rows);
}
