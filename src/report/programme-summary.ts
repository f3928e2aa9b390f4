// The programme summary: a games × standards matrix, counts, and the third-party organisations
// seen across games. Built from each bundle's result.json; written as summary.json, summary.csv
// and index.html at the top of the run directory.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Result } from '../scoring/result-schema.ts';
import { standards, type StandardStatus } from '../scoring/standards.ts';
import { layoutBarChart } from './bar-chart.ts';
import { toCsv } from './csv.ts';
import { captureKind } from './capture-kind.ts';
import { platformUnlessNamed, platformWords } from './format.ts';
import { overruleWords, standardDecidedBy } from './investigator-words.ts';
import { keyFindings } from './key-findings.ts';
import { runFacts } from './run-facts.ts';
import { findBundles, readResult } from './load-result.ts';
import { identifierKindWords, statusLabels } from './words.ts';

export interface LoadedGame {
  dir: string;
  result: Result;
}

export function loadRun(runDir: string): LoadedGame[] {
  return findBundles(runDir).map((bundle) => ({ dir: bundle.dir, result: readResult(bundle.dir) }));
}

function runRelative(runDir: string, file: string): string {
  return path.relative(runDir, file).split(path.sep).join('/');
}

export function buildProgrammeSummary(runDir: string, games: readonly LoadedGame[]) {
  const organisations = new Map<string, { organization: string; category: string; familiesCertified: boolean | null; games: string[]; requests: number; defaultPhaseRequests: number; attempts: number; defaultPhaseAttempts: number; preflights: number; identifierKinds: string[]; receivedLocation: boolean }>();
  for (const { result } of games) {
    for (const organisation of result.network.organisations) {
      const entry = organisations.get(organisation.organization) ?? { organization: organisation.organization, category: organisation.category, familiesCertified: organisation.familiesCertified, games: [], requests: 0, defaultPhaseRequests: 0, attempts: 0, defaultPhaseAttempts: 0, preflights: 0, identifierKinds: [], receivedLocation: false };
      if (!entry.games.includes(result.game.id)) entry.games.push(result.game.id);
      entry.requests += organisation.requests;
      entry.defaultPhaseRequests += organisation.defaultPhaseRequests;
      // Refused handshakes are contacts, not requests: counted apart (absent in results made before they were).
      entry.attempts += organisation.attempts ?? 0;
      entry.defaultPhaseAttempts += organisation.defaultPhaseAttempts ?? 0;
      // CORS preflights carried no data: named apart, never counted as requests.
      entry.preflights += organisation.preflights ?? 0;
      for (const kind of organisation.identifierKinds) if (!entry.identifierKinds.includes(kind)) entry.identifierKinds.push(kind);
      // Coordinates are not an identifier kind, so they are looked up in the requests themselves.
      if (result.network.entries.some((request) => request.organization === organisation.organization && request.location !== undefined)) entry.receivedLocation = true;
      organisations.set(organisation.organization, entry);
    }
  }
  const statusTotals = Object.fromEntries(Object.keys(statusLabels).map((status) => [status, 0])) as Record<StandardStatus, number>;
  const summaryGames = games.map(({ dir, result }) => {
    for (const standard of result.standards) statusTotals[standard.status] += 1;
    return {
      id: result.game.id,
      title: result.game.title,
      publisher: result.game.publisher,
      platform: result.platform,
      // A persona's capture (plans with personas) is one row per persona, named by it.
      ...(result.observations?.persona ? { persona: { id: result.observations.persona.id, age: result.observations.persona.age } } : {}),
      report: runRelative(runDir, path.join(dir, 'report.html')),
      // Linked only once printed (gameaudit report --pdf), so the index never links a missing file.
      pdf: existsSync(path.join(dir, 'report.pdf')) ? runRelative(runDir, path.join(dir, 'report.pdf')) : null,
      bundleStatus: result.bundle.status,
      verified: result.bundle.verified && !result.bundle.forced,
      counts: result.counts,
      captureFlags: captureKind(result).flags,
      keyFindings: (() => {
        const found = keyFindings(result);
        return { ...found, consentScreenshot: found.consentScreenshot ? runRelative(runDir, path.join(dir, found.consentScreenshot)) : null };
      })(),
      standards: result.standards.map((standard) => {
        const decidedBy = standardDecidedBy(result, standard);
        return {
          number: standard.number,
          name: standard.name,
          status: standard.status,
          automaticStatus: standard.automaticStatus,
          setByInvestigator: decidedBy !== undefined,
          // The same sentence the report and the published page show for this overrule.
          overrule: decidedBy ? overruleWords(statusLabels[standard.status].words, statusLabels[standard.automaticStatus].words, decidedBy) : null,
          overruledChecks: result.checks.filter((check) => check.standard === standard.number && check.overruledBy !== undefined).map((check) => check.id),
          failedChecks: result.checks.filter((check) => check.standard === standard.number && check.outcome === 'fail').map((check) => check.id),
          concernChecks: result.checks.filter((check) => check.standard === standard.number && (check.outcome === 'warn' || check.outcome === 'inconclusive')).map((check) => check.id),
        };
      }),
    };
  });
  return {
    summaryVersion: 1,
    run: path.basename(path.resolve(runDir)),
    facts: runFacts(runDir, games.map(({ result }) => result)),
    standards: standards.map((standard) => ({ number: standard.number, name: standard.name })),
    statusTotals,
    games: summaryGames,
    organisations: [...organisations.values()].sort((a, b) => b.games.length - a.games.length || b.requests - a.requests || a.organization.localeCompare(b.organization)),
  };
}
export type ProgrammeSummary = ReturnType<typeof buildProgrammeSummary>;

