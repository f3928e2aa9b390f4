// The chart of one game's history: a grid of the assessed standards (rows) by run (columns,
// oldest to newest), each cell the standard's status as a tone and a symbol. Plain SVG geometry:
// the template only places these numbers and escaped labels, and the page runs no script.
import { statusLabels, type Label } from '../report/words.ts';
import { standards } from '../scoring/standards.ts';
import type { GameHistory } from './build-history.ts';

export interface StatusChart {
  width: number;
  height: number;
  columns: { x: number; label: string }[];
  rows: { y: number; textY: number; label: string }[];
  cells: { x: number; y: number; textX: number; textY: number; tone: Label['tone']; icon: string; words: string; changed: boolean }[];
}

const labelWidth = 230;
const cellWidth = 96;
const rowHeight = 24;
const headerHeight = 28;

export function layoutStatusChart(game: GameHistory): StatusChart {
  // Standards no automatic check covers stay "not assessed" in every run: they would only add empty rows.
  const shown = standards.filter((standard) => game.points.some((point) => (point.statuses.get(standard.number) ?? 'not-assessed') !== 'not-assessed'));
  const columns = game.points.map((point, position) => ({ x: labelWidth + position * cellWidth, label: point.capturedOn }));
  const rows = shown.map((standard, position) => ({ y: headerHeight + position * rowHeight, textY: headerHeight + position * rowHeight + 17, label: `${standard.number}. ${standard.name}` }));
  const cells = game.points.flatMap((point, column) =>
    shown.map((standard, row) => {
      const status = point.statuses.get(standard.number) ?? 'not-assessed';
      const label = statusLabels[status];
      const x = labelWidth + column * cellWidth;
      const y = headerHeight + row * rowHeight;
      return {
        x: x + 2,
        y: y + 2,
        textX: x + cellWidth / 2,
        textY: y + 17,
        tone: label.tone,
        icon: label.icon,
        words: `${standard.number}. ${standard.name} on ${point.capturedOn}: ${label.words}`,
        changed: point.previous?.changes.some((change) => change.standard === standard.number) ?? false,
      };
    }),
  );
  return { width: labelWidth + game.points.length * cellWidth + 4, height: headerHeight + shown.length * rowHeight + 4, columns, rows, cells };
}
