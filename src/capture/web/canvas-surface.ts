// The web side of reading a drawn game: whether the page is drawn on a canvas, and the
// DrawnSurface that taps it through Playwright's mouse (CSS pixels).
import type { Page } from 'playwright-core';
import type { DrawnSurface } from '../drawn-screen.ts';

/** A drawn game has no DOM change to wait for after a tap: it gets this long to redraw. */
const redrawMs = 600;

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

export function canvasSurface(page: Page): DrawnSurface {
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
  };
}
