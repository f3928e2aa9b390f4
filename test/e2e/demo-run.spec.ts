// The bundled demo, run for real (real Chromium, proxy and Appium), read the way an investigator
// reads it: the programme page lists each game; each check shows its outcome; a failed check
// leads to the request and the screenshot that show it.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { runCli } from '../helpers/run-cli.ts';
import { watch } from './report-helpers.ts';

let runDir: string;

test.beforeAll(() => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-demo-e2e-'));
  const result = runCli(['demo', '--out', out], { timeoutMs: 170_000 });
  expect(result.exitCode, result.stderr).toBe(0);
  const runs = readdirSync(out);
  expect(runs).toHaveLength(1);
  runDir = path.join(out, runs[0]!);
  expect(result.stdout).toContain(path.join(runDir, 'index.html'));
});

const url = (...parts: string[]) => pathToFileURL(path.join(runDir, ...parts)).href;

test('the programme page links the report of every demo game', async ({ page }) => {
  await page.goto(url('index.html'));
  const games = page.getByRole('table', { name: 'Games in this run' });
  for (const title of ['Star Catcher Party (demo)', 'Star Catcher Friends (demo)', 'Leaky Runner (demo, Android)']) {
    await expect(games.getByRole('link', { name: title })).toBeVisible();
  }
  await games.getByRole('link', { name: 'Star Catcher Party (demo)' }).click();
  await expect(page).toHaveURL(/demo-leaky\/web\/report\.html$/);
});

test("demo-leaky's report shows every check failing, and a finding leads to its request and screenshot", async ({ page }) => {
  const seen = watch(page);
  const result = JSON.parse(readFileSync(path.join(runDir, 'demo-leaky', 'web', 'result.json'), 'utf8')) as { checks: Array<{ title: string; outcome: string }> };
  await page.goto(url('demo-leaky', 'web', 'report.html'));
  for (const check of result.checks) {
    const article = page.locator('article.check', { has: page.getByRole('heading', { name: check.title, exact: true }) });
    await expect(article).toContainText(check.outcome === 'warn' ? 'Warning' : 'Fail');
  }
  const tracking = page.locator('article.check', { has: page.getByRole('heading', { name: /Tracking starts before/ }) });
  // The finding about Google's ad request names the request; one click shows it in the network table.
  const googleEvidence = tracking.locator('ul.evidence li', { hasText: 'googleads.g.doubleclick.net' }).first();
  await expect(googleEvidence).toContainText('phase: launch');
  const requestLink = googleEvidence.getByRole('link', { name: /Show request #\d+ in the network table/ });
  const anchor = await requestLink.getAttribute('href');
  await requestLink.click();
  const row = page.locator(anchor!);
  await expect(row).toBeVisible();
  await expect(row).toContainText('googleads.g.doubleclick.net');

  const geolocation = page.locator('article.check', { has: page.getByRole('heading', { name: /Location is requested at launch/ }) });
  // The finding links its screenshot at full size (the picture itself is shown once, in the timeline).
  const screenshot = await geolocation.getByRole('link', { name: /opens full size/ }).first().getAttribute('href');
  expect(screenshot).toMatch(/^screens\/.+\.png$/);
  expect(readFileSync(path.join(runDir, 'demo-leaky', 'web', screenshot!)).subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(seen.consoleErrors).toEqual([]);
  expect(seen.requests.every((request) => request.startsWith('file://'))).toBe(true);
});

test("demo-careful's report shows every automatable standard conforming", async ({ page }) => {
  await page.goto(url('demo-careful', 'web', 'report.html'));
  const glance = page.getByRole('table', { name: /Status of each Children’s code standard/ });
  for (const standard of ['3. Age', '4. Transparency', '7. Default settings', '8. Data minimisation', '9. Data sharing', '10. Geolocation', '11. Parental controls', '12. Profiling', '13. Nudge']) {
    await expect(glance.getByRole('row', { name: new RegExp(standard) })).toContainText('Conforms');
  }
});

test("demo-android's report says the device was simulated and shows the permission dialog it recorded", async ({ page }) => {
  await page.goto(url('demo-android', 'android', 'report.html'));
  await expect(page.getByText(/simulated device/i).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Permission requests shown to the player' })).toBeVisible();
});
