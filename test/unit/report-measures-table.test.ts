// The ICO-style measures table (issue 21), built from the committed fixture results
// (test/fixtures/results/demo-run: the leaky and careful demo games, see games.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResultSchema, type Result } from '../../src/scoring/result-schema.ts';
import { measuresTable, renderMeasuresTable } from '../../src/report/measures-table.ts';
import { demoRunDir } from '../fixtures/results/generate.ts';

const load = (game: string): Result => ResultSchema.parse(JSON.parse(readFileSync(path.join(demoRunDir, game, 'web', 'result.json'), 'utf8')));

describe('measuresTable', () => {
  const leaky = load('demo-leaky');
  const careful = load('demo-careful');

  it('has one row per game and one column per measure, answered from the checks', () => {
    const table = measuresTable([leaky, careful]);
    expect(table.columns.map((column) => column.heading)).toEqual([
      'No tracking before a choice',
      'Settings high privacy by default',
      'Location off by default',
      'Advertising ID not shared',
      'Ad requests say “child”',
      'Declining as easy as accepting',
    ]);
    expect(table.rows.map((row) => [row.title, row.publisher, row.platform, row.dateTested])).toEqual([
      ['Leaky Llama Jump', 'Demo Games Ltd', 'Web, mobile browser', '2026-11-20'],
      ['Careful Capybara Garden', 'Demo Games Ltd', 'Web, mobile browser', '2026-11-20'],
    ]);
    expect(table.rows[0]!.cells.map((cell) => cell.words)).toEqual(['No', 'No', 'No', 'No', 'No', 'No']);
    expect(table.rows[1]!.cells.map((cell) => cell.words)).toEqual(['Yes', 'Yes', 'Yes', 'Yes', 'Yes', 'Yes']);
    expect(table.rows[0]!.flags).toEqual([]);
  });

  it('says "Not tested" for a measure whose check is missing, and keeps other outcomes’ own words', () => {
    const partial: Result = {
      ...careful,
      checks: careful.checks
        .filter((check) => check.id !== 'nudge.consent-choice-parity')
        .map((check) => (check.id === 'default-settings.high-privacy' ? { ...check, outcome: 'inconclusive' as const } : check)),
    };
    expect(measuresTable([partial]).rows[0]!.cells.map((cell) => cell.words)).toEqual(['Yes', 'Inconclusive', 'Yes', 'Yes', 'Yes', 'Not tested']);
  });

  it('shows an investigator’s overrule with who, when and the automatic answer', () => {
    const overruled: Result = {
      ...leaky,
      investigatorFindings: [...leaky.investigatorFindings, { check: 'nudge.consent-choice-parity', outcome: 'pass', note: 'Reject is as big on the phone build.', evidence: ['screens/consent.png'], by: 'B. Reviewer', at: '2026-03-04' }],
      checks: leaky.checks.map((check) => (check.id === 'nudge.consent-choice-parity' ? { ...check, overruledBy: 2 } : check)),
    };
    const cell = measuresTable([overruled]).rows[0]!.cells[5]!;
    expect(cell.words).toBe('Yes');
    expect(cell.overrule).toBe('Yes: set by B. Reviewer, 2026-03-04; automatic result: No');
  });

  it('flags a simulated capture on its row', () => {
    const simulated: Result = { ...leaky, device: { kind: 'simulated', name: 'simulated-android' } };
    expect(measuresTable([simulated]).rows[0]!.flags).toEqual(['Simulated device']);
  });

  it('renders escaped HTML with a key of the full questions', () => {
    const hostile: Result = { ...careful, game: { ...careful.game, title: '<script>alert(1)</script>' } };
    const html = renderMeasuresTable(measuresTable([hostile]));
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<th scope="col">Location off by default</th>');
    expect(html).toContain('<dd>Was location off until the child chose to turn it on?</dd>');
    expect(html.match(/<span aria-hidden="true">✔<\/span> Yes/g)).toHaveLength(6);
  });
});
