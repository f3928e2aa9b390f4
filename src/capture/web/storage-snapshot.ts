// Cookies and localStorage at the end of each phase, and the third-party cookies that act as
// identifiers (what the network analysis then looks for in traffic).
//
// localStorage is read for every frame open at that moment through the DevTools protocol
// (DOMStorage, by the frame's storage key), which takes a few milliseconds and cannot be fooled
// by a page that redefines its own localStorage to hide what it keeps. Playwright's
// storageState() would also do, but it opens a hidden page and loads every origin the capture
// ever visited in it, every time (over 0.1 s and a renderer's start, four times a capture). It
// is still used, but only for an origin the game visited that has no frame open any more (an ad
// frame that was closed) or that the protocol could not read (a frame in a process of its own).
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { getDomain } from 'tldts';
import type { CaptureRecorder } from '../recorder.ts';

/** Shorter values are flags or counters, not identifiers. */
const minimumIdentifierLength = 8;

interface StorageItem {
  origin: string;
  key: string;
  value: string;
}

/** The web origin of a frame's URL, or undefined for about:blank, data: and other frames without one. */
function webOrigin(frameUrl: string): string | undefined {
  try {
    const url = new URL(frameUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

interface FrameTreeNode {
  frame: { id: string; url: string };
  childFrames?: FrameTreeNode[];
}

function framesOf(node: FrameTreeNode): Array<FrameTreeNode['frame']> {
  return [node.frame, ...(node.childFrames ?? []).flatMap(framesOf)];
}

export class StorageSnapshots {
  /** Every web origin a frame of the capture has shown. */
  private readonly visitedOrigins = new Set<string>();
  private readonly watched = new WeakSet<Page>();
  /** One DevTools session a page, opened on first use and gone with the page. */
  private readonly sessions = new WeakMap<Page, Promise<CDPSession>>();

  constructor(
    private readonly context: BrowserContext,
    private readonly firstPartyDomains: readonly string[],
  ) {}

  /** Call for every page of the capture, before it navigates (a second call does nothing). */
  watch(page: Page): void {
    if (this.watched.has(page)) return;
    this.watched.add(page);
    page.on('framenavigated', (frame) => {
      const origin = webOrigin(frame.url());
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
      try {
        const session = await this.sessionOf(page);
        const { frameTree } = (await session.send('Page.getFrameTree')) as { frameTree: FrameTreeNode };
        const unique = framesOf(frameTree).flatMap((frame) => {
          const origin = webOrigin(frame.url);
          if (!origin || read.has(origin)) return [];
          read.add(origin);
          return [{ frameId: frame.id, origin }];
        });
        // All frames at once: each read is a round trip to the browser.
        const results = await Promise.all(
          unique.map(async ({ frameId, origin }) => {
            try {
              const { storageKey } = await session.send('Storage.getStorageKeyForFrame', { frameId });
              const { entries } = await session.send('DOMStorage.getDOMStorageItems', { storageId: { storageKey, isLocalStorage: true } });
              return entries.map(([key, value]) => ({ origin, key: key ?? '', value: value ?? '' }));
            } catch {
              // Detached or navigating, or a frame with no storage of its own: left to the fallback.
              read.delete(origin);
              return [];
            }
          }),
        );
        items.push(...results.flat());
      } catch {
        // The page closed, or the browser offers no DevTools session: left to the fallback.
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

  private sessionOf(page: Page): Promise<CDPSession> {
    let session = this.sessions.get(page);
    if (!session) {
      session = this.context.newCDPSession(page);
      // A failed attempt is not kept: the next snapshot tries again.
      session.catch(() => this.sessions.delete(page));
      this.sessions.set(page, session);
    }
    return session;
  }
}
