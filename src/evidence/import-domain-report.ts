// Turns a domain-level export (iOS App Privacy Report, TrackerControl) into an evidence bundle.
// Such an export knows which hosts one app contacted and when, and (App Privacy Report) when it
// used location and other sensors; it never knows what a connection carried. So each contact
// becomes a network.har entry marked `_domainContact` (readability "domain-only"), which lets the
// contact checks decide (which companies, before or after the first choice) and leaves every
// payload check inconclusive, saying why. Location access recorded by iOS feeds the geolocation checks.
import path from 'node:path';
import type { Phase, Platform } from '../plan/schema.ts';
import { phaseNames } from '../plan/schema.ts';
import { BundleWriter } from './bundle-writer.ts';
import type { Har, HarEntry } from './har.ts';
import type { DomainReport } from './import/domain-report.ts';
import type { ImportFormat } from './import/detect-format.ts';
import { phaseAt, phaseWindow, type PhaseWord } from './import/phase-by-time.ts';
import type { ImportedHar } from './imported-har-schema.ts';
import { notCollectedItems, type EvidenceArea, type EvidenceInput } from './schema.ts';
import type { ImportedBundle } from './import-har.ts';

export interface ImportDomainReportOptions {
  file: string;
  bytes: Buffer;
  sha256: string;
  format: ImportFormat;
  report: DomainReport;
  gameId: string;
  platform: Platform;
  firstPartyDomains: string[];
  outDir: string;
  phaseWord: PhaseWord;
  toolVersion?: string;
}

/** Apple's category for location in App Privacy Report access records. */
const locationCategory = 'location';

/** A URL for a host the export names; undefined when the host cannot be one (the export is then wrong about it). */
function urlForHost(host: string): string | undefined {
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const url = `https://${bracketed}/`;
  return URL.canParse(url) ? url : undefined;
}

const domainOnlyMissing = ['request.method', 'request.url.path', 'request.headers', 'request.cookies', 'request.postData', 'response'];

