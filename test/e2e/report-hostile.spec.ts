// A capture's text is hostile: labels, URLs, messages and settings carry script, event-handler
// markup, javascript: links and CSS that tries to hide the page. The report must show all of it
// as text, run nothing, load nothing and go nowhere.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { hostile } from '../fixtures/results/games.ts';
import { renderedHostile, watch } from './report-helpers.ts';

let reportUrl: string;
test.beforeAll(async () => {
  reportUrl = await renderedHostile();
});

test('nothing captured runs, loads or navigates; the text is shown literally', async ({ page }) => {
  const seen = watch(page);
  await page.goto(reportUrl);

  // Shown as text, in many places.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hostile ${hostile.script} Game`);
  expect(await page.getByText(hostile.script, { exact: false }).count()).toBeGreaterThan(5);
  expect(await page.getByText(hostile.img, { exact: false }).count()).toBeGreaterThan(3);
  await expect(page.getByText(hostile.jsLink).first()).toBeVisible();
  await expect(page.getByText(hostile.template, { exact: false }).first()).toBeVisible();

  // The injected CSS did not take: the page is visible and styled only by our sheet.
  await expect(page.locator('body')).toBeVisible();
  expect(await page.locator('style').count()).toBe(1);

  // None of it became markup.
  expect(await page.locator('script, iframe, object, embed, svg[onload], [onerror], [onload], [onclick]').count()).toBe(0);
  expect(await page.locator('a[href^="javascript:" i], a[href*="://"], img[src*="://"]').count()).toBe(0);

  // Follow every in-page link and open every fold: still nothing happens.
  for (const summary of await page.locator('summary').all()) await summary.click();
  // dispatchEvent: the skip link sits off screen until focused, and a real click needs it on screen.
  for (const link of await page.locator('a[href^="#"]').all()) await link.dispatchEvent('click');

  await page.waitForTimeout(300);
  expect(seen.dialogs).toEqual([]);
  expect(seen.consoleErrors).toEqual([]);
  expect(seen.pageErrors).toEqual([]);
  const bundleDir = path.dirname(fileURLToPath(reportUrl));
  for (const request of seen.requests) {
    expect(request.startsWith('file://'), request).toBe(true);
    expect(fileURLToPath(request.split('#')[0] as string).startsWith(bundleDir), request).toBe(true);
  }
  const pagePath = reportUrl.split('#')[0];
  for (const navigation of seen.navigations) expect(navigation.split('#')[0]).toBe(pagePath);
  await expect(page.locator('.banner')).toContainText('did not pass its integrity check');
});
