// Cookies and localStorage at the end of each phase, and the third-party cookies that act as
// identifiers (what the network analysis then looks for in traffic).
//
// localStorage is read inside every frame open at that moment, which costs a few milliseconds.
// Playwright's storageState() would do, but it opens a hidden page and loads every origin the
// capture ever visited in it, every time (over 0.1 s and a renderer's start, four times a
// capture). It is still used, but only when an origin the game visited has no frame open any
// more (an ad frame that was closed), so that origin's storage is not missed.
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { getDomain } from 'tldts';
import type { CaptureRecorder } from '../recorder.ts';

/** Shorter values are flags or counters, not identifiers. */
const minimumIdentifierLength = 8;

interface StorageItem {
  origin: string;
  key: string;
  value: string;
}

// Evaluated as text, so no transpiler helper leaks into the page. It runs in the page's own
// world (Playwright offers no other to us), as the capture's other probes do.
const readLocalStorageScript = `(() => {
  const items = [];
  for (let index = 0; index < localStorage.length; index++) {
    const key = localStorage.key(index);
    if (key !== null) items.push([key, localStorage.getItem(key) ?? '']);
  }
  return items;
})()`;

/** The frame's web origin, or undefined for about:blank, data: and other frames without one. */
function webOrigin(frame: Frame): string | undefined {
  try {
    const url = new URL(frame.url());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

export class StorageSnapshots {
  /** Every web origin a frame of the capture has shown. */
  private readonly visitedOrigins = new Set<string>();
  private readonly watched = new WeakSet<Page>();

  constructor(
    private readonly context: BrowserContext,
    private readonly firstPartyDomains: readonly string[],
  ) {}

  /** Call for every page of the capture, before it navigates (a second call does nothing). */
  watch(page: Page): void {
    if (this.watched.has(page)) return;
    this.watched.add(page);
    page.on('framenavigated', (frame) => {
      const origin = webOrigin(frame);
      if (origin) this.visitedOrigins.add(origin);
    });
  }

  async take(recorder: CaptureRecorder): Promise<void> {
    const cookies = await this.context.cookies();
    const localStorage = await this.localStorage();
    const phase = recorder.phaseOrLaunch;
    const eventId = recorder.event('storage-snapshot', { cookies: cookies.length, origins: new Set(localStorage.map((item) => item.origin)).size });
    recorder.draft.storage.push({
      phase,
      at: new Date().toISOString(),
      eventId,
      cookies: cookies.map((cookie) => ({
        name: cookie.name,
        value: cookie.value,
        domain: cookie.domain,
        path: cookie.path,
        expires: cookie.expires,
        httpOnly: cookie.httpOnly,
        secure: cookie.secure,
        sameSite: cookie.sameSite,
      })),
      localStorage,
    });
    const learned = recorder.draft.learnedIdentifiers;
    for (const cookie of cookies) {
      const domain = getDomain(cookie.domain.replace(/^\./, '')) ?? cookie.domain.replace(/^\./, '');
      if (this.firstPartyDomains.includes(domain) || cookie.value.length < minimumIdentifierLength) continue;
      const kind = `cookie:${cookie.name}`;
      if (learned.some((known) => known.kind === kind && known.value === cookie.value)) continue;
      learned.push({ kind, value: cookie.value, source: `third-party cookie set on ${cookie.domain} (seen at the end of the ${phase} phase)` });
    }
  }

  private async localStorage(): Promise<StorageItem[]> {
    const items: StorageItem[] = [];
    const read = new Set<string>();
    for (const page of this.context.pages()) {
      for (const frame of page.frames()) {
        const origin = webOrigin(frame);
        if (!origin || read.has(origin)) continue;
        try {
          const entries = (await frame.evaluate(readLocalStorageScript)) as Array<[string, string]>;
          read.add(origin);
          for (const [key, value] of entries) items.push({ origin, key, value });
        } catch {
          // Detached or navigating, or a sandboxed frame with no storage: left to the fallback.
        }
      }
    }
    const unread = [...this.visitedOrigins].filter((origin) => !read.has(origin));
    if (unread.length > 0) {
      const state = await this.context.storageState();
      for (const origin of state.origins.filter((entry) => unread.includes(entry.origin))) {
        for (const item of origin.localStorage) items.push({ origin: origin.origin, key: item.name, value: item.value });
      }
    }
    return items;
  }
}
