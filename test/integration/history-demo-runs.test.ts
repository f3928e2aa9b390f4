// The done-when of issue 20's history: three real runs of the demo web games (audits/demo plans,
// copied so the careful game's site can change), the careful game's publisher switching its chat
// default to "Everyone" between the second and the third; `gameaudit history` over them shows the
// change on the page and in the CSV. Real Chromium, the real proxy, the real CLI.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDemoPlan, demoDir, writeProgramme } from '../fixtures/programmes/demo-copies.ts';
import { runCli } from '../helpers/run-cli.ts';

const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-history-demo-'));
const runs = path.join(workspace, 'runs');
let runIds: string[];
let csvLines: string[];
let html: string;

beforeAll(() => {
  const site = path.join(workspace, 'careful-site');
  cpSync(path.join(demoDir, 'sites', 'careful'), site, { recursive: true });
  const plans = path.join(workspace, 'plans');
  mkdirSync(plans);
  const careful = copyDemoPlan('demo-careful', plans, { launchSeconds: 1, playSeconds: 1, origins: { 'https://careful.demo-games.test': site } });
  const leaky = copyDemoPlan('demo-leaky', plans, { launchSeconds: 1, playSeconds: 1 });
  const programme = writeProgramme(plans, [leaky, careful]);
  const run = () => {
    const result = runCli(['run', '--programme', programme, '--out', runs], { timeoutMs: 180_000 });
    expect(result.exitCode, result.stderr).toBe(0);
  };
  run();
  run();
  // The publisher's update: chat now starts open to everyone.
  const index = path.join(site, 'index.html');
  const before = readFileSync(index, 'utf8');
  const after = before.replace('<select id="set-chat"><option>Nobody</option><option>Friends</option><option>Everyone</option></select>', '<select id="set-chat"><option>Nobody</option><option>Friends</option><option selected>Everyone</option></select>');
  expect(after).not.toBe(before);
  writeFileSync(index, after);
  run();
  runIds = readdirSync(runs).sort();
  const history = runCli(['history', runs]);
  expect(history.exitCode, history.stderr).toBe(0);
  csvLines = readFileSync(path.join(runs, 'history.csv'), 'utf8').split('\r\n');
  html = readFileSync(path.join(runs, 'history.html'), 'utf8');
}, 600_000);
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('history of three demo runs, the careful game changed before the third', () => {
  it('shows the change of default settings in the CSV, comparable with the run before', () => {
    expect(runIds).toHaveLength(3);
    const [, second, third] = runIds as [string, string, string];
    const day = third.slice(0, 10);
    expect(csvLines).toContain(
      `demo-careful,web,${third},${day},7,Default settings,does-not-conform,conforms,Default settings: conforms → does not conform on ${day},yes,,${third}/demo-careful/web/report.html,history-diffs/demo-careful--web--${second}--${third}.txt`,
    );
    expect(csvLines).toContain(`demo-careful,web,${second},${day},7,Default settings,conforms,conforms,,yes,,${second}/demo-careful/web/report.html,history-diffs/demo-careful--web--${runIds[0]}--${second}.txt`);
    // The leaky game did not change: no row of it names a change.
    expect(csvLines.filter((line) => line.startsWith('demo-leaky,') && line.includes(' → '))).toEqual([]);
  });

  it('shows it on the history page, with the diff that names the setting', () => {
    const [, second, third] = runIds as [string, string, string];
    expect(html).toContain(`<li>Default settings: conforms → does not conform on ${third.slice(0, 10)}</li>`);
    const diff = readFileSync(path.join(runs, 'history-diffs', `demo-careful--web--${second}--${third}.txt`), 'utf8');
    expect(diff).toContain('  default-settings.high-privacy (standard 7): pass → fail\n');
    expect(diff).toContain('  Who can chat with me: Nobody → Everyone\n');
  });

  it("carries each run's measures table, where the change reads as a changed cell", () => {
    const sections = html.split('<section aria-labelledby="run-').slice(1);
    expect(sections).toHaveLength(3);
    // The careful game's row, its second measure (after the date): "Settings high privacy by default".
    const settingsCell = (section: string): string | undefined => {
      const row = section.split('<tr>').find((candidate) => candidate.includes('<th scope="row" class="game">Star Catcher Friends'));
      return row?.split('<td>')[3]?.match(/<\/span> ([^<]+)<\/span>/)?.[1];
    };
    expect(sections.map(settingsCell)).toEqual(['Yes', 'Yes', 'No']);
    expect(sections[2]).toContain(`aria-label="Measures table of run ${runIds[2]}"`);
  });
});
