// The report's section on an assisted capture: which parts the tool did and which the
// investigator did, each reading the investigator confirmed, corrected or added beside what the
// tool had read (with who, when and the screenshot), and the moments the investigator marked.
// Computed from result.json alone, like the rest of the report.
import type { Observations } from '../scoring/result-schema.ts';
import type { EvidenceIndex, ScreenshotView } from './evidence-view.ts';
import { settingValueWords, utc } from './format.ts';
import { anchorId } from './safe-href.ts';

const answerWords = {
  confirmed: 'Confirmed the tool’s reading',
  edited: 'Corrected the tool’s reading',
  added: 'Added: the tool could not read it',
} as const;

const sourceWords = {
  'page-source': 'the page source',
  ocr: 'the screenshot (text recognition)',
} as const;

const screenshotSourceWords = {
  appium: 'the Appium session',
  adb: 'adb (screencap) over USB',
  idevicescreenshot: 'idevicescreenshot over USB',
  none: 'nothing: there was no screenshot source, so no screenshots were taken',
} as const;

export interface InvestigatorReadingRow {
  anchor: string;
  label: string;
  toolRead: string;
  investigatorRead: string;
  answer: string;
  by: string;
  at: string;
  screenshot?: ScreenshotView;
  crop?: ScreenshotView;
}

export function buildInvestigatorReadingsView(observations: Observations | undefined, index: EvidenceIndex) {
  const assisted = observations?.assisted;
  if (!assisted) return undefined;
  const readings: InvestigatorReadingRow[] = assisted.observations.flatMap((observation) => {
    const reading = observation.reading;
    if (observation.kind !== 'reading' || !reading) return [];
    return [
      {
        anchor: anchorId('observation', observation.id),
        label: reading.label,
        toolRead: reading.proposed ? `${settingValueWords(reading.proposed.value)} (from ${sourceWords[reading.proposed.source]})` : 'Not read by the tool',
        investigatorRead: settingValueWords(reading.value),
        answer: answerWords[reading.answer],
        by: observation.by,
        at: utc(observation.at),
        ...(observation.screenshot ? { screenshot: index.screenshot(observation.screenshot) } : {}),
        ...(observation.crop ? { crop: index.screenshot(observation.crop) } : {}),
      },
    ];
  });
  const marks = assisted.observations
    .filter((observation) => observation.kind === 'mark')
    .map((observation) => ({
      anchor: anchorId('observation', observation.id),
      phase: observation.phase,
      note: observation.note ?? '',
      by: observation.by,
      at: utc(observation.at),
      ...(observation.screenshot ? { screenshot: index.screenshot(observation.screenshot) } : {}),
    }));
  return {
    operator: assisted.operator,
    screenshotSource: screenshotSourceWords[assisted.screenshotSource],
    automatic: assisted.automatic,
    investigator: assisted.investigator,
    readings,
    marks,
  };
}
