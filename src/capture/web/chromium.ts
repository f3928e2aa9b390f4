// Finds Debian's Chromium (or the one GAMEAUDIT_CHROMIUM names). We never download a browser.
//
// Debian's headless shell (package chromium-headless-shell) comes first: it is the same Chromium
// engine and version without the desktop browser's windows, and it is what Playwright itself runs
// for headless work. The full browser opens a desktop window for every new context, with toolbar
// pages of its own (the address bar's popup is a web page in two more renderer processes): five
// contexts cost it 3.5 core-seconds against 1.3 for the shell, and ten demo games one after the
// other 39 against 24 (npm run bench:batch). The full browser still works when it is the only one.
import { existsSync } from 'node:fs';
import { UserError } from '../../errors.ts';

/** Flags that keep Chromium from reaching the network on its own, which this machine refuses. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

// With the colour emoji font, because Debian's Chromium has none of its own: without it every
// emoji a game shows (in a title, a consent dialog's heading) is an empty box in the screenshots.
export const chromiumInstallCommand = 'apt-get update && apt-get install -y chromium-headless-shell fonts-noto-color-emoji';

export const chromiumInstallHelp =
  `Chromium was not found. Install Debian's packages (as root: ${chromiumInstallCommand}; the full browser, chromium, works too), ` +
  'or set GAMEAUDIT_CHROMIUM to the path of a Chromium or Chrome executable.';

/** Debian's builds, best first (see the top of this file). */
const debianChromiums = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * The Chromium to run: the one GAMEAUDIT_CHROMIUM names (which must exist: a typo must not
 * quietly run another browser), else the first of Debian's builds installed.
 */
export function chromiumExecutable(env: NodeJS.ProcessEnv = process.env, exists: (file: string) => boolean = existsSync): string {
  const chosen = env.GAMEAUDIT_CHROMIUM;
  if (chosen) {
    if (!exists(chosen)) throw new UserError(`GAMEAUDIT_CHROMIUM names ${chosen}, which does not exist; set it to a Chromium or Chrome executable, or unset it to use Debian's`);
    return chosen;
  }
  const found = debianChromiums.find((candidate) => exists(candidate));
  if (!found) throw new UserError(chromiumInstallHelp);
  return found;
}
