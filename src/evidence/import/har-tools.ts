// Which tool saved a HAR, from the creator name it writes, and what that tool is known to leave
// out. The name decides nothing about reading (every HAR goes through the same salvage); it is
// said in the bundle so an investigator knows whose file it was and what to re-export.

export interface RecordingTool {
  /** The tool by the name people know it by. */
  name: string;
  /** What this tool leaves out of its HARs by default, as a note for the bundle; absent when nothing is known. */
  quirk?: string;
}

/** Creator names as each tool writes them in log.creator.name. */
const tools: readonly { pattern: RegExp; name: string; quirk?: string }[] = [
  { pattern: /^HTTP Toolkit/i, name: 'HTTP Toolkit' },
  { pattern: /^Charles/i, name: 'Charles Proxy' },
  { pattern: /^Proxyman/i, name: 'Proxyman' },
  { pattern: /^Fiddler/i, name: 'Fiddler' },
  {
    pattern: /^WebInspector$/,
    name: 'Chrome DevTools',
    // Chrome 130 and later leave Cookie, Set-Cookie and Authorization out unless the HAR is exported "with sensitive data".
    quirk: 'Chrome DevTools (from Chrome 130) leaves cookies and Authorization headers out of a HAR unless it is exported "with sensitive data": an absent cookie here was not captured, which is not the same as not sent.',
  },
  { pattern: /^WebKit Web Inspector$/i, name: 'Safari Web Inspector' },
  { pattern: /^Firefox$/i, name: 'Firefox DevTools' },
  { pattern: /^mitmproxy har_dump/i, name: 'mitmproxy (har_dump)', quirk: 'mitmproxy har_dump and tools built on it may leave response headers and bodies out; each entry lists what it lacks in _missing.' },
  { pattern: /^mitmproxy/i, name: 'mitmproxy' },
];

export function recordingTool(creatorName: string): RecordingTool {
  const known = tools.find((tool) => tool.pattern.test(creatorName.trim()));
  if (!known) return { name: creatorName.trim() || 'an unknown tool' };
  return { name: known.name, ...(known.quirk ? { quirk: known.quirk } : {}) };
}

/** What the imported HAR lacks, one phrase each: the fields absent from its entries, then what no HAR holds. */
export function harLacks(fieldsMissing: Record<string, number>, entryCount: number, tool: RecordingTool): string[] {
  const fields = Object.entries(fieldsMissing).map(([field, count]) => (count === entryCount ? `${field} (in every request)` : `${field} (in ${count} of ${entryCount} requests)`));
  return [...fields, ...(tool.quirk?.startsWith('Chrome') ? ['cookies and Authorization headers, if exported without sensitive data'] : []), 'consent dialogs, settings, screenshots, sensor use and the device'];
}
