import { mkdtempSync, statSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { maxRowsPerGroup } from '../../src/report/game-view.ts';
import { renderGame } from '../../src/report/render-game.ts';
import { writeBundle } from '../fixtures/results/build-result.ts';
import { largeGame } from '../fixtures/results/games.ts';

describe('a 5,000-request capture', async () => {
  const run = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-large-'));
  const bundle = writeBundle(run, largeGame('demo-large', 5000));
  const file = await renderGame(bundle);
  const html = readFileSync(file, 'utf8');

  it('stays under 5 MB', () => {
    expect(statSync(file).size).toBeLessThan(5 * 1024 * 1024);
  });

  it('keeps every request a finding points at one click away, and says how many rows are folded away', () => {
    const links = new Set([...html.matchAll(/href="#(entry-\d+)"/g)].map((match) => match[1]));
    // 100 findings are shown per check (the rest stay in result.json), across several checks.
    expect(links.size).toBeGreaterThan(90);
    for (const link of links) expect(html, link).toContain(`<tr id="${link}">`);
    expect(html).toMatch(/\d+ more requests to Google are not listed here/);
    const rowsInFirstGroup = html.split('<details class="org"')[1]?.split('</details>')[0]?.match(/<tr id="entry-/g)?.length ?? 0;
    expect(rowsInFirstGroup).toBeGreaterThanOrEqual(maxRowsPerGroup);
  });

  it('never puts request bodies or full long URLs in the page', () => {
    expect(html).not.toContain('x'.repeat(100));
  });
});
