// The local Chromium browsers of a run, kept from one web capture to the next. Starting Chromium
// costs about a core-second and half a second of wall time; a batch of ten games paid that ten
// times. Now each browser serves one capture at a time and is handed to the next capture when the
// last one ends; the batch runner's concurrency bounds how many exist at once.
//
// What a capture sees stays fresh: every capture gets its own new browser context (WebDriver),
// which shares no cookies, storage, cache, HSTS state, service workers or permissions with any
// other — Playwright's isolation guarantee. The browser's own profile (browser-profile.ts) holds
// only the preference that lets those contexts accept third-party cookies, as a child's phone
// browser does; no game is ever opened in it. A browser that crashed or was killed is never
// handed on: the next capture starts a new one.
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { createFreshProfile } from './browser-profile.ts';
import { chromiumArgs, chromiumExecutable } from './chromium.ts';

export interface BrowserLease {
  readonly browser: Browser;
  /** The Chromium executable it runs (chromium.ts chooses it), for the evidence. */
  readonly executable: string;
  /** The browser's profile folder (its command line's --user-data-dir), to tell its process apart. */
  readonly profileDirectory: string;
  /** Hands the browser back: kept for the next capture while it still runs, else cleaned away. */
  release(): Promise<void>;
}

interface PooledBrowser {
  /** The profile's own context: closing it ends the browser. */
  readonly home: BrowserContext;
  readonly browser: Browser;
  readonly executable: string;
  readonly spkiFingerprint: string;
  readonly profile: ReturnType<typeof createFreshProfile>;
}

export class BrowserPool {
  private readonly idle: PooledBrowser[] = [];
  private readonly running = new Set<PooledBrowser>();
  private disposed = false;

  /**
   * A browser that accepts certificates from the CA with this SPKI fingerprint (the capture
   * proxy's): an idle one of the run, or a new one. Each capture's context names its own proxy.
   */
  async acquire(spkiFingerprint: string): Promise<BrowserLease> {
    if (this.disposed) throw new Error('the run has ended: its browsers are closed');
    const reusable = this.idle.findIndex((entry) => entry.spkiFingerprint === spkiFingerprint && entry.browser.isConnected());
    if (reusable < 0) {
      // Idle browsers that trust another CA (captures without a shared run CA) would only wait
      // for the run's end: close them rather than keep one more browser than captures at once.
      await Promise.all(this.idle.splice(0).map((stale) => this.end(stale)));
    }
    const entry = reusable >= 0 ? this.idle.splice(reusable, 1)[0]! : await this.launch(spkiFingerprint);
    let released = false;
    return {
      browser: entry.browser,
      executable: entry.executable,
      profileDirectory: entry.profile.directory,
      release: async () => {
        if (released) return;
        released = true;
        if (entry.browser.isConnected() && !this.disposed) this.idle.push(entry);
        else await this.end(entry);
      },
    };
  }

  /** Closes every browser of the run and removes their profiles; safe to call more than once. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.idle.length = 0;
    await Promise.all([...this.running].map((entry) => this.end(entry)));
  }

  private async launch(spkiFingerprint: string): Promise<PooledBrowser> {
    const executable = chromiumExecutable();
    const profile = createFreshProfile();
    try {
      const home = await chromium.launchPersistentContext(profile.directory, {
        executablePath: executable,
        headless: true,
        // Chrome on Android gives a cross-site frame its own process only on sites where people
        // log in; desktop Chromium does it for every site. The phone's process model is the one
        // we emulate, and it spares a renderer process for every ad frame.
        args: [...chromiumArgs, `--ignore-certificate-errors-spki-list=${spkiFingerprint}`, '--disable-site-isolation-trials'],
        // The CLI owns Ctrl-C and SIGTERM (src/cli/interrupt.ts): the capture finishes its step and
        // seals what it got, then the run closes its browsers. Playwright's own handlers would kill
        // the browser and exit the process (130) before the bundle is sealed.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
      const browser = home.browser();
      if (!browser) throw new Error('Chromium started without a browser object to open contexts in');
      const entry: PooledBrowser = { home, browser, executable, spkiFingerprint, profile };
      this.running.add(entry);
      return entry;
    } catch (error) {
      profile.remove();
      throw error;
    }
  }

  private async end(entry: PooledBrowser): Promise<void> {
    this.running.delete(entry);
    try {
      await entry.home.close();
    } catch {
      // A crashed or killed browser cannot be closed; its profile is removed regardless.
    } finally {
      entry.profile.remove();
    }
  }
}
