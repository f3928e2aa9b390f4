// WCAG 2.2 AA on every kind of page we write, and keyboard use: every link and fold can be reached
// with Tab and shows where focus is.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { renderedDemo, renderedHistory, renderedHostile } from './report-helpers.ts';

let pages: Awaited<ReturnType<typeof renderedDemo>>;
let hostileReport: string;
let historyPage: string;
test.beforeAll(async () => {
  pages = await renderedDemo();
  hostileReport = await renderedHostile();
  historyPage = renderedHistory();
});

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  return results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')})`);
}

for (const [name, url] of [
  ['per-game report (leaky)', () => pages.leaky],
  ['per-game report (careful)', () => pages.careful],
  ['per-game report (hostile capture)', () => hostileReport],
  ['programme index', () => pages.index],
  ['published summary', () => pages.published],
  ['history across runs', () => historyPage],
] as const) {
  test(`${name} has no WCAG 2.2 AA violations`, async ({ page }) => {
    await page.goto(url());
    // Open every fold so the rules see all content, as a reader who opens them would.
    await page.locator('details').evaluateAll((elements) => elements.forEach((element) => element.setAttribute('open', '')));
    expect(await violations(page)).toEqual([]);
  });
}

for (const [name, url] of [
  ['per-game report', () => pages.leaky],
  ['programme index', () => pages.index],
  ['published summary', () => pages.published],
  ['history across runs', () => historyPage],
] as const) {
  test(`${name}: every link and fold is reachable by Tab, with a visible focus outline`, async ({ page }) => {
    await page.goto(url());
    const expected = await page.locator('a[href], summary').evaluateAll((elements) => elements.filter((element) => (element as HTMLElement).checkVisibility()).length);
    expect(expected).toBeGreaterThan(3);
    const reached = new Set<string>();
    for (let step = 0; step < expected + 40; step += 1) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return undefined;
        const style = getComputedStyle(element);
        if (!element.dataset.tabOrder) element.dataset.tabOrder = String(document.querySelectorAll('[data-tab-order]').length);
        return { key: element.dataset.tabOrder, tag: element.tagName, outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
      });
      if (!focus) continue;
      expect(focus.outline, `focus outline on ${focus.tag}`).toBe(true);
      if (focus.tag === 'A' || focus.tag === 'SUMMARY') reached.add(focus.key);
    }
    expect(reached.size).toBe(expected);
  });
}
