// Cookies and localStorage at the end of each phase, and the third-party cookies that act as
// identifiers (what the network analysis then looks for in traffic).
import type { BrowserContext } from 'playwright-core';
import { getDomain } from 'tldts';
import type { CaptureRecorder } from '../recorder.ts';

/** Shorter values are flags or counters, not identifiers. */
const minimumIdentifierLength = 8;

export async function snapshotStorage(context: BrowserContext, recorder: CaptureRecorder, firstPartyDomains: readonly string[]): Promise<void> {
  const state = await context.storageState();
  const phase = recorder.phaseOrLaunch;
  const eventId = recorder.event('storage-snapshot', { cookies: state.cookies.length, origins: state.origins.length });
  recorder.draft.storage.push({
    phase,
    at: new Date().toISOString(),
    eventId,
    cookies: state.cookies.map((cookie) => ({
      name: cookie.name,
      value: cookie.value,
      domain: cookie.domain,
      path: cookie.path,
      expires: cookie.expires,
      httpOnly: cookie.httpOnly,
      secure: cookie.secure,
      sameSite: cookie.sameSite,
    })),
    localStorage: state.origins.flatMap((origin) => origin.localStorage.map((item) => ({ origin: origin.origin, key: item.name, value: item.value }))),
  });
  const learned = recorder.draft.learnedIdentifiers;
  for (const cookie of state.cookies) {
    const domain = getDomain(cookie.domain.replace(/^\./, '')) ?? cookie.domain.replace(/^\./, '');
    if (firstPartyDomains.includes(domain) || cookie.value.length < minimumIdentifierLength) continue;
    const kind = `cookie:${cookie.name}`;
    if (learned.some((known) => known.kind === kind && known.value === cookie.value)) continue;
    learned.push({ kind, value: cookie.value, source: `third-party cookie set on ${cookie.domain} (seen at the end of the ${phase} phase)` });
  }
}
