// What the published summary says (issue 21, report-reading-2026-12 items 5, 6, 27–30), read
// from the committed fixture run (test/fixtures/results/demo-run: the leaky game carries an
// investigator's overrule of standard 3 and a not-applicable parental-controls test).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishSummary } from '../../src/report/publish.ts';
import { demoRunDir } from '../fixtures/results/generate.ts';
import { copyRun } from '../fixtures/results/temp-run.ts';

interface Published {
  tested: string;
  method: string;
  limits: string[];
  measures: { columns: { heading: string }[]; rows: { title: string; cells: { words: string }[] }[] };
  games: { title: string; dateTested: string; captureFlags: string[]; standards: { number: number; statusWords: string; finding: string; organisations: string[] }[] }[];
}

describe('published summary wording', () => {
  const run = copyRun(demoRunDir);
  const outDir = path.join(run, '..', `${path.basename(run)}-wording`);
  publishSummary(run, outDir, { warn: () => undefined });
  const json = JSON.parse(readFileSync(path.join(outDir, 'summary.json'), 'utf8')) as Published;
  const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const leaky = json.games.find((game) => game.title === 'Leaky Llama Jump')!;
  const standard = (number: number) => leaky.standards.find((candidate) => candidate.number === number)!;

  it('leads with the measures table, one row per game, before the per-game detail', () => {
    expect(json.measures.rows.map((row) => [row.title, row.cells.map((cell) => cell.words).join(' ')])).toEqual([
      ['Careful Capybara Garden', 'Yes Yes Yes Yes Yes Yes'],
      ['Leaky Llama Jump', 'No No No No No No'],
    ]);
    expect(html.indexOf('<table class="measures">')).toBeGreaterThan(0);
    expect(html.indexOf('<table class="measures">')).toBeLessThan(html.indexOf('Findings for Careful Capybara Garden'));
  });

  it('carries the test date, method and limits, and calls it a review', () => {
    expect(json.tested).toBe('2026-11-20');
    expect(leaky.dateTested).toBe('2026-11-20');
    expect(json.method).toContain('Automatic tests compared what was recorded');
    expect(json.limits).toContain('The version of each game was not recorded by the capture.');
    expect(html).toContain('<h1>Children’s code review: published findings</h1>');
    expect(html).not.toMatch(/code audit/);
  });

  it('writes an overrule as every other output does, without naming the investigator', () => {
    expect(standard(3).finding).toBe('Does not conform: set by an investigator, 2026-11-21 10:05:00 UTC; automatic result: Concerns.');
    expect(JSON.stringify(json)).not.toContain('A. Investigator');
  });

  it('does not call a test that ran and found the feature absent "not covered"', () => {
    expect(standard(11).statusWords).toBe('Not assessed');
    expect(standard(11).finding).toBe('An automatic test ran and found nothing this standard applies to in the capture (for example, no such feature).');
    expect(standard(14).finding).toBe('No automatic test covers this standard; it needs a person’s assessment.');
  });

  it('names recipients only beside standards about where the data goes', () => {
    expect(standard(10).organisations).toEqual(['AppLovin']);
    expect(standard(13).organisations).toEqual([]);
    expect(standard(3).organisations).toEqual([]);
  });

  it('keeps apostrophes: no "[removed]" inside a word anywhere', () => {
    for (const file of ['index.html', 'summary.csv', 'summary.json']) expect(readFileSync(path.join(outDir, file), 'utf8'), file).not.toMatch(/\w\[removed\]|\[removed\]\w/);
  });
});
