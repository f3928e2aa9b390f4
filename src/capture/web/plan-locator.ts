// A plan's Locator (shared with Appium) as a Playwright locator on the web.
import type { Locator as PlaywrightLocator, Page } from 'playwright-core';
import type { Locator } from '../../plan/schema.ts';

export function planLocator(page: Page, locator: Locator): PlaywrightLocator {
  if (locator.css) return page.locator(locator.css);
  if (locator.xpath) return page.locator(`xpath=${locator.xpath}`);
  if (locator.text) return page.getByText(locator.text, { exact: true });
  // Accessibility ids are aria-labels on the web; resource ids are element ids.
  if (locator.accessibilityId) return page.getByLabel(locator.accessibilityId, { exact: true });
  if (locator.resourceId) return page.locator(`[id="${locator.resourceId.replace(/"/g, '\\"')}"]`);
  throw new Error('empty locator');
}

/** The CSS selector when the locator is one (the probes take selectors). */
export function describeLocator(locator: Locator): string {
  return locator.css ?? locator.xpath ?? locator.text ?? locator.accessibilityId ?? locator.resourceId ?? '';
}
