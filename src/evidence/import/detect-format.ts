// Which tool's export a file is, from its content alone: file names and extensions are whatever
// the investigator's phone or laptop made of them (an App Privacy Report arrives as .ndjson, .json
// or .txt; a HAR as .har or .json), so only what is inside decides.
import { InputFileError } from '../../errors.ts';

export const importFormats = ['har', 'app-privacy-report', 'trackercontrol-csv'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** What each format is called in messages and in the bundle. */
export const importFormatNames: Record<ImportFormat, string> = {
  har: 'HAR',
  'app-privacy-report': 'iOS App Privacy Report (NDJSON)',
  'trackercontrol-csv': 'TrackerControl CSV export',
};

/** App Privacy Report lines are one JSON object each, with type "access" or "networkActivity" (Apple, "Inspecting app activity data"). */
const appPrivacyReportTypes = /"type"\s*:\s*"(access|networkActivity)"/;

function firstLine(text: string): string {
  const trimmed = text.trimStart();
  const end = trimmed.search(/\r?\n/);
  return end < 0 ? trimmed : trimmed.slice(0, end);
}

export function detectImportFormat(file: string, text: string): ImportFormat {
  const line = firstLine(text);
  if (line.startsWith('{') || line.startsWith('[')) {
    // A HAR is one JSON document whose first line rarely closes; an App Privacy Report's first line
    // is a whole record of its own.
    if (appPrivacyReportTypes.test(line)) {
      try {
        const record = JSON.parse(line) as { type?: unknown };
        if (record.type === 'access' || record.type === 'networkActivity') return 'app-privacy-report';
      } catch {
        // Not a whole JSON object on the first line: a HAR laid out on one line, or broken; the HAR reader says which.
      }
    }
    return 'har';
  }
  // TrackerControl's traffic export starts with its column names (uid, daddr, time, …).
  const columns = line.split(',').map((column) => column.trim().replace(/^"|"$/g, '').toLowerCase());
  if (columns.includes('daddr') && columns.includes('time')) return 'trackercontrol-csv';
  throw new InputFileError(
    file,
    `not a format gameaudit imports (it reads a HAR, an iOS App Privacy Report .ndjson and a TrackerControl .csv export); the file starts ${JSON.stringify(line.slice(0, 40))}`,
  );
}
