// The device side of reading a game drawn by an engine (a Unity surface): the DrawnSurface that
// taps it with Appium's W3C actions, in device pixels.
import type { DrawnSurface } from '../drawn-screen.ts';
import { pause, type MobileScreen } from './mobile-screen.ts';

/** An engine redraws on its next frames: this long after a tap before the screen is read again. */
const redrawSeconds = 0.6;

export function engineSurface(screen: MobileScreen): DrawnSurface {
  return {
    async tapAt(point) {
      await screen.tapAt(point);
      await pause(redrawSeconds);
    },
    async width() {
      // The page source gives the size; read it once so the figure is this screen's.
      await screen.source().catch(() => undefined);
      return screen.size().width;
    },
    back: () => screen.back(),
    scroll: (direction) => screen.scroll(direction),
  };
}