export async function importDomainReport(options: ImportDomainReportOptions): Promise<ImportedBundle> {
  const { report } = options;
  const warnings = [...report.warnings];
  const entries: HarEntry[] = [];
  for (const contact of [...report.contacts].sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.line - b.line)) {
    const url = urlForHost(contact.host);
    if (!url) {
      warnings.push(`line ${contact.line}: ${JSON.stringify(contact.host)} is not a host name or address; left out`);
      continue;
    }
    const phase = phaseAt(contact.firstSeen, options.phaseWord);
    entries.push({
      startedDateTime: contact.firstSeen,
      time: -1,
      // The export does not say the method or path: "UNKNOWN" and "/" stand in, and _missing says so.
      request: { method: 'UNKNOWN', url, httpVersion: '', headers: [], queryString: [], cookies: [], headersSize: -1, bodySize: -1 },
      response: { status: 0, statusText: '', httpVersion: '', headers: [], cookies: [], content: { size: -1, mimeType: '', comment: 'not recorded by a domain-level export' }, redirectURL: '', headersSize: -1, bodySize: -1 },
      cache: {},
      timings: { send: 0, wait: 0, receive: 0 },
      ...(phase ? { _phase: phase } : {}),
      _missing: domainOnlyMissing,
      _domainContact: {
        tool: report.tool,
        firstSeen: contact.firstSeen,
        lastSeen: contact.lastSeen,
        ...(contact.hits !== undefined ? { hits: contact.hits } : {}),
        ...(contact.toolCompany ? { toolCompany: contact.toolCompany } : {}),
        ...(contact.toolCategory ? { toolCategory: contact.toolCategory } : {}),
        line: contact.line,
      },
    });
  }

  const times = [...report.contacts.flatMap((contact) => [contact.firstSeen, contact.lastSeen]), ...report.accesses.map((access) => access.at)].sort();
  const startedAt = times[0]!;
  const endedAt = times[times.length - 1]!;
  const fileName = path.basename(options.file);
  const creator = `${report.tool}${options.toolVersion ? ` ${options.toolVersion}` : ''}`;
  const phaseSource: ImportedHar['phaseSource'] = options.phaseWord === undefined ? 'not-recorded' : 'phase' in options.phaseWord ? 'operator' : 'first-choice-time';
  const hasSensorRecords = report.tool === 'iOS App Privacy Report';

  const writer = new BundleWriter(options.outDir);
  writer.file(`imported/${fileName}`, options.bytes);
  // Location use recorded by iOS, one call per interval it began; an interval's end adds nothing new.
  const calls: EvidenceInput['geolocation']['calls'] = [];
  const unplacedLocation: string[] = [];
  for (const access of [...report.accesses].sort((a, b) => a.at.localeCompare(b.at) || a.line - b.line)) {
    const phase = phaseAt(access.at, options.phaseWord) ?? null;
    const eventId = writer.event('sensor-access', phase, { at: access.at, category: access.category, kind: access.kind, source: `${report.tool}, line ${access.line}` });
    if (access.category !== locationCategory || access.kind === 'intervalEnd') continue;
    if (phase === null) unplacedLocation.push(access.at);
    else calls.push({ eventId, phase, at: access.at, api: 'ios-location-request', detail: `${report.tool} recorded the app using location (${access.kind || 'access'}, line ${access.line})` });
  }

  const notObserved: EvidenceArea[] = ['settings', 'consent', 'permissions', 'screenshots', 'device', 'age-gate'];
  if (!hasSensorRecords) notObserved.push('geolocation');
  const phases: Phase[] = phaseNames.filter((phase) => entries.some((entry) => entry._phase === phase) || calls.some((call) => call.phase === phase));
  const importedHar: ImportedHar = {
    file: fileName,
    creator,
    format: options.format,
    sha256: options.sha256,
    app: report.app,
    lacks: report.lacks,
    phaseSource,
    phasesAssumed: true,
    ...(options.phaseWord && 'phase' in options.phaseWord ? { operatorPhase: options.phaseWord.phase } : {}),
    ...(options.phaseWord && 'firstChoiceAt' in options.phaseWord ? { firstChoiceAt: options.phaseWord.firstChoiceAt } : {}),
    entriesInFile: report.contacts.length,
    entriesLeftOut: [],
    fieldsMissing: Object.fromEntries(domainOnlyMissing.map((field) => [field, entries.length])),
  };
  const hits = report.contacts.reduce((sum, contact) => sum + (contact.hits ?? 1), 0);
  const evidenceInput: EvidenceInput = {
    schemaVersion: 1,
    game: { id: options.gameId, title: options.gameId, publisher: `unknown (imported ${report.tool})` },
    platform: options.platform,
    target: report.app,
    device: { kind: 'physical', name: `unknown (recorded with ${creator})` },
    status: 'complete',
    incompleteReasons: [
      {
        message: `Imported from ${fileName} (${report.tool}), which lacks ${report.lacks.join('; ')}. So ${notObserved.join(', ')} were not observed.`,
        affects: notObserved,
      },
      {
        message: `${report.tool} records only which hosts ${report.app} contacted and when, never what was sent, so no identifier, location or ad setting in the traffic could be searched for.`,
        affects: ['identifiers'],
      },
      ...(unplacedLocation.length > 0
        ? [{ message: `${report.tool} recorded ${unplacedLocation.length} location use(s) by ${report.app} (first at ${unplacedLocation[0]}), but nobody said which phase they fell in; give --first-choice-at or --phase.`, affects: ['geolocation'] as EvidenceArea[] }]
        : []),
    ],
    startedAt,
    endedAt,
    phases: phases.map((name) => ({ name, ...phaseWindow(name, startedAt, endedAt, options.phaseWord), status: 'complete' as const, note: phaseNote(name, options.phaseWord) })),
    geolocation: { calls },
    settings: { source: 'none', readable: false, controls: [], note: `Imported ${report.tool} export: the settings screens were not observed.` },
    notCollected: notCollectedItems
      .filter((item) => !(hasSensorRecords && (item === 'location-requests' || item === 'location-history')))
      .map((item) => ({ item, reason: `Imported from an export of ${report.tool}: only hosts contacted${hasSensorRecords ? ' and sensor use' : ''} are known.` })),
    firstPartyDomains: options.firstPartyDomains,
    knownIdentifiers: {},
    notes: [
      `Imported with gameaudit import from ${fileName} (${report.tool}, sha256 ${options.sha256}); the original file is kept unchanged as imported/${fileName}.`,
      `${entries.length} hosts contacted by ${report.app} (${hits} connections counted by ${report.tool}), ${report.accesses.length} sensor and data access records${report.otherAppRecords > 0 ? `; ${report.otherAppRecords} records of other apps were left out` : ''}.`,
      `Each host is one entry of network.har at its first recorded connection; its method ("UNKNOWN") and path ("/") stand in for what ${report.tool} did not record.`,
      ...companiesNamedByTool(report),
      // What the import could not use stays with the evidence, not only on the terminal.
      ...(warnings.length > 0 ? [`Not all of the file could be used (${warnings.length} ${warnings.length === 1 ? 'record' : 'records'}): ${warnings.slice(0, 20).join('; ')}${warnings.length > 20 ? `; and ${warnings.length - 20} more` : ''}.`] : []),
      ...(report.tool === 'iOS App Privacy Report' ? ['An App Privacy Report covers the last seven days: turn it off and on before the session (which clears it) so that only the session is in it.'] : []),
      importPhaseNote(options.phaseWord, report.tool),
    ],
    importedHar,
  };
  const har: Har = { log: { version: '1.2', creator: { name: report.tool, version: options.toolVersion ?? '' }, entries } };
  writer.writeHar(har);
  writer.event('domain-report-imported', null, { file: fileName, tool: report.tool, app: report.app, hosts: entries.length, accesses: report.accesses.length, sha256: options.sha256, warnings: warnings.length });
  const evidence = writer.writeEvidence(evidenceInput);
  await writer.seal({
    evidence,
    planSource: JSON.stringify({ import: fileName, sha256: options.sha256, format: options.format, app: report.app, gameId: options.gameId, platform: options.platform, phaseWord: options.phaseWord ?? null, firstPartyDomains: options.firstPartyDomains }),
  });
  return { directory: options.outDir, evidence, entryCount: entries.length, creator, warnings };
}

