// `gameaudit report <run> --pdf` through the real CLI: every game gets report.html and a PDF
// printed by Debian's Chromium, and the run gets its index and summaries.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { demoRunDir } from '../fixtures/results/generate.ts';
import { copyRun } from '../fixtures/results/temp-run.ts';

const run = promisify(execFile);
const cli = path.resolve('bin/gameaudit.js');

test('report --pdf writes an HTML report and a PDF per game, and the run summary', async () => {
  const runDir = copyRun(demoRunDir);
  const { stdout } = await run(process.execPath, [cli, 'report', runDir, '--pdf']);
  expect(stdout).toContain('2 game reports written (with PDFs)');
  for (const game of ['demo-leaky', 'demo-careful']) {
    const pdf = readFileSync(path.join(runDir, game, 'web', 'report.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Several A4 pages: the report is long, and printed with its sections on new pages.
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThan(3);
    expect(existsSync(path.join(runDir, game, 'web', 'report.html'))).toBe(true);
  }
  for (const file of ['index.html', 'summary.json', 'summary.csv']) expect(existsSync(path.join(runDir, file)), file).toBe(true);
});

test('summary without --publish rewrites the programme summary; --publish without --out is refused', async () => {
  const runDir = copyRun(demoRunDir);
  const { stdout } = await run(process.execPath, [cli, 'summary', runDir]);
  expect(stdout).toContain(path.join(runDir, 'index.html'));
  expect(existsSync(path.join(runDir, 'summary.csv'))).toBe(true);
  const refused = await run(process.execPath, [cli, 'summary', runDir, '--publish']).then(
    () => undefined,
    (error: { code: number; stderr: string }) => error,
  );
  expect(refused?.code).toBe(2);
  expect(refused?.stderr).toContain('--publish needs --out <dir>');
  const published = path.join(runDir, 'published');
  const withShots = await run(process.execPath, [cli, 'summary', runDir, '--publish', '--out', published, '--with-screenshots']);
  expect(withShots.stderr).toContain('Screenshots may show identifying details');
  expect(existsSync(path.join(published, 'index.html'))).toBe(true);
});
