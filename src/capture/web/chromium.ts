// Finds Debian's Chromium (or the one GAMEAUDIT_CHROMIUM names). We never download a browser.
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

export const chromiumInstallHelp =
  'Chromium was not found. Install Debian\'s package (as root: apt-get update && apt-get install -y chromium), ' +
  'or set GAMEAUDIT_CHROMIUM to the path of a Chromium or Chrome executable.';

export function chromiumExecutable(): string {
  const candidates = [process.env.GAMEAUDIT_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (candidate): candidate is string => Boolean(candidate),
  );
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new UserError(chromiumInstallHelp);
  return found;
}
