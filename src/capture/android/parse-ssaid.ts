// Parses the SSAID store, /data/system/users/<user>/settings_ssaid.xml: the Android id each app
// sees since Android 8 (one per app-signing key and user), written by SettingsProvider as
// <setting id=".." name="<uid>" value="<16 hex>" package="<pkg>" …/>. Android 12 and later store
// the file as binary XML (ABX); the capture converts it with the device's own `abx2xml` first.

export interface SsaidEntry {
  /** The app's uid on the device (the setting's name), e.g. 10153. */
  uid: number;
  packageName: string;
  /** The Android id this app reads from Settings.Secure.ANDROID_ID, lower case. */
  androidId: string;
}

const settingPattern = /<setting\b([^>]*?)\/?>/g;
const attributePattern = /([A-Za-z][\w-]*)="([^"]*)"/g;

function decodeXmlText(text: string): string {
  return text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi, (whole, decimal: string | undefined, hex: string | undefined, named: string | undefined) => {
    if (decimal) return String.fromCodePoint(Number(decimal));
    if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[named!.toLowerCase()] ?? whole;
  });
}

/**
 * Every per-app entry of the store. The store's own "userkey" entry (package "android", the key
 * the ids are derived from) and anything that is not 16 hex digits are left out: only a value an
 * app can actually read is worth searching for.
 */
export function parseSsaidXml(xml: string): SsaidEntry[] {
  const entries: SsaidEntry[] = [];
  for (const setting of xml.matchAll(settingPattern)) {
    const attributes = new Map<string, string>();
    for (const attribute of setting[1]!.matchAll(attributePattern)) attributes.set(attribute[1]!, decodeXmlText(attribute[2]!));
    const name = attributes.get('name') ?? '';
    const value = (attributes.get('value') ?? '').toLowerCase();
    const packageName = attributes.get('package');
    if (!/^\d+$/.test(name) || !packageName || !/^[0-9a-f]{16}$/.test(value)) continue;
    entries.push({ uid: Number(name), packageName, androidId: value });
  }
  return entries;
}

/** The Android id the package sees; undefined when the store has no entry for it (not run yet). */
export function ssaidForPackage(xml: string, packageName: string): string | undefined {
  return parseSsaidXml(xml).find((entry) => entry.packageName === packageName)?.androidId;
}
