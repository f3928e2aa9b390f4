// gameaudit import: one entry point for every file another tool saves. The format is told from
// the content (detect-format.ts), the file is read once, and each format has its own reader; all
// of them end in a sealed bundle that keeps the original file, hashed, and says what it lacks.
import { createHash } from 'node:crypto';
import { UserError } from '../errors.ts';
import type { Phase, Platform } from '../plan/schema.ts';
import { readAppPrivacyReport } from './import/app-privacy-report.ts';
import { detectImportFormat, importFormatNames, type ImportFormat } from './import/detect-format.ts';
import type { PhaseWord } from './import/phase-by-time.ts';
import { readInputFile } from './import/read-input-file.ts';
import { readTrackerControlCsv } from './import/trackercontrol-csv.ts';
import { importDomainReport } from './import-domain-report.ts';
import { assertUnusedOutDir, importHar, readHarFile, type ImportedBundle } from './import-har.ts';

export interface ImportFileOptions {
  file: string;
  gameId: string;
  /** Required for a HAR; an App Privacy Report is iOS and a TrackerControl export Android. */
  platform?: Platform;
  /** The game's bundle id or package, for exports that hold every app on the phone. */
  app?: string;
  identifiersFile?: string;
  firstPartyDomains: string[];
  outDir: string;
  phase?: Phase;
  firstChoiceAt?: string;
}

export interface ImportedFile extends ImportedBundle {
  format: ImportFormat;
}

/** The platform each domain-level export comes from: there is no other. */
const platformOf: Partial<Record<ImportFormat, Platform>> = { 'app-privacy-report': 'ios', 'trackercontrol-csv': 'android' };

export async function importFile(options: ImportFileOptions): Promise<ImportedFile> {
  const input = readInputFile(options.file);
  const format = detectImportFormat(options.file, input.text);
  const implied = platformOf[format];
  if (implied && options.platform && options.platform !== implied) {
    throw new UserError(`--platform: ${options.file} is an export of type ${importFormatNames[format]}, which comes from ${implied}, not ${options.platform}; leave --platform out or give ${implied}`);
  }
  const platform = options.platform ?? implied;
  if (!platform) {
    // A file that is not a readable HAR at all says so first: "give --platform" would not help.
    readHarFile(options.file, input);
    throw new UserError(`--platform: ${options.file} is a HAR, which does not say where its traffic came from; give --platform android, ios or web`);
  }
  if (format === 'har') {
    if (options.app) throw new UserError(`--app: ${options.file} is a HAR, which holds one capture; --app is for an App Privacy Report or TrackerControl export, so leave it out`);
    const imported = await importHar({
      harFile: options.file,
      input,
      gameId: options.gameId,
      platform,
      ...(options.identifiersFile ? { identifiersFile: options.identifiersFile } : {}),
      firstPartyDomains: options.firstPartyDomains,
      outDir: options.outDir,
      ...(options.phase ? { phase: options.phase } : {}),
      ...(options.firstChoiceAt ? { firstChoiceAt: options.firstChoiceAt } : {}),
    });
    return { ...imported, format };
  }
  const report = format === 'app-privacy-report' ? readAppPrivacyReport(options.file, input.text, options.app) : readTrackerControlCsv(options.file, input.text, options.app);
  assertUnusedOutDir(options.outDir);
  const phaseWord: PhaseWord = options.phase ? { phase: options.phase } : options.firstChoiceAt ? { firstChoiceAt: options.firstChoiceAt } : undefined;
  const imported = await importDomainReport({
    file: options.file,
    bytes: input.bytes,
    sha256: createHash('sha256').update(input.bytes).digest('hex'),
    format,
    report,
    gameId: options.gameId,
    platform,
    firstPartyDomains: options.firstPartyDomains,
    outDir: options.outDir,
    phaseWord,
  });
  // An identifiers file is of no use when nothing a connection carried was recorded: said, not silently ignored.
  const warnings = options.identifiersFile ? [...imported.warnings, `--identifiers: an export of type ${importFormatNames[format]} records no request contents, so the identifiers were not searched for`] : imported.warnings;
  return { ...imported, warnings, format };
}
