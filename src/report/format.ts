// Small formatting rules shared by every report page.

/** "2026-11-20T09:14:03.120Z" → "2026-11-20 09:14:03 UTC"; anything else is shown as given. */
export function utc(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function settingValueWords(value: boolean | string | undefined): string {
  if (value === true) return 'On';
  if (value === false) return 'Off';
  if (value === undefined) return '—';
  return value;
}

/** Long captured URLs are cut for the table; the full request stays in network.har. */
export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The path and query of a URL (the host has its own column), or the text itself if unparsable. */
export function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

export function bytesWords(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const platformWords: Record<string, string> = { web: 'Web, mobile browser', android: 'Android', ios: 'iOS' };

/**
 * The platform in words to put beside a title, or undefined when the title names it already:
 * "Leaky Runner (demo, Android)" is not followed by "(Android)" again.
 */
export function platformUnlessNamed(title: string, platform: string): string | undefined {
  const words = platformWords[platform] ?? platform;
  const named = platform === 'web' ? /\bweb\b/i : new RegExp(`\\b${platform}\\b`, 'i');
  return named.test(title) ? undefined : words;
}

/** "Leaky Runner (demo, Android)" or "Star Catcher (Web, mobile browser)": the platform said once. */
export function titleWithPlatform(title: string, platform: string): string {
  const words = platformUnlessNamed(title, platform);
  return words === undefined ? title : `${title} (${words})`;
}
