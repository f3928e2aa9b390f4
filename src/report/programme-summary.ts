// The programme summary: a games × standards matrix, counts, and the third-party organisations
// seen across games. Built from each bundle's result.json; written as summary.json, summary.csv
// and index.html at the top of the run directory.
import path from 'node:path';
import type { Result } from '../scoring/result-schema.ts';
import { standards, type StandardStatus } from '../scoring/standards.ts';
import { layoutBarChart } from './bar-chart.ts';
import { toCsv } from './csv.ts';
import { platformWords } from './format.ts';
import { findBundles, readResult } from './load-result.ts';
import { identifierKindWords, statusLabels } from './words.ts';

export interface LoadedGame {
  dir: string;
  result: Result;
}

export function loadRun(runDir: string): LoadedGame[] {
  return findBundles(runDir).map((bundle) => ({ dir: bundle.dir, result: readResult(bundle.dir) }));
}

export function buildProgrammeSummary(runDir: string, games: readonly LoadedGame[]) {
  const organisations = new Map<string, { organization: string; category: string; familiesCertified: boolean | null; games: string[]; requests: number; defaultPhaseRequests: number; attempts: number; defaultPhaseAttempts: number; identifierKinds: string[] }>();
  for (const { result } of games) {
    for (const organisation of result.network.organisations) {
      const entry = organisations.get(organisation.organization) ?? { organization: organisation.organization, category: organisation.category, familiesCertified: organisation.familiesCertified, games: [], requests: 0, defaultPhaseRequests: 0, attempts: 0, defaultPhaseAttempts: 0, identifierKinds: [] };
      if (!entry.games.includes(result.game.id)) entry.games.push(result.game.id);
      entry.requests += organisation.requests;
      entry.defaultPhaseRequests += organisation.defaultPhaseRequests;
      // Refused handshakes are contacts, not requests: counted apart (absent in results made before they were).
      entry.attempts += organisation.attempts ?? 0;
      entry.defaultPhaseAttempts += organisation.defaultPhaseAttempts ?? 0;
      for (const kind of organisation.identifierKinds) if (!entry.identifierKinds.includes(kind)) entry.identifierKinds.push(kind);
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
      report: path.relative(runDir, path.join(dir, 'report.html')).split(path.sep).join('/'),
      bundleStatus: result.bundle.status,
      verified: result.bundle.verified && !result.bundle.forced,
      counts: result.counts,
      standards: result.standards.map((standard) => ({
        number: standard.number,
        name: standard.name,
        status: standard.status,
        automaticStatus: standard.automaticStatus,
        setByInvestigator: standard.investigatorFinding !== undefined,
        failedChecks: result.checks.filter((check) => check.standard === standard.number && check.outcome === 'fail').map((check) => check.id),
        concernChecks: result.checks.filter((check) => check.standard === standard.number && (check.outcome === 'warn' || check.outcome === 'inconclusive')).map((check) => check.id),
      })),
    };
  });
  return {
    summaryVersion: 1,
    run: path.basename(path.resolve(runDir)),
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
      standard.failedChecks.join(' '),
      standard.concernChecks.join(' '),
      game.bundleStatus,
      game.verified ? 'yes' : 'no',
      // Which persona the capture played as, when the plan has personas: otherwise rows of one game would be alike.
      game.persona?.id ?? '',
    ]),
  );
  return toCsv(['game_id', 'game_title', 'publisher', 'platform', 'standard_number', 'standard_name', 'status', 'automatic_status', 'set_by_investigator', 'failed_checks', 'concern_checks', 'capture', 'evidence_verified', 'persona'], rows);
}

const shortStatus: Record<StandardStatus, string> = { conforms: 'Conforms', concerns: 'Concerns', 'does-not-conform': 'Fails', 'not-assessed': 'Not assessed', error: 'Error' };

export function buildIndexView(summary: ProgrammeSummary) {
  const chart = layoutBarChart(
    summary.organisations.slice(0, 25).map((organisation) => ({
      label: organisation.organization,
      value: organisation.games.length,
      valueText: `${organisation.games.length} of ${summary.games.length} games`,
      highlight: organisation.familiesCertified === true,
    })),
  );
  return {
    pageTitle: `Children’s code audit — programme run ${summary.run}`,
    run: summary.run,
    gameCount: summary.games.length,
    standards: summary.standards,
    statusLegend: Object.values(statusLabels),
    totals: Object.entries(summary.statusTotals).map(([status, count]) => ({ label: statusLabels[status as StandardStatus], count })),
    games: summary.games.map((game) => ({
      ...game,
      platformWords: platformWords[game.platform] ?? game.platform,
      failed: game.standards.filter((standard) => standard.status === 'does-not-conform').length,
      concerns: game.standards.filter((standard) => standard.status === 'concerns').length,
      cells: game.standards.map((standard) => ({ ...statusLabels[standard.status], short: shortStatus[standard.status], name: standard.name, number: standard.number })),
    })),
    organisations: summary.organisations.map((organisation) => ({
      ...organisation,
      identifierKinds: organisation.identifierKinds.map(identifierKindWords),
      familiesWords: organisation.familiesCertified === true ? 'Yes' : organisation.familiesCertified === false ? 'No' : 'Not applicable or unknown',
      gameCount: organisation.games.length,
    })),
    chart,
    chartHiddenBars: Math.max(0, summary.organisations.length - chart.bars.length),
  };
}
