// The device side of reading a game drawn by an engine (a Unity surface): the DrawnSurface that
// taps it with Appium's W3C actions, in device pixels, and types with W3C key actions.
import type { DrawnSurface, OpenedPlace } from '../drawn-screen.ts';
import { pause, type MobileScreen } from './mobile-screen.ts';

/** An engine redraws on its next frames: this long after a tap before the screen is read again. */
const redrawSeconds = 0.6;
/** How long a tapped link gets to bring another activity (a browser, a web view) to the front. */
const openSeconds = 1.5;

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
    async type(text) {
      await screen.typeText(text);
      await pause(redrawSeconds);
    },
    async followLink(point, whileShown) {
      // A device gives no popup to watch: what changed in the foreground is where the tap led.
      const before = await screen.whereNow();
      await screen.tapAt(point);
      await pause(openSeconds);
      const after = await screen.whereNow();
      if (!after.activity || (after.activity === before.activity && after.package === before.package)) return undefined;
      const place: OpenedPlace = { href: `${after.package ?? '(package unknown)'}/${after.activity}`, how: `the activity ${after.activity}${after.package && after.package !== before.package ? ` of ${after.package}` : ''}` };
      try {
        await whileShown(place);
      } finally {
        await screen.back();
        await pause(redrawSeconds);
      }
      return place;
    },
  };
}