/**
 * The company the tool itself named for each host (TrackerControl's Tracker, Apple's domainOwner),
 * kept as the tool's word beside gameaudit's own attribution, which may differ or know no company.
 */
function companiesNamedByTool(report: DomainReport): string[] {
  const named = new Map<string, string>();
  for (const contact of report.contacts) {
    if (contact.toolCompany && !named.has(contact.host)) named.set(contact.host, `${contact.host} → ${contact.toolCompany}${contact.toolCategory ? ` (${contact.toolCategory})` : ''}`);
  }
  if (named.size === 0) return [];
  const listed = [...named.values()];
  const shown = listed.length > 30 ? `${listed.slice(0, 30).join('; ')}; and ${listed.length - 30} more` : listed.join('; ');
  return [`${report.tool} named the company behind ${named.size} of the hosts (its word, not gameaudit's attribution): ${shown}.`];
}

function phaseNote(phase: Phase, word: PhaseWord): string {
  if (word && 'firstChoiceAt' in word) {
    return phase === 'launch'
      ? `Not observed by gameaudit: everything recorded before the first privacy choice, which the operator said was made at ${word.firstChoiceAt}.`
      : `Not observed by gameaudit: everything recorded from the first privacy choice on (${word.firstChoiceAt}, the operator's word).`;
  }
  return `Not observed by gameaudit: the operator said the whole imported capture was the ${phase} phase.`;
}

function importPhaseNote(word: PhaseWord, tool: string): string {
  if (word === undefined) return `${tool} does not know gameaudit's phases, and no --first-choice-at or --phase was given, so nothing here says what happened before a privacy choice.`;
  if ('phase' in word) return `The operator said the whole capture was the ${word.phase} phase (--phase ${word.phase}).`;
  return `The operator said the first privacy choice was made at ${word.firstChoiceAt} (--first-choice-at): contacts first recorded before it count as launch, the default; later ones as consent. A host first contacted before the choice may also have been contacted after it.`;
}
