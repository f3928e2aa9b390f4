// The publishable summary: per game and standard, the status, a plain-language finding and the
// organisations involved — built from an allow-list of fields known to be safe. Nothing about the
// test device, account or operator is ever read into it: no identifiers, IPs, payloads, cookies,
// URLs, hosts, labels, messages, notes, operator or serial. Screenshots only when asked for.
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../evidence/atomic-write.ts';
import { makeFolders } from '../evidence/make-folders.ts';
import { manifestFileName, ManifestSchema, sha256Hex, type Manifest } from '../evidence/manifest.ts';
import { ExitCode, UserError } from '../errors.ts';
import type { Result } from '../scoring/result-schema.ts';
import { standards, type StandardStatus } from '../scoring/standards.ts';
import { toolVersion } from '../version.ts';
import { toCsv } from './csv.ts';
import { platformUnlessNamed, platformWords } from './format.ts';
import { loadRun, type LoadedGame } from './programme-summary.ts';
import { publishableText } from './publishable-text.ts';
import { measuresTable } from './measures-table.ts';
import { captureKind } from './capture-kind.ts';
import { overruleWords, standardDecidedBy } from './investigator-words.ts';
import { bundleFileHref } from './safe-href.ts';
import { templates } from './templates.ts';
import { statusLabels } from './words.ts';

/** How the games were tested and what that cannot show, in the words every published file carries. */
const publishedMethod =
  'Each game was opened fresh, with no earlier data, and its internet traffic was recorded through a proxy on the test machine. Nothing was tapped at first, so what happened then is the default; the first privacy dialog was then declined where possible, the privacy settings were read without changing them, and the game was played briefly. Automatic tests compared what was recorded with the standards of the ICO’s Children’s code; investigators assessed some standards by hand.';
const publishedLimits = [
  'Automatic tests can show that a problem exists; they cannot show that none exists anywhere in a game. Only what happened during one capture was seen.',
  'A game marked “Simulated device” was not run on a phone: recorded screens and traffic were replayed to show how the tests work.',
  'Traffic a game protects from inspection (certificate pinning) shows only which company was contacted, not what it received.',
  'The version of each game was not recorded by the capture.',
];
/** The cases the published page uses beyond the status list (report-reading-2026-12 item 30). */
const publishedLegendExtras = [
  { words: 'Set by an investigator', icon: '✎', tone: 'neutral' as const, meaning: 'A person assessed this standard; the automatic result is given beside it.' },
  { words: 'Not applicable', icon: '–', tone: 'neutral' as const, meaning: 'A test ran and found nothing it applies to (for example, the game has no such feature); shown as Not assessed.' },
];

export const screenshotWarning =
  'Warning: --with-screenshots copies screenshots into the published summary. Screenshots may show identifying details (account names, device names, notifications); check each one before publishing.';

interface PublishedStandard {
  number: number;
  name: string;
  status: StandardStatus;
  statusWords: string;
  finding: string;
  organisations: string[];
}

interface PublishedGame {
  title: string;
  publisher: string;
  platform: string;
  /** UTC date the capture started. */
  dateTested: string;
  /** Simulated device, imported capture, evidence did not verify: said beside the game, not only in the method. */
  captureFlags: string[];
  standards: PublishedStandard[];
  screenshots: { file: string; standard: number }[];
}

/**
 * One plain sentence per standard, saying only what was established: a test that could not see
 * enough is not quoted by its title (which states what a pass would mean), and a test that ran
 * and found the feature absent is not "not covered".
 */
