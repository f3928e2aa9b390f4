// A fresh Chromium profile for each browser a run starts (browser-pool.ts). It allows third-party
// cookies, as a child's phone browser does by default, so the capture sees the cookies ad and
// analytics hosts set. Captures run in new contexts of that browser, which read this preference
// from it (a context of Playwright's own blank profile blocks third-party cookies).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createOwnedTempFolder } from '../owned-temp-folder.ts';

export function createFreshProfile(): { directory: string; remove: () => void } {
  // Marked as this run's, so a run killed before removing it has it removed by the next one.
  const directory = createOwnedTempFolder('gameaudit-profile-');
  mkdirSync(path.join(directory, 'Default'), { recursive: true });
  // cookie_controls_mode 0 = third-party cookies allowed (1 blocks them in incognito, 2 always).
  // signin.allowed false stops Chromium's own Google-account checks, which are not the game's traffic.
  writeFileSync(path.join(directory, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 }, signin: { allowed: false } }));
  return { directory, remove: () => rmSync(directory, { recursive: true, force: true }) };
}
