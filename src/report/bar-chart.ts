// A horizontal bar chart drawn as plain SVG geometry (no chart library, nothing loaded): the
// template only places these numbers and escaped labels.
export interface Bar {
  label: string;
  value: number;
  /** Shown after the bar, e.g. "3 games". */
  valueText: string;
  highlight?: boolean;
}

export interface BarChart {
  width: number;
  height: number;
  labelWidth: number;
  bars: { label: string; valueText: string; y: number; textY: number; barWidth: number; valueX: number; highlight: boolean }[];
}

const rowHeight = 26;
const barHeight = 18;

/** valueWidth: room kept right of the longest bar for its words. */
export function layoutBarChart(bars: readonly Bar[], width = 720, labelWidth = 220, valueWidth = 90): BarChart {
  const maxValue = Math.max(1, ...bars.map((bar) => bar.value));
  const plotWidth = width - labelWidth - valueWidth;
  return {
    width,
    height: Math.max(rowHeight, bars.length * rowHeight + 8),
    labelWidth,
    bars: bars.map((bar, position) => {
      const barWidth = Math.max(2, Math.round((bar.value / maxValue) * plotWidth));
      return {
        label: bar.label.length > 32 ? `${bar.label.slice(0, 31)}…` : bar.label,
        valueText: bar.valueText,
        y: position * rowHeight + 4,
        textY: position * rowHeight + 4 + barHeight - 4,
        barWidth,
        valueX: labelWidth + barWidth + 6,
        highlight: bar.highlight === true,
      };
    }),
  };
}
