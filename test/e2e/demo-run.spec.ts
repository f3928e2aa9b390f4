// The bundled demo, run for real (real Chromium, proxy and Appium), read the way an investigator
// reads it: the programme page lists each game; each check shows its outcome; a failed check
// leads to the request and the screenshot that show it.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { runCli } from '../helpers/run-cli.ts';
import { watch } from './report-helpers.ts';

let runDir: string;

test.beforeAll(() => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-demo-e2e-'));
  const result = runCli(['demo', '--out', out], { timeoutMs: 540_000 });
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
  // The web games are audited as three personas each (audits/demo/programme.yaml): one row per persona.
  for (const game of ['Star Catcher Party (demo)', 'Star Catcher Friends (demo)']) {
    for (const persona of ['child-8 (aged 8)', 'teen-14 (aged 14)', 'adult-25 (aged 25)']) {
      await expect(games.getByRole('link', { name: `${game}, as ${persona}`, exact: true })).toBeVisible();
    }
  }
  await expect(games.getByRole('link', { name: 'Leaky Runner (demo, Android)', exact: true })).toBeVisible();
  await games.getByRole('link', { name: 'Star Catcher Party (demo), as child-8 (aged 8)', exact: true }).click();
  await expect(page).toHaveURL(/demo-leaky\/web-child-8\/report\.html$/);
});

test("demo-leaky's report shows every check that applies failing, and a finding leads to its request and screenshot", async ({ page }) => {
  const seen = watch(page);
  const result = JSON.parse(readFileSync(path.join(runDir, 'demo-leaky', 'web-child-8', 'result.json'), 'utf8')) as { checks: Array<{ title: string; outcome: string }> };
  await page.goto(url('demo-leaky', 'web-child-8', 'report.html'));
  // A web game has no app package, so transparency.declared-vs-observed does not apply to it.
  expect(result.checks.filter((check) => check.outcome === 'not-applicable').map((check) => check.title)).toEqual(['What the app package declares matches what the game was seen doing']);
  for (const check of result.checks.filter((candidate) => candidate.outcome !== 'not-applicable')) {
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
  expect(readFileSync(path.join(runDir, 'demo-leaky', 'web-child-8', screenshot!)).subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(seen.consoleErrors).toEqual([]);
  expect(seen.requests.every((request) => request.startsWith('file://'))).toBe(true);
});

test("demo-careful's report shows every automatable standard conforming", async ({ page }) => {
  await page.goto(url('demo-careful', 'web-child-8', 'report.html'));
  const glance = page.getByRole('table', { name: /Status of each Children’s code standard/ });
  for (const standard of ['3. Age', '4. Transparency', '7. Default settings', '8. Data minimisation', '9. Data sharing', '10. Geolocation', '11. Parental controls', '12. Profiling', '13. Nudge']) {
    await expect(glance.getByRole('row', { name: new RegExp(standard) })).toContainText('Conforms');
  }
});

test("the child persona's reports compare it with the adult: the leaky game treats the child like the adult, the careful game does not", async ({ page }) => {
  await page.goto(url('demo-leaky', 'web-child-8', 'report.html'));
  const leaky = page.getByRole('table', { name: 'What each persona was sent and asked, side by side' });
  await expect(leaky.getByRole('row', { name: /Ad requests treating the player as an adult/ })).toContainText('Yes');
  await expect(leaky.getByRole('row', { name: /Setting: Who can chat with me/ })).toContainText('Everyone');
  await page.getByRole('link', { name: 'its report' }).click();
  await expect(page).toHaveURL(/demo-leaky\/web-adult-25\/report\.html$/);

  await page.goto(url('demo-careful', 'web-child-8', 'report.html'));
  const careful = page.getByRole('table', { name: 'What each persona was sent and asked, side by side' });
  await expect(careful.getByRole('row', { name: /Ad requests treating the player as an adult/ })).toContainText('0 of 2');
  await expect(careful.getByRole('row', { name: /Age given to the game/ })).toContainText('Not judged');
  await expect(careful.getByRole('row', { name: /Ad requests treating the player as an adult/ }).getByRole('cell').last()).toHaveText('No');
});

test("demo-android's report says the device was simulated and shows the permission dialog it recorded", async ({ page }) => {
  await page.goto(url('demo-android', 'android', 'report.html'));
  await expect(page.getByText(/simulated device/i).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Permission requests shown to the player' })).toBeVisible();
});

test("demo-canvas's report reads the drawn consent dialog and the default settings from pixels", async ({ page }) => {
  await page.goto(url('demo-canvas', 'web', 'report.html'));
  await expect(page.getByText(/reading the screenshot \(OCR and the shapes drawn\)/).first()).toBeVisible();
  await expect(page.getByText('"Personalised ads" is set to true (read from the screenshot\'s pixels: knob on the right, track #2e9e44 (saturation 0.71); confidence 0.95); the plan expects false as its high-privacy default.').first()).toBeVisible();
  await expect(page.getByText(/"Accept all" is drawn on a filled shape while "No thanks" is bare words/).first()).toBeVisible();
});

test("demo-engine-android's report reads the same game from the simulated device's engine screen", async ({ page }) => {
  await page.goto(url('demo-engine-android', 'android', 'report.html'));
  await expect(page.getByText(/simulated device/i).first()).toBeVisible();
  await expect(page.getByText('"Personalised ads" is set to true (read from the screenshot\'s pixels: knob on the right, track #2e9e44 (saturation 0.71); confidence 0.95); the plan expects false as its high-privacy default.').first()).toBeVisible();
  await expect(page.getByText(/"Accept all" is drawn on a filled shape while "No thanks" is bare words/).first()).toBeVisible();
});

test("demo-android's report shows what the pulled package contains, each SDK against the traffic, with no WCAG 2.2 AA violation", async ({ page }) => {
  await page.goto(url('demo-android', 'android', 'report.html'));
  const section = page.locator('section[aria-labelledby="package-contents"]');
  await expect(section.getByRole('heading', { name: 'What the package contains' })).toBeVisible();
  // sha256 of audits/demo/android/package/base.apk, the APK the simulated device holds.
  await expect(section.getByText('22676461d9ed93a74336d22e44eb8f774cc5d5f90b92508fa8b1ce5acc118e4f')).toBeVisible();
  const sdks = section.getByRole('table', { name: 'SDKs in the package, against the traffic' });
  await expect(sdks.getByRole('row', { name: /Meta Meta Audience Network/ })).toContainText('embedded, not seen in the capture — carrying an SDK is not proof it was active');
  await expect(sdks.getByRole('row', { name: /AppLovin AppLovin MAX/ })).toContainText('embedded and seen active in the capture');
  const results = await new AxeBuilder({ page }).include('section[aria-labelledby="package-contents"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
});
