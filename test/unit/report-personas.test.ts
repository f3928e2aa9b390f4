// Persona captures in the run's summaries: one row per persona, each named by it (the fixture
// careful game of test/fixtures/results/games.ts, written as a child-8 and an adult-25 bundle).
import { mkdtempSync, readFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { publishSummary } from '../../src/report/publish.ts';
import { renderRun } from '../../src/report/render-run.ts';
import { writeBundle } from '../fixtures/results/build-result.ts';
import { carefulGame } from '../fixtures/results/games.ts';

let run: string;

beforeAll(async () => {
  run = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-personas-report-'));
  for (const persona of [{ id: 'child-8', age: 8 }, { id: 'adult-25', age: 25 }]) {
    const game = carefulGame();
    const bundleDir = writeBundle(run, { ...game, observations: { ...game.observations!, persona: { ...persona, digitalConsentAge: 13 } } });
    // writeBundle writes <game>/web; a persona's bundle is <game>/web-<persona>.
    renameSync(bundleDir, path.join(run, game.id, `web-${persona.id}`));
  }
  await renderRun(run);
  publishSummary(run, path.join(run, 'published'), { warn: () => undefined });
});

describe('persona rows in the summaries', () => {
  it('names each persona in the index and in summary.csv', () => {
    const index = readFileSync(path.join(run, 'index.html'), 'utf8');
    expect(index).toContain('<a href="demo-careful/web-child-8/report.html">Careful Capybara Garden, as child-8 (aged 8)</a>');
    const csv = readFileSync(path.join(run, 'summary.csv'), 'utf8').split('\r\n');
    expect(csv.filter((line) => line.includes(',7,Default settings,')).map((line) => line.split(',').at(-1))).toEqual(['adult-25', 'child-8']);
  });

  it('names each persona by its age in the published summary', () => {
    const published = readFileSync(path.join(run, 'published', 'summary.csv'), 'utf8').split('\r\n');
    expect(published.filter((line) => line.includes(',7,Default settings,')).map((line) => line.split(',')[0])).toEqual(['Careful Capybara Garden (played as a 25-year-old)', 'Careful Capybara Garden (played as an 8-year-old)']);
  });

  it("shows the adult persona's report what its outcomes judge", () => {
    const adult = readFileSync(path.join(run, 'demo-careful', 'web-adult-25', 'report.html'), 'utf8');
    expect(adult).toContain('This capture played the adult persona <strong>adult-25</strong> (aged 25)');
  });
});