function plainFinding(result: Result, standard: Result['standards'][number]): string {
  const checks = result.checks.filter((check) => check.standard === standard.number);
  // An overruled test is described by the overrule sentence, never by its title, which states the automatic result.
  const titles = (outcomes: string[]): string[] => checks.filter((check) => check.overruledBy === undefined && outcomes.includes(check.outcome)).map((check) => publishableText(check.title));
  const effective = (check: Result['checks'][number]): string => (check.overruledBy !== undefined ? (result.investigatorFindings[check.overruledBy]?.outcome ?? check.outcome) : check.outcome);
  const decidedBy = standardDecidedBy(result, standard);
  // The report's overrule sentence, with the investigator unnamed: names are not published.
  const overrule = decidedBy ? `${overruleWords(statusLabels[standard.status].words, statusLabels[standard.automaticStatus].words, { by: 'an investigator', at: decidedBy.at })}.` : '';
  const undecided = checks.some((check) => check.overruledBy === undefined && check.outcome === 'inconclusive') ? 'A test could not see enough in this capture to decide.' : '';
  const sentences = (...parts: string[]): string => parts.filter(Boolean).join(' ');
  switch (standard.status) {
    case 'does-not-conform': {
      const failed = titles(['fail']);
      return sentences(failed.length ? `The tests found: ${failed.join('; ')}.` : '', overrule) || 'An investigator found that the game does not conform.';
    }
    case 'concerns': {
      const warned = titles(['warn']);
      return sentences(warned.length ? `Needs a closer look: ${warned.join('; ')}.` : '', undecided, overrule) || 'An investigator raised concerns.';
    }
    case 'conforms':
      return sentences(titles(['pass']).length ? 'No issues found by the automatic tests.' : '', overrule) || 'An investigator found that the game conforms.';
    case 'error':
      return 'A test could not run because of a fault in the tool; this says nothing about the game.';
    case 'not-assessed':
      if (checks.length && checks.every((check) => effective(check) === 'not-applicable')) return 'An automatic test ran and found nothing this standard applies to in the capture (for example, no such feature).';
      return `No automatic test covers this standard; it needs a person’s assessment.${overrule}`;
  }
}

/** Standards about where the child's data goes: only beside these are recipients named. */
const dataFlowStandards = new Set([7, 8, 9, 10, 12]);

function organisationsInvolved(result: Result, standardNumber: number): string[] {
  if (!dataFlowStandards.has(standardNumber)) return [];
  // Only names from the analysis's organisation list (our tracker catalogue), never hosts.
  const known = new Set(result.network.organisations.map((organisation) => organisation.organization));
  const byIndex = new Map(result.network.entries.map((entry) => [entry.index, entry.organization]));
  const names = new Set<string>();
  for (const check of result.checks) {
    if (check.standard !== standardNumber || !['fail', 'warn'].includes(check.outcome)) continue;
    for (const finding of check.findings)
      for (const ref of finding.evidence) {
        if (ref.kind !== 'har-entry') continue;
        const organisation = byIndex.get(ref.index);
        if (organisation && known.has(organisation)) names.add(publishableText(organisation));
      }
  }
  return [...names].sort();
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'game';
}

/** What a published summary consists of: an earlier one in --out is replaced whole, never mixed with the new. */
const publishedFiles = ['index.html', 'summary.json', 'summary.csv', 'screens'];

function readManifest(bundleDir: string): Manifest | undefined {
  try {
    return ManifestSchema.parse(JSON.parse(readFileSync(path.join(bundleDir, manifestFileName), 'utf8')));
  } catch {
    return undefined;
  }
}

/**
 * Only a regular file that the bundle's manifest lists, with the hash it was sealed with, is
 * published: a link or a file added later could carry anything on the machine (a symlinked
 * "screenshot" to /etc/passwd, named by an edited result.json).
 */
function isSealedFile(bundleDir: string, manifest: Manifest | undefined, file: string): boolean {
  const sealed = manifest?.files[file];
  if (!sealed) return false;
  const absolute = path.join(bundleDir, file);
  const status = lstatSync(absolute, { throwIfNoEntry: false });
  return status !== undefined && status.isFile() && sha256Hex(readFileSync(absolute)) === sealed.sha256;
}

