// The web side of reading a drawn game: whether the page is drawn on a canvas, and the
// DrawnSurface that taps it through Playwright's mouse (CSS pixels) and types with its keyboard.
import type { Page } from 'playwright-core';
import type { DrawnSurface, OpenedPlace } from '../drawn-screen.ts';

/** A drawn game has no DOM change to wait for after a tap: it gets this long to redraw. */
const redrawMs = 600;
/** How long a tapped link gets to open a window or move the page. */
const openMs = 3000;

/** Whether the page is drawn on a canvas: no visible control in its DOM, and a canvas over most of the viewport. */
export async function drawnOnCanvas(page: Page): Promise<boolean> {
  return (await page.evaluate(`(() => {
    const visible = (element) => { const box = element.getBoundingClientRect(); return box.width > 0 && box.height > 0; };
    const controls = [...document.querySelectorAll('button, a[href], input, select, [role=button], [role=switch], [role=checkbox]')].filter(visible);
    const area = window.innerWidth * window.innerHeight;
    const canvas = [...document.querySelectorAll('canvas')].some((element) => { const box = element.getBoundingClientRect(); return box.width * box.height >= area * 0.5; });
    return controls.length === 0 && canvas;
  })()`).catch(() => false)) as boolean;
}

/**
 * The surface of a canvas page. `show` swaps the page the capture's snapshots are taken of (a
 * popup a drawn link opened, while it is recorded; undefined: the game again).
 */
export function canvasSurface(page: Page, show: (shown: Page | undefined) => void = () => undefined): DrawnSurface {
  return {
    async tapAt(point) {
      await page.mouse.click(point.x, point.y);
      await page.waitForTimeout(redrawMs);
    },
    async width() {
      return page.viewportSize()?.width;
    },
    async back() {
      await page.keyboard.press('Escape');
    },
    async scroll(direction) {
      await page.mouse.wheel(0, direction === 'up' ? -600 : 600);
    },
    async type(text) {
      await page.keyboard.type(text, { delay: 50 });
      await page.waitForTimeout(redrawMs);
    },
    async followLink(point, whileShown) {
      const before = page.url();
      const popup = page.context().waitForEvent('page', { timeout: openMs }).catch(() => undefined);
      await page.mouse.click(point.x, point.y);
      const opened = await popup;
      if (opened) {
        await opened.waitForLoadState('load', { timeout: 10_000 }).catch(() => undefined);
        const place: OpenedPlace = { href: opened.url(), title: await opened.title().catch(() => undefined), how: 'a new window' };
        show(opened);
        try {
          await whileShown(place);
        } finally {
          show(undefined);
          await opened.close().catch(() => undefined);
          await page.bringToFront().catch(() => undefined);
        }
        return place;
      }
      if (page.url() === before) return undefined;
      await page.waitForLoadState('load', { timeout: 10_000 }).catch(() => undefined);
      const place: OpenedPlace = { href: page.url(), title: await page.title().catch(() => undefined), how: 'the same page' };
      await whileShown(place);
      await page.goBack({ timeout: 10_000 }).catch(() => undefined);
      await page.waitForTimeout(redrawMs);
      return place;
    },
  };
}
