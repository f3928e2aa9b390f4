// Which tool's export a file is, from its content alone: file names and extensions are whatever
// the investigator's phone or laptop made of them (an App Privacy Report arrives as .ndjson, .json
// or .txt; a HAR as .har or .json), so only what is inside decides.
import { InputFileError } from '../../errors.ts';

export const importFormats = ['har', 'app-privacy-report', 'trackercontrol-csv'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** What each format is called in messages and in the bundle. */
export const importFormatNames: Record<ImportFormat, string> = {
  har: 'HAR',
  'app-privacy-report': 'iOS App Privacy Report',
  'trackercontrol-csv': 'TrackerControl CSV export',
};

/** App Privacy Report lines are one JSON object each, with type "access" or "networkActivity" (Apple, "Inspecting app activity data"). */
const appPrivacyReportTypes = /"type"\s*:\s*"(access|networkActivity)"/;

function firstLine(text: string): string {
  const trimmed = text.trimStart();
  const end = trimmed.search(/\r?\n/);
  return end < 0 ? trimmed : trimmed.slice(0, end);
}

/** Lines looked at for a whole App Privacy Report record: one cut or edited line must not make the file a "HAR". */
const linesToTry = 20;

/** An App Privacy Report record is a few hundred bytes; a longer line is a HAR on one line, not worth parsing twice. */
const maxRecordLength = 64 * 1024;

function isAppPrivacyRecord(line: string): boolean {
  if (line.length > maxRecordLength || !appPrivacyReportTypes.test(line)) return false;
  try {
    const record = JSON.parse(line) as { type?: unknown } | null;
    return record?.type === 'access' || record?.type === 'networkActivity';
  } catch {
    return false;
  }
}

export function detectImportFormat(file: string, text: string): ImportFormat {
  const line = firstLine(text);
  if (line.startsWith('{') || line.startsWith('[')) {
    // A HAR is one JSON document whose lines are fragments of it; each line of an App Privacy
    // Report is a whole record of its own.
    const lines = text.trimStart().split(/\r?\n/, linesToTry);
    return lines.some(isAppPrivacyRecord) ? 'app-privacy-report' : 'har';
  }
  // TrackerControl's traffic export starts with its column names (uid, daddr, time, …).
  const columns = line.split(',').map((column) => column.trim().replace(/^"|"$/g, '').toLowerCase());
  if (columns.includes('daddr') && columns.includes('time')) return 'trackercontrol-csv';
  throw new InputFileError(
    file,
    `not a format gameaudit imports (it reads a HAR, an iOS App Privacy Report .ndjson and a TrackerControl .csv export); the file starts ${JSON.stringify(line.slice(0, 40))}`,
  );
}
