// The companies the game has contacted so far, for the assisted view: each third-party host named
// by our tracker catalogue's company, or by its registrable domain when the catalogue does not
// know it. Shown to the investigator only; analysis of the bundle does the real attribution.
import { bundledCatalogue } from '../analysis/tracker-catalogue.ts';
import { hostOf, isFirstParty, registrableDomain } from '../analysis/registrable-domain.ts';
import type { CaptureProxy } from '../capture/proxy/types.ts';

/** Reading the spool again is cheap but not free: at most once in this many milliseconds. */
const refreshMilliseconds = 3000;

export function contactedCompanies(proxy: Pick<CaptureProxy, 'entries' | 'requestCount'>, firstPartyDomains: readonly string[]): () => string[] {
  let readAt = 0;
  let readCount = -1;
  let companies: string[] = [];
  return () => {
    if (Date.now() - readAt < refreshMilliseconds || proxy.requestCount() === readCount) return companies;
    readAt = Date.now();
    readCount = proxy.requestCount();
    const names = new Set<string>();
    const catalogue = bundledCatalogue();
    for (const entry of proxy.entries()) {
      const host = hostOf(entry.request.url);
      if (!host || isFirstParty(host, firstPartyDomains)) continue;
      names.add(catalogue.lookup(host)?.organization ?? registrableDomain(host));
    }
    companies = [...names].sort((a, b) => a.localeCompare(b));
    return companies;
  };
}