function isRunFolder(folder: string): boolean {
  if (existsSync(path.join(folder, 'run.json'))) return true;
  return readdirSync(folder, { withFileTypes: true }).some(
    (game) => game.isDirectory() && readdirSync(path.join(folder, game.name), { withFileTypes: true }).some((platform) => platform.isDirectory() && existsSync(path.join(folder, game.name, platform.name, 'result.json'))),
  );
}

/** --out must be a folder that is empty, or (with --force) holds an earlier published summary, which is removed. */
function prepareOutDir(runDir: string, outDir: string, force: boolean): void {
  if (!existsSync(outDir)) {
    try {
      return makeFolders(outDir);
    } catch (error) {
      throw new UserError(`--out ${outDir}: the folder cannot be made (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give a folder you can write to`);
    }
  }
  if (!statSync(outDir).isDirectory()) throw new UserError(`--out ${outDir}: is a file, not a folder; give a new or empty folder for the published summary`);
  if (path.resolve(outDir) === path.resolve(runDir) || isRunFolder(outDir)) {
    throw new UserError(`--out ${outDir}: is a run folder; publishing there would replace the run's own summaries. Give a new or empty folder`);
  }
  const present = readdirSync(outDir);
  if (present.length === 0) return;
  const earlierPublish = present.every((name) => publishedFiles.includes(name)) && present.includes('summary.json');
  if (!force || !earlierPublish) {
    throw new UserError(
      earlierPublish
        ? `--out ${outDir}: holds an earlier published summary; add --force to replace it, or give a new folder`
        : `--out ${outDir}: is not empty and holds files that are not a published summary (${present.slice(0, 3).join(', ')}${present.length > 3 ? ', …' : ''}); give a new or empty folder`,
    );
  }
  for (const name of publishedFiles) rmSync(path.join(outDir, name), { recursive: true, force: true });
}

export interface PublishOptions {
  /** Replace an earlier published summary in the output folder. */
  force?: boolean;
  withScreenshots?: boolean;
  /** Where the warning about screenshots goes (stderr from the CLI). */
  warn?: (message: string) => void;
}

/** "an 8-year-old", "a 14-year-old": the article English gives the spoken number. */
function ageWords(age: number): string {
  return `${/^(8|11|18|8\d)$/.test(String(age)) ? 'an' : 'a'} ${age}-year-old`;
}

/**
 * Nothing is published from a bundle that does not verify now, or whose result.json is not the
 * one scoring sealed: an edited result.json would publish a leaky game as conforming.
 */
export function refuseUnverified(games: readonly LoadedGame[]): void {
  const unverified = games.filter(({ result }) => !result.bundle.verified);
  if (unverified.length === 0) return;
  const first = unverified[0]!;
  throw new UserError(
    `${first.dir}: not published, it does not verify (${first.result.bundle.verifyProblems.join('; ') || 'scored with --force'})${unverified.length > 1 ? ` (and ${unverified.length - 1} other bundle(s))` : ''}; re-score it with \`gameaudit score <bundle>\`, re-capture it, or leave it out`,
    ExitCode.notVerified,
  );
}

export function publishSummary(runDir: string, outDir: string, options: PublishOptions = {}): { files: string[] } {
  const games = loadRun(runDir);
  refuseUnverified(games);
  prepareOutDir(runDir, outDir, Boolean(options.force));
  return writePublication(games, outDir, options);
}

