// The comparison table in the shape the ICO published for social media and video platforms in
// March 2025 (Children's code strategy progress update): one row per service, one column per
// protective measure, each cell a plain answer. Built from result.json alone; the run index, the
// published page and the history page all render it with renderMeasuresTable.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { Outcome } from '../check-kit/contract.ts';
import type { Result } from '../scoring/result-schema.ts';
import { captureKind } from './capture-kind.ts';
import { platformWords } from './format.ts';
import { investigatorDate, overruleWords } from './investigator-words.ts';
import { publishableText } from './publishable-text.ts';
import { reportsDir } from './templates.ts';
import { outcomeLabels, type Label } from './words.ts';

export interface MeasureColumn {
  /** The check whose outcome answers the column. */
  checkId: string;
  /** Short heading, phrased so that "Yes" is the protective answer. */
  heading: string;
  /** The full question, for the table's key. */
  question: string;
}

// Each measure is phrased so that "Yes" means the child is protected, as in the ICO's table.
export const measureColumns: readonly MeasureColumn[] = [
  { checkId: 'default-settings.tracking-before-choice', heading: 'No tracking before a choice', question: 'Did no tracking company receive data before the child made a privacy choice?' },
  { checkId: 'default-settings.high-privacy', heading: 'Settings high privacy by default', question: 'Did every privacy setting read start at its high-privacy value?' },
  { checkId: 'geolocation.location-off-by-default', heading: 'Location off by default', question: 'Was location off until the child chose to turn it on?' },
  { checkId: 'profiling.advertising-id-shared', heading: 'Advertising ID not shared', question: 'Was the advertising ID kept from third parties by default?' },
  { checkId: 'profiling.personalised-ads-signals', heading: 'Ad requests say “child”', question: 'Did default ad requests ask for child-directed, non-personalised ads?' },
  { checkId: 'nudge.consent-choice-parity', heading: 'Declining as easy as accepting', question: 'Was declining as easy and as visible as accepting?' },
];

export interface MeasureCell {
  checkId: string;
  /** "Yes", "No", or the outcome's own word where the check could not answer yes or no. */
  words: string;
  icon: string;
  tone: Label['tone'];
  /** Present when an investigator overruled the check: the same sentence as everywhere else. */
  overrule?: string;
}

export interface MeasureRow {
  /** The plan's game id; left out of the published table, whose allow-list has no ids. */
  gameId?: string;
  title: string;
  publisher: string;
  platform: string;
  /** The capture's start date (UTC), the "date tested". */
  dateTested: string;
  /** Simulated device, imported, evidence did not verify. */
  flags: string[];
  cells: MeasureCell[];
}

export interface MeasuresTable {
  columns: readonly MeasureColumn[];
  rows: MeasureRow[];
}

/** pass and fail answer the question; any other outcome keeps its own word (one term per outcome). */
function answerLabel(outcome: Outcome): Pick<MeasureCell, 'words' | 'icon' | 'tone'> {
  if (outcome === 'pass') return { words: 'Yes', icon: '✔', tone: 'good' };
  if (outcome === 'fail') return { words: 'No', icon: '✖', tone: 'bad' };
  const label = outcomeLabels[outcome];
  return { words: label.words, icon: label.icon, tone: label.tone };
}

const notTested: Pick<MeasureCell, 'words' | 'icon' | 'tone'> = { words: 'Not tested', icon: '–', tone: 'neutral' };

export interface MeasuresTableOptions {
  /** For the published summary: titles pass the publication filter and investigators are not named. */
  publishable?: boolean;
}

function cellFor(result: Result, column: MeasureColumn, options: MeasuresTableOptions): MeasureCell {
  const check = result.checks.find((candidate) => candidate.id === column.checkId);
  if (!check) return { checkId: column.checkId, ...notTested };
  const finding = check.overruledBy !== undefined ? result.investigatorFindings[check.overruledBy] : undefined;
  if (!finding || !(finding.outcome in outcomeLabels)) return { checkId: column.checkId, ...answerLabel(check.outcome) };
  const final = answerLabel(finding.outcome as Outcome);
  const by = options.publishable ? 'an investigator' : finding.by;
  return { checkId: column.checkId, ...final, overrule: overruleWords(final.words, answerLabel(check.outcome).words, { by, at: finding.at }) };
}

export function measuresTable(results: readonly Result[], options: MeasuresTableOptions = {}): MeasuresTable {
  const text = options.publishable ? publishableText : (value: string): string => value;
  return {
    columns: measureColumns,
    rows: results.map((result) => ({
      ...(options.publishable ? {} : { gameId: result.game.id }),
      title: text(result.game.title),
      publisher: text(result.game.publisher),
      platform: platformWords[result.platform] ?? result.platform,
      dateTested: investigatorDate(result.bundle.startedAt.slice(0, 10)),
      flags: captureKind(result).flags,
      cells: measureColumns.map((column) => cellFor(result, column, options)),
    })),
  };
}

let compiled: HandlebarsTemplateDelegate | undefined;

/**
 * The table as an HTML fragment; every value is escaped by Handlebars. `regionLabel` names its
 * scrolling region where a page holds several tables (the history page has one per run).
 */
export function renderMeasuresTable(table: MeasuresTable, regionLabel?: string): string {
  compiled ??= Handlebars.create().compile(readFileSync(path.join(reportsDir, 'partials', 'measures-table.hbs'), 'utf8'));
  return compiled({ ...table, regionLabel });
}
