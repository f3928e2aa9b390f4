// Reads an iOS App Privacy Report (Settings › Privacy & Security › App Privacy Report › Save App
// Activity): NDJSON, one record a line. Field names as Apple documents them in "Inspecting app
// activity data" (developer.apple.com/documentation/network/privacy_management/inspecting_app_activity_data):
//   networkActivity: bundleID, domain, firstTimeStamp, timeStamp, hits, domainOwner, domainType,
//                    initiatedType (AppInitiated, or NonAppInitiated for a page the user opened), context
//   access:          accessor {identifier, identifierType}, category, identifier, kind
//                    (intervalBegin / intervalEnd), timeStamp
// A line that cannot be read is left out with a warning naming it; the file is refused only when
// it holds nothing usable for the app asked for.
import { InputFileError } from '../../errors.ts';
import { type DomainContact, type DomainReport, isoTime, listApps, type SensorAccess } from './domain-report.ts';

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What an App Privacy Report never records, whatever the app did. */
export const appPrivacyReportLacks = [
  'request contents (URLs, headers, bodies): only the domain of each connection',
  'the time of each connection: only the first and the last within the report, with a count',
  'consent dialogs, settings, screenshots and the device',
];

export function readAppPrivacyReport(file: string, text: string, app: string | undefined): DomainReport {
  const warnings: string[] = [];
  const contacts: DomainContact[] = [];
  const accesses: SensorAccess[] = [];
  const apps = new Set<string>();
  let otherAppRecords = 0;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let record: unknown;
    try {
      record = JSON.parse(raw);
    } catch {
      warnings.push(`line ${line}: not a JSON record${line === lines.length || (line === lines.length - 1 && lines.at(-1) === '') ? ' (the file may be cut short)' : ''}; left out`);
      return;
    }
    if (!isRecord(record)) {
      warnings.push(`line ${line}: not a JSON object; left out`);
      return;
    }
    const at = (field: string) => `line ${line}.${field}`;
    if (record.type === 'networkActivity') {
      const bundleId = record.bundleID;
      if (typeof bundleId !== 'string' || bundleId === '') return void warnings.push(`${at('bundleID')}: missing; the record names no app, left out`);
      apps.add(bundleId);
      if (bundleId !== app) return void (otherAppRecords += 1);
      if (typeof record.domain !== 'string' || record.domain.trim() === '') return void warnings.push(`${at('domain')}: missing or not text; left out`);
      const lastSeen = isoTime(record.timeStamp);
      const firstSeen = isoTime(record.firstTimeStamp) ?? lastSeen;
      if (!firstSeen || !lastSeen) return void warnings.push(`${at('timeStamp')}: ${JSON.stringify(record.timeStamp)} is not a time; left out`);
      if (record.firstTimeStamp !== undefined && isoTime(record.firstTimeStamp) === undefined) warnings.push(`${at('firstTimeStamp')}: not a time; the last connection's time is used instead`);
      const hits = typeof record.hits === 'number' && Number.isInteger(record.hits) && record.hits >= 0 ? record.hits : undefined;
      if (record.hits !== undefined && hits === undefined) warnings.push(`${at('hits')}: ${JSON.stringify(record.hits)} is not a count; left out of the record`);
      if (record.initiatedType === 'NonAppInitiated') warnings.push(`${at('initiatedType')}: NonAppInitiated, a page the user opened inside the app (${record.domain}); kept, but it may not be the game's own traffic`);
      const owner = typeof record.domainOwner === 'string' && record.domainOwner.trim() !== '' ? record.domainOwner.trim() : undefined;
      contacts.push({ host: record.domain.trim(), firstSeen, lastSeen, ...(hits !== undefined ? { hits } : {}), ...(owner ? { toolCompany: owner } : {}), line });
      return;
    }
    if (record.type === 'access') {
      const accessor = isRecord(record.accessor) ? record.accessor.identifier : undefined;
      if (typeof accessor !== 'string' || accessor === '') return void warnings.push(`${at('accessor.identifier')}: missing; the record names no app, left out`);
      apps.add(accessor);
      if (accessor !== app) return void (otherAppRecords += 1);
      if (typeof record.category !== 'string' || record.category === '') return void warnings.push(`${at('category')}: missing; left out`);
      const time = isoTime(record.timeStamp);
      if (!time) return void warnings.push(`${at('timeStamp')}: ${JSON.stringify(record.timeStamp)} is not a time; left out`);
      accesses.push({ category: record.category, kind: typeof record.kind === 'string' ? record.kind : '', at: time, line });
      return;
    }
    warnings.push(`line ${line}.type: ${JSON.stringify(record.type)} is not a record type gameaudit reads (access, networkActivity); left out`);
  });
  if (apps.size === 0) throw new InputFileError(file, 'no line is an App Privacy Report record naming an app (type access or networkActivity, with bundleID or accessor.identifier); export the report again');
  if (app === undefined) throw new InputFileError(file, `--app: the report holds ${apps.size} apps; give the game's bundle id with --app (found: ${listApps(apps)})`);
  if (!apps.has(app)) throw new InputFileError(file, `--app: "${app}" has no records in this report (found: ${listApps(apps)}); check the bundle id, and that the game ran while App Privacy Report was on`);
  if (contacts.length === 0 && accesses.length === 0) throw new InputFileError(file, `--app: none of the records of "${app}" could be read (${warnings[0] ?? 'no records'}); export the report again`);
  return { tool: 'iOS App Privacy Report', app, contacts, accesses, otherAppRecords, warnings, lacks: appPrivacyReportLacks };
}
