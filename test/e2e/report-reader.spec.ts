// What a reader sees: from the programme page to a game, from a failed check to the exact request
// and screenshot behind it, in one click each.
import { expect, test } from '@playwright/test';
import { renderedDemo, watch } from './report-helpers.ts';

let pages: Awaited<ReturnType<typeof renderedDemo>>;
test.beforeAll(async () => {
  pages = await renderedDemo();
});

test('the programme page shows the matrix and links to each game', async ({ page }) => {
  await page.goto(pages.index);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/programme run/i);
  const matrix = page.getByRole('table', { name: 'Status of each standard for each game' });
  const leakyRow = matrix.getByRole('row', { name: /Leaky Llama Jump/ });
  await expect(leakyRow.getByRole('cell').nth(9)).toHaveText('✖ Does not conform');
  await expect(matrix.getByRole('row', { name: /Careful Capybara Garden/ }).getByRole('cell').nth(6)).toHaveText('✔ Conforms');
  await expect(page.locator('svg.chart rect')).toHaveCount(3);
  await page.getByRole('table', { name: 'Games in this run' }).getByRole('link', { name: 'Leaky Llama Jump' }).click();
  await expect(page).toHaveURL(/demo-leaky\/web\/report\.html$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Leaky Llama Jump');
});

test('each check shows its outcome, and a failed one leads to its request and screenshot', async ({ page }) => {
  const seen = watch(page);
  await page.goto(pages.leaky);
  const tracking = page.locator('article', { has: page.getByRole('heading', { name: 'Tracking starts before the player has made any choice' }) });
  await expect(tracking).toContainText('✖Fail');
  await expect(tracking).toContainText('Standard 7: Default settings');
  await expect(page.locator('article', { has: page.getByRole('heading', { name: 'Privacy information is easy to reach' }) })).toContainText('✔Pass');

  // The AppLovin request sits in a folded group until the reader follows the link.
  await tracking.getByRole('link', { name: 'Show request #3 in the network table' }).click();
  const row = page.locator('#entry-3');
  await expect(row).toBeVisible();
  await expect(row).toContainText('ms.applovin.com/openrtb2/auction');
  await expect(row.locator('.encoding').first()).toHaveText('not encoded');

  // The timeline holds the picture once; thumbnails load lazily: bring it on screen, then it must be a real image under the page's CSP.
  const thumbnail = page.locator('#screen-screens-launch-png').getByRole('link', { name: /Screenshot: The game screen after launch/ });
  await thumbnail.scrollIntoViewIfNeeded();
  await expect.poll(() => thumbnail.locator('img').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(180);
  // The finding links the same screenshot at full size, one click away.
  await tracking.getByRole('link', { name: 'The game screen after launch, before any choice (opens full size)' }).click();
  await expect(page).toHaveURL(/screens\/launch\.png$/);
  expect(seen.consoleErrors).toEqual([]);
  expect(seen.requests.every((url) => url.startsWith('file://'))).toBe(true);
});

test('the careful game passes and its report says so in words', async ({ page }) => {
  await page.goto(pages.careful);
  const glance = page.getByRole('table', { name: /Status of each Children’s code standard/ });
  await expect(glance.getByRole('row', { name: /10\. Geolocation/ })).toContainText('Conforms');
  await expect(page.getByRole('table', { name: /Buttons in the dialog/ })).toContainText('160 × 56 px');
});