/** Writes the published summary of these (verified) games into an empty outDir. */
export function writePublication(games: readonly LoadedGame[], outDir: string, options: PublishOptions = {}): { files: string[] } {
  const written: string[] = [];
  if (options.withScreenshots) (options.warn ?? ((message: string) => process.stderr.write(`${message}\n`)))(screenshotWarning);
  const published: PublishedGame[] = games.map(({ dir, result }, position) => {
    const screenshots: PublishedGame['screenshots'] = [];
    const copied = new Set<string>();
    const manifest = options.withScreenshots ? readManifest(dir) : undefined;
    if (options.withScreenshots) {
      const folder = `screens/${position + 1}-${slug(publishableText(result.game.title))}`;
      for (const check of result.checks) {
        if (!['fail', 'warn'].includes(check.outcome)) continue;
        for (const finding of check.findings)
          for (const ref of finding.evidence) {
            const file = ref.kind === 'screenshot' ? ref.file : ref.kind === 'ui-node' ? ref.screenshot : undefined;
            if (!file || !bundleFileHref(file) || !file.endsWith('.png') || !isSealedFile(dir, manifest, file)) continue;
            if (copied.has(file)) continue;
            copied.add(file);
            // Renamed to a number: file names chosen during capture are not published either.
            const target = `${folder}/${screenshots.length + 1}.png`;
            mkdirSync(path.join(outDir, folder), { recursive: true });
            copyFileSync(path.join(dir, file), path.join(outDir, target));
            written.push(path.join(outDir, target));
            screenshots.push({ file: target, standard: check.standard });
          }
      }
    }
    return {
      // A game audited as several personas has one row per persona, named by its age (a number, never captured text), or the rows would be alike.
      title: `${publishableText(result.game.title)}${result.observations?.persona ? ` (played as ${ageWords(result.observations.persona.age)})` : ''}`,
      publisher: publishableText(result.game.publisher),
      platform: platformWords[result.platform] ?? 'Other',
      platformNote: platformUnlessNamed(result.game.title, result.platform),
      dateTested: result.bundle.startedAt.slice(0, 10),
      captureFlags: captureKind(result).flags,
      standards: standards.map((standard) => {
        const scored = result.standards.find((candidate) => candidate.number === standard.number);
        const status: StandardStatus = scored?.status ?? 'not-assessed';
        return {
          number: standard.number,
          name: standard.name,
          status,
          statusWords: statusLabels[status].words,
          finding: scored ? plainFinding(result, scored) : plainFinding(result, { number: standard.number, name: standard.name, status, automaticStatus: status, checks: [] }),
          organisations: organisationsInvolved(result, standard.number),
        };
      }),
      screenshots,
    };
  });
  const summaryFile = path.join(outDir, 'summary.json');
  const dates = published.map((game) => game.dateTested).sort();
  const testedWords = dates.length ? (dates[0] === dates.at(-1) ? dates[0]! : `${dates[0]} to ${dates.at(-1)}`) : 'no games';
  const measures = measuresTable(
    games.map(({ result }) => result),
    { publishable: true },
  );
  writeJsonAtomic(summaryFile, { publishedSummaryVersion: 1, toolVersion, tested: testedWords, method: publishedMethod, limits: publishedLimits, measures, games: published });
  const csvFile = path.join(outDir, 'summary.csv');
  writeFileAtomic(
    csvFile,
    toCsv(
      ['game', 'publisher', 'platform', 'date_tested', 'capture_flags', 'standard_number', 'standard_name', 'status', 'finding', 'recipients'],
      published.flatMap((game) =>
        game.standards.map((standard) => [game.title, game.publisher, game.platform, game.dateTested, game.captureFlags.join('; '), standard.number, standard.name, standard.statusWords, standard.finding, standard.organisations.join('; ')]),
      ),
    ),
  );
  const environment = templates();
  const indexFile = path.join(outDir, 'index.html');
  writeFileAtomic(
    indexFile,
    environment.render.published({
      pageTitle: 'Children’s code review: published findings',
      csp: environment.csp,
      toolVersionFooter: toolVersion,
      tested: testedWords,
      method: publishedMethod,
      limits: publishedLimits,
      measures,
      statusLegend: [...Object.values(statusLabels), ...publishedLegendExtras],
      games: published.map((game, position) => ({
        ...game,
        anchor: `game-${position + 1}`,
        standards: game.standards.map((standard) => ({ ...standard, label: statusLabels[standard.status], screenshots: game.screenshots.filter((shot) => shot.standard === standard.number) })),
      })),
    }),
  );
  return { files: [summaryFile, csvFile, indexFile, ...written] };
}
