import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutBarChart } from '../../src/report/bar-chart.ts';
import { renderRun } from '../../src/report/render-run.ts';
import { demoRunDir } from '../fixtures/results/generate.ts';
import { copyRun } from '../fixtures/results/temp-run.ts';

describe('programme summary', async () => {
  const run = copyRun(demoRunDir);
  const { indexHtml, gameReports } = await renderRun(run);

  it('writes a report per game and links each from index.html', () => {
    expect(gameReports.map((file) => path.relative(run, file)).sort()).toEqual(['demo-careful/web/report.html', 'demo-leaky/web/report.html']);
    const index = readFileSync(indexHtml, 'utf8');
    expect(index).toContain('<a href="demo-leaky/web/report.html">Leaky Llama Jump</a>');
    expect(index).toContain('<a href="demo-careful/web/report.html">Careful Capybara Garden</a>');
  });

  it('holds the games × standards matrix in summary.json', () => {
    const summary = JSON.parse(readFileSync(path.join(run, 'summary.json'), 'utf8')) as {
      games: { id: string; standards: { number: number; status: string; automaticStatus: string }[] }[];
      organisations: { organization: string; games: string[] }[];
      statusTotals: Record<string, number>;
    };
    const leaky = summary.games.find((game) => game.id === 'demo-leaky');
    const careful = summary.games.find((game) => game.id === 'demo-careful');
    expect(leaky?.standards.map((standard) => standard.status)).toEqual(['concerns', 'not-assessed', 'does-not-conform', 'conforms', 'not-assessed', 'not-assessed', 'does-not-conform', 'does-not-conform', 'does-not-conform', 'does-not-conform', 'not-assessed', 'does-not-conform', 'does-not-conform', 'not-assessed', 'not-assessed']);
    expect(leaky?.standards[2]?.automaticStatus).toBe('concerns');
    for (const number of [4, 7, 8, 9, 10, 11, 12, 13]) expect(careful?.standards[number - 1]?.status).toBe('conforms');
    expect(summary.organisations.find((organisation) => organisation.organization === 'Google')?.games.sort()).toEqual(['demo-careful', 'demo-leaky']);
    expect(Object.values(summary.statusTotals).reduce((sum, count) => sum + count, 0)).toBe(30);
  });

  it('writes one CSV row per game and standard', () => {
    const lines = readFileSync(path.join(run, 'summary.csv'), 'utf8').split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(1 + 2 * 15);
    expect(lines[0]).toBe(
      'game_id,game_title,publisher,platform,standard_number,standard_name,status,automatic_status,set_by_investigator,investigator_overrule,overruled_checks,failed_checks,concern_checks,capture,evidence_verified,capture_flags,persona',
    );
    expect(lines).toContain('demo-leaky,Leaky Llama Jump,Demo Games Ltd,web,10,Geolocation,does-not-conform,does-not-conform,no,,,geolocation.permission-at-launch geolocation.location-off-by-default geolocation.precise-location-shared,,complete,yes,,');
    // The overrule is written as the report writes it: final result, who, when, automatic result.
    expect(lines).toContain(
      'demo-leaky,Leaky Llama Jump,Demo Games Ltd,web,3,Age appropriate application,does-not-conform,concerns,yes,"Does not conform: set by A. Investigator, 2026-11-21 10:05:00 UTC; automatic result: Concerns",,,age-assurance.age-check,complete,yes,,',
    );
  });

  it('draws the organisations chart as inline SVG scaled to the largest value', () => {
    const index = readFileSync(indexHtml, 'utf8');
    expect(index).toMatch(/<svg class="chart" role="img"/);
    const chart = layoutBarChart([{ label: 'A', value: 4, valueText: '4' }, { label: 'B', value: 1, valueText: '1' }], 720, 220);
    expect(chart.bars[0]?.barWidth).toBe(720 - 220 - 90);
    expect(chart.bars[1]?.barWidth).toBe(Math.round((720 - 220 - 90) / 4));
  });
});