export function programmeCsv(summary: ProgrammeSummary): string {
  const rows = summary.games.flatMap((game) =>
    game.standards.map((standard) => [
      game.id,
      game.title,
      game.publisher,
      game.platform,
      standard.number,
      standard.name,
      standard.status,
      standard.automaticStatus,
      standard.setByInvestigator ? 'yes' : 'no',
      standard.overrule ?? '',
      standard.overruledChecks.join(' '),
      standard.failedChecks.join(' '),
      standard.concernChecks.join(' '),
      game.bundleStatus,
      game.verified ? 'yes' : 'no',
      game.captureFlags.join('; '),
      // Which persona the capture played as, when the plan has personas: otherwise rows of one game would be alike.
      game.persona?.id ?? '',
    ]),
  );
  return toCsv(
    ['game_id', 'game_title', 'publisher', 'platform', 'standard_number', 'standard_name', 'status', 'automatic_status', 'set_by_investigator', 'investigator_overrule', 'overruled_checks', 'failed_checks', 'concern_checks', 'capture', 'evidence_verified', 'capture_flags', 'persona'],
    rows,
  );
}

const standardShortNames: Record<number, string> = {
  1: 'Best interests', 2: 'DPIA', 3: 'Age', 4: 'Transparency', 5: 'Detrimental use', 6: 'Policies', 7: 'Defaults', 8: 'Minimisation',
  9: 'Sharing', 10: 'Location', 11: 'Parental controls', 12: 'Profiling', 13: 'Nudges', 14: 'Connected toys', 15: 'Online tools',
};

export function buildIndexView(summary: ProgrammeSummary) {
  const chart = layoutBarChart(
    summary.organisations.slice(0, 25).map((organisation) => ({
      label: organisation.organization,
      value: organisation.games.length,
      // The words carry the meaning; the bar's colour only repeats it (WCAG 1.4.1).
      valueText: `${organisation.games.length} of ${summary.facts.gameCount} ${summary.facts.gameCount === 1 ? 'game' : 'games'} · ${organisation.familiesCertified === true ? 'Families self-certified' : organisation.category !== 'advertising' ? 'not an ad network' : organisation.familiesCertified === false ? 'ad network, not certified' : 'ad network, certification unknown'}`,
      highlight: organisation.familiesCertified === true,
    })),
    900,
    200,
    330,
  );
  return {
    pageTitle: `${summary.facts.programmeName ?? `Programme run ${summary.run}`} — Children’s code review`,
    title: summary.facts.programmeName ?? `Programme run ${summary.run}`,
    run: summary.run,
    // Games, not bundles: a game captured as three personas is one game, its personas shown beside it.
    gameCount: summary.facts.gameCount,
    gameWord: summary.facts.gameCount === 1 ? 'game' : 'games',
    captureDates: summary.facts.captureDates.join(', '),
    operators: summary.facts.operators.join(', '),
    toolVersions: summary.facts.toolVersions.join(', '),
    // Short headings keep all 15 columns on screen and on paper; the full names are in the key.
    standards: summary.standards.map((standard) => ({ ...standard, short: standardShortNames[standard.number] ?? standard.name })),
    statusLegend: Object.values(statusLabels),
    totals: Object.entries(summary.statusTotals).map(([status, count]) => ({ label: statusLabels[status as StandardStatus], count })),
    games: summary.games.map((game) => ({
      ...game,
      platformWords: platformWords[game.platform] ?? game.platform,
      // Beside the title only when the title does not name the platform already.
      platformNote: platformUnlessNamed(game.title, game.platform),
      personaCount: summary.facts.personasByGame[game.id] ? `${summary.facts.personasByGame[game.id]} personas` : null,
      failed: game.standards.filter((standard) => standard.status === 'does-not-conform').length,
      concerns: game.standards.filter((standard) => standard.status === 'concerns').length,
      cells: game.standards.map((standard) => ({ ...statusLabels[standard.status], name: standard.name, number: standard.number, ...(standard.overrule ? { overrule: standard.overrule } : {}) })),
    })),
    organisations: summary.organisations.map((organisation) => ({
      ...organisation,
      identifierKinds: organisation.identifierKinds.map(identifierKindWords),
      familiesWords: organisation.familiesCertified === true ? 'Yes' : organisation.familiesCertified === false ? 'No' : 'Not applicable or unknown',
      gameCount: organisation.games.length,
    })),
    overrules: summary.games.flatMap((game) => game.standards.filter((standard) => standard.overrule).map((standard) => ({ game: game.title, number: standard.number, name: standard.name, words: standard.overrule }))),
    chart,
    chartHiddenBars: Math.max(0, summary.organisations.length - chart.bars.length),
  };
}
