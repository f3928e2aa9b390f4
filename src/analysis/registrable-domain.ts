// First or third party is decided by registrable domain (eTLD+1), using only the ICANN section of
// the public suffix list: private suffixes such as appspot.com or cloudfront.net would otherwise
// make every customer of those hosts a "registrable domain" of its own.
import { domainToASCII } from 'node:url';
import { getDomain } from 'tldts';

const cache = new Map<string, string>();

export function registrableDomain(host: string): string {
  const normalised = normaliseHost(host);
  const cached = cache.get(normalised);
  if (cached !== undefined) return cached;
  // IP addresses and single-label hosts (localhost) have no registrable domain: they stand for themselves.
  const domain = getDomain(normalised, { allowPrivateDomains: false }) ?? normalised;
  cache.set(normalised, domain);
  return domain;
}

export function isFirstParty(host: string, firstPartyDomains: readonly string[]): boolean {
  const domain = registrableDomain(host);
  return firstPartyDomains.some((firstParty) => {
    const normalised = normaliseHost(firstParty);
    return normalised === domain || registrableDomain(normalised) === domain || host === normalised || host.endsWith(`.${normalised}`);
  });
}

/** Host of a URL, lower-cased, without port; '' when the URL cannot be parsed. */
export function hostOf(url: string): string {
  const schemeEnd = url.indexOf('://');
  if (schemeEnd < 0) return '';
  const start = schemeEnd + 3;
  let end = start;
  while (end < url.length) {
    const code = url.charCodeAt(end);
    // '/', '?', '#' end the authority
    if (code === 47 || code === 63 || code === 35) break;
    end++;
  }
  let authority = url.slice(start, end);
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  if (authority.startsWith('[')) return authority.slice(0, authority.indexOf(']') + 1).toLowerCase();
  const colon = authority.indexOf(':');
  return normaliseHost(colon >= 0 ? authority.slice(0, colon) : authority);
}

/** Any non-ASCII character: only then is the host an IDN that needs converting. */
const nonAscii = /[^\u0000-\u007f]/;

/**
 * One spelling per host, so that one server is one recipient (issue 22): case is ignored, a
 * trailing dot (the DNS root, "ads.example.") is dropped, and an internationalised name is
 * written in punycode as DNS carries it ("bücher.example" is "xn--bcher-kva.example").
 */
export function normaliseHost(host: string): string {
  let normalised = host.toLowerCase();
  while (normalised.endsWith('.')) normalised = normalised.slice(0, -1);
  if (nonAscii.test(normalised)) normalised = domainToASCII(normalised) || normalised;
  return normalised;
}
