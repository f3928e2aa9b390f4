// Parses `dumpsys location` for one package: its active location listeners per provider and
// the historical aggregates (how often, how many fixes). Android 11 rewrote the
// LocationManagerService dump; Android 10's older format ("UpdateRecord[...]",
// "Historical Records by Provider:") is read too.
import { adbLines, indentOf } from './adb-text.ts';

export interface LocationRequestRecord {
  provider: string;
  active: boolean;
  quality?: string;
  coarse: boolean;
  locations?: number;
  raw: string;
}

const qualityWords = ['HIGH_ACCURACY', 'BALANCED', 'LOW_POWER', 'PASSIVE', 'ACCURACY_FINE', 'ACCURACY_BLOCK', 'ACCURACY_CITY', 'POWER_HIGH', 'POWER_LOW', 'POWER_NONE'];

function qualityOf(line: string): string | undefined {
  return qualityWords.find((word) => new RegExp(`\\b${word}\\b`).test(line));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

type Section = 'providers' | 'historical' | 'legacy-active' | 'legacy-historical' | 'other';

export function parseDumpsysLocation(output: string, packageName: string): LocationRequestRecord[] {
  const pkg = escapeRegExp(packageName);
  // "10153/com.example.game" followed by "/tag", " ", ":" or "[" — never a longer package name.
  const identity = new RegExp(`\\b\\d+/${pkg}(?=[/\\s:\\[]|$)`);
  const legacyRecord = new RegExp(`UpdateRecord\\[(\\w+) ${pkg}\\(`);
  const legacyHistorical = new RegExp(`^${pkg}: (\\w+): `);
  const records: LocationRequestRecord[] = [];
  let section: Section = 'other';
  let provider = '';
  let providerIndent = -1;

  for (const rawLine of adbLines(output)) {
    const text = rawLine.trim();
    if (!text) continue;
    const indent = indentOf(rawLine);
    if (/^Location Providers:$/.test(text)) {
      section = 'providers';
      continue;
    }
    if (/^Historical Aggregate Location Provider Data:$/.test(text)) {
      section = 'historical';
      continue;
    }
    if (/^Active Records by Provider:$/.test(text)) {
      section = 'legacy-active';
      continue;
    }
    if (/^Historical Records by Provider:$/.test(text)) {
      section = 'legacy-historical';
      continue;
    }
    // Any other heading at section level ends the section (Event Log lines mention packages too).
    if (/^[A-Z][\w /-]*:$/.test(text) && indent <= 2 && !/provider:$/i.test(text)) {
      section = 'other';
      continue;
    }

    if (section === 'providers') {
      const heading = text.match(/^(\w+) provider:$/);
      if (heading) {
        provider = heading[1]!;
        providerIndent = indent;
        continue;
      }
      if (provider && indent > providerIndent && identity.test(text) && /Request\[/.test(text)) {
        records.push({ provider, active: true, quality: qualityOf(text), coarse: /\(COARSE\)/.test(text), raw: text });
      }
    } else if (section === 'historical') {
      const heading = text.match(/^(\w+):$/);
      if (heading) {
        provider = heading[1]!;
        continue;
      }
      if (provider && identity.test(text)) {
        const locations = text.match(/locations = (\d+)/);
        records.push({ provider, active: false, coarse: /\(COARSE\)/.test(text), locations: locations ? Number(locations[1]) : undefined, raw: text });
      }
    } else if (section === 'legacy-active') {
      const record = text.match(legacyRecord);
      if (record) {
        const quality = qualityOf(text);
        records.push({ provider: record[1]!, active: true, quality, coarse: quality === 'ACCURACY_BLOCK' || quality === 'ACCURACY_CITY', raw: text });
      }
    } else if (section === 'legacy-historical') {
      const record = text.match(legacyHistorical);
      if (record) records.push({ provider: record[1]!, active: /Currently active/.test(text), coarse: false, raw: text });
    }
  }
  return records;
}
