// Reads TrackerControl's traffic export (Android; the app's menu › Export), one connection a row.
// Its columns, as tweasel's parser of the same export reads them (tweaselORG, parseNetworkActivityReport:
// "uid, daddr, time, uncertain, Tracker, Category, Package, App"): daddr is the host or address
// contacted, time the connection's time in milliseconds since 1970, Tracker and Category the
// company and kind TrackerControl matched it to (empty when none), Package the app's package name.
// A row that cannot be read is left out with a warning naming its line.
import { InputFileError } from '../../errors.ts';
import { csvRows } from './csv-rows.ts';
import { type DomainContact, type DomainReport, isoTime, listApps } from './domain-report.ts';

const requiredColumns = ['daddr', 'time', 'package'] as const;

export const trackerControlLacks = [
  'request contents (URLs, headers, bodies): only the host or address of each connection',
  'sensor and location access',
  'consent dialogs, settings, screenshots and the device',
];

export function readTrackerControlCsv(file: string, text: string, app: string | undefined): DomainReport {
  const [header, ...rows] = csvRows(text);
  const columns = (header?.fields ?? []).map((name) => name.trim().toLowerCase());
  for (const column of requiredColumns) {
    if (!columns.includes(column)) throw new InputFileError(file, `line 1: the column "${column}" is missing (found ${columns.join(', ')}); export the traffic log again from TrackerControl`);
  }
  const column = (fields: string[], name: string): string => (fields[columns.indexOf(name)] ?? '').trim();
  const warnings: string[] = [];
  const contacts: DomainContact[] = [];
  const apps = new Set<string>();
  let otherAppRecords = 0;
  for (const { line, fields } of rows) {
    const packageName = column(fields, 'package');
    if (packageName === '') {
      warnings.push(`line ${line}.Package: empty; the row names no app, left out`);
      continue;
    }
    apps.add(packageName);
    if (packageName !== app) {
      otherAppRecords += 1;
      continue;
    }
    const host = column(fields, 'daddr');
    if (host === '') {
      warnings.push(`line ${line}.daddr: empty; the row names no host, left out`);
      continue;
    }
    const timeText = column(fields, 'time');
    const at = /^\d+$/.test(timeText) ? isoTime(Number(timeText)) : undefined;
    if (!at) {
      warnings.push(`line ${line}.time: ${JSON.stringify(timeText)} is not a time in milliseconds; left out`);
      continue;
    }
    const company = columns.includes('tracker') ? column(fields, 'tracker') : '';
    const category = columns.includes('category') ? column(fields, 'category') : '';
    contacts.push({ host, firstSeen: at, lastSeen: at, ...(company ? { toolCompany: company } : {}), ...(category ? { toolCategory: category } : {}), line });
  }
  if (apps.size === 0) throw new InputFileError(file, 'no row names an app (the Package column is empty throughout); export the traffic log again');
  if (app === undefined) throw new InputFileError(file, `--app: the export holds ${apps.size} apps; give the game's package name with --app (found: ${listApps(apps)})`);
  if (!apps.has(app)) throw new InputFileError(file, `--app: "${app}" has no rows in this export (found: ${listApps(apps)}); check the package name`);
  if (contacts.length === 0) throw new InputFileError(file, `--app: none of the rows of "${app}" could be read (${warnings[0] ?? 'no rows'}); export the traffic log again`);
  return { tool: 'TrackerControl', app, contacts, accesses: [], otherAppRecords, warnings, lacks: trackerControlLacks };
}
