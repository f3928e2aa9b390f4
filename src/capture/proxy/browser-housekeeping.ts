// Chromium's own housekeeping (component and extension update checks, Google-account checks,
// autofill lookups) goes through the proxy too, but no page sent it: it carries
// `Sec-Fetch-Site: none` without being a navigation, or no Fetch Metadata at all. Recording it
// as the game's traffic would blame the game for the browser, so web captures set it apart.
// Only for browsers: native app clients send no Fetch Metadata, so this must never run on them.
export function isBrowserHousekeeping(rawHeaders: Array<[string, string]>): boolean {
  const header = (name: string): string | undefined => rawHeaders.find(([key]) => key.toLowerCase() === name)?.[1];
  const site = header('sec-fetch-site');
  if (site === undefined) return header('referer') === undefined && header('origin') === undefined;
  return site === 'none' && header('sec-fetch-mode') !== 'navigate';
}
