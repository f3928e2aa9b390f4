// The consent dialog read two ways, in words for the investigator: the DOM's or page source's
// finder (what the verdict rests on) and the screen model (the page's own words plus OCR on the
// screenshot, the reading a game drawn by an engine gets), and whether the two agree.
import type { ScreenCrossReading } from '../evidence/schema.ts';

export interface CrossReadingView {
  summary: string;
  differences: string[];
}

const firstReading: Record<ScreenCrossReading['comparedWith'], string> = {
  dom: "the web page's structure (its DOM)",
  'page-source': "the app's page source (what Android reports is on screen)",
};

export function crossReadingView(reading: ScreenCrossReading): CrossReadingView {
  const both = `The dialog was read two ways: from ${firstReading[reading.comparedWith]}, which the findings use, and again from the screenshot as the tool reads games drawn by an engine (the words the page gives plus text read by OCR from the pixels).`;
  const outcome = !reading.dialogFound
    ? ' The second reading found no consent dialog on the screenshot.'
    : reading.agrees
      ? ` The two readings agree: the same ${reading.buttons.length === 1 ? 'button' : `${reading.buttons.length} buttons`}, each with the same role.`
      : ' The two readings differ:';
  return { summary: both + outcome, differences: reading.disagreements };
}
