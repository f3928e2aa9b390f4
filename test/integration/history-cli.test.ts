// `gameaudit history` on three runs of the demo's two web games (the fixture games of
// test/fixtures/results/games.ts, themselves derived from the demo captures): between the second
// and third run the leaky game fixed its default settings, and the careful game was captured
// with another browser build. Run through the real CLI, reading the files it writes.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeBundle } from '../fixtures/results/build-result.ts';
import { carefulGame, leakyGame } from '../fixtures/results/games.ts';
import { runCli } from '../helpers/run-cli.ts';

let runsDir: string;
let cli: ReturnType<typeof runCli>;

beforeAll(() => {
  runsDir = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-history-'));
  const days = { '2027-01-10T0900Z-demo': '2027-01-10T09:00:04.000Z', '2027-02-01T0900Z-demo': '2027-02-01T09:00:04.000Z', '2027-03-02T0900Z-demo': '2027-03-02T09:00:04.000Z' };
  for (const [runId, startedAt] of Object.entries(days)) {
    const runDir = path.join(runsDir, runId);
    const leaky = leakyGame();
    const careful = carefulGame();
    if (runId === '2027-03-02T0900Z-demo') {
      // The leaky game's update: every setting at its high-privacy value and nothing sent before the choice.
      leaky.outcomes['default-settings.high-privacy'] = { outcome: 'pass', summary: 'All 4 privacy settings start at their high-privacy value.' };
      leaky.outcomes['default-settings.tracking-before-choice'] = { outcome: 'pass', summary: 'No third party was contacted before the player chose.' };
      careful.device = { kind: 'emulated-browser', name: 'Pixel 7', browserVersion: '156.0.8078.79', browserBuild: 'chromium-headless-shell', viewport: { width: 412, height: 839 } };
    }
    writeBundle(runDir, { ...leaky, startedAt });
    writeBundle(runDir, { ...careful, startedAt });
  }
  cli = runCli(['history', runsDir]);
});

describe('gameaudit history', () => {
  it('writes history.html and history.csv in the runs folder', () => {
    expect(cli.stderr).toBe('');
    expect(cli.exitCode).toBe(0);
    expect(cli.stdout).toBe(`History of 2 game series: ${path.join(runsDir, 'history.html')}\nCSV: ${path.join(runsDir, 'history.csv')}\n1 pair(s) of runs are flagged as not comparable (see the page)\n`);
  });

  it('marks the leaky game’s change of default settings in the CSV, with links to the report and the diff', () => {
    const lines = readFileSync(path.join(runsDir, 'history.csv'), 'utf8').split('\r\n');
    expect(lines[0]).toBe('game,variant,run,captured_on,standard,standard_name,status,previous_status,change,comparable_with_previous,not_comparable_because,report,diff_with_previous');
    expect(lines).toContain('demo-leaky,web,2027-03-02T0900Z-demo,2027-03-02,7,Default settings,conforms,does-not-conform,Default settings: does not conform → conforms on 2027-03-02,yes,,2027-03-02T0900Z-demo/demo-leaky/web/report.html,history-diffs/demo-leaky--web--2027-02-01T0900Z-demo--2027-03-02T0900Z-demo.txt');
    // The same standard in the run before: no change, and comparable.
    expect(lines).toContain('demo-leaky,web,2027-02-01T0900Z-demo,2027-02-01,7,Default settings,does-not-conform,does-not-conform,,yes,,2027-02-01T0900Z-demo/demo-leaky/web/report.html,history-diffs/demo-leaky--web--2027-01-10T0900Z-demo--2027-02-01T0900Z-demo.txt');
    expect(lines).toContain('demo-leaky,web,2027-01-10T0900Z-demo,2027-01-10,7,Default settings,does-not-conform,,,,,2027-01-10T0900Z-demo/demo-leaky/web/report.html,');
    // 2 games × 3 runs × 15 standards, the header and the final line break.
    expect(lines).toHaveLength(2 * 3 * 15 + 2);
  });

  it('flags the careful game’s third run as not comparable: another browser build', () => {
    const lines = readFileSync(path.join(runsDir, 'history.csv'), 'utf8').split('\r\n');
    expect(lines).toContain('demo-careful,web,2027-03-02T0900Z-demo,2027-03-02,7,Default settings,conforms,conforms,,no,browser build: not recorded → chromium-headless-shell,2027-03-02T0900Z-demo/demo-careful/web/report.html,history-diffs/demo-careful--web--2027-02-01T0900Z-demo--2027-03-02T0900Z-demo.txt');
  });

  it('shows the change, the flag and the links on the history page, with a chart and no script', () => {
    const html = readFileSync(path.join(runsDir, 'history.html'), 'utf8');
    expect(html).toContain('<li>Default settings: does not conform → conforms on 2027-03-02</li>');
    expect(html).toContain('<strong>Not comparable</strong> with 2027-02-01T0900Z-demo: browser build: not recorded → chromium-headless-shell.');
    expect(html).toContain('<a href="2027-03-02T0900Z-demo/demo-leaky/web/report.html">2027-03-02</a>');
    expect(html).toContain('<a href="history-diffs/demo-leaky--web--2027-02-01T0900Z-demo--2027-03-02T0900Z-demo.txt">diff with 2027-02-01T0900Z-demo</a>');
    expect(html).toContain('7. Default settings on 2027-03-02: Conforms (changed).');
    expect(html.match(/<svg class="chart history-chart"/g)).toHaveLength(2);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('script-src &#x27;none&#x27;');
  });

  it('writes the diff of the two bundles that the page links to', () => {
    const diff = readFileSync(path.join(runsDir, 'history-diffs', 'demo-leaky--web--2027-02-01T0900Z-demo--2027-03-02T0900Z-demo.txt'), 'utf8');
    expect(diff).toContain('  default-settings.high-privacy (standard 7): fail → pass\n');
    expect(diff).toContain('  default-settings.tracking-before-choice (standard 7): fail → pass\n');
    expect(existsSync(path.join(runsDir, 'history-diffs', 'demo-careful--web--2027-01-10T0900Z-demo--2027-02-01T0900Z-demo.txt'))).toBe(true);
  });

  it('refuses a folder with no scored run, in one line with exit 2', () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-history-empty-'));
    const refused = runCli(['history', empty]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toBe(`gameaudit: ${empty}: no scored run folder found under it (runs/<run-id>/<game>/<platform>/result.json); give the folder that holds the runs, such as runs/\n`);
  });
});
