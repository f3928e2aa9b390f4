// The plain words, icons and colour classes for outcomes and statuses. Colour is never the only
// signal: every status also has a word and a distinct shape, so it survives greyscale printing
// and colour-blindness.
import type { Outcome } from '../check-kit/contract.ts';
import type { StandardStatus } from '../scoring/standards.ts';

export interface Label {
  /** What a reader sees, e.g. "Does not conform". */
  words: string;
  /** A shape that differs per status (✔ ✖ ▲ ? ■ –). */
  icon: string;
  /** CSS class suffix; from this fixed table only, never from captured text. */
  tone: 'good' | 'bad' | 'concern' | 'neutral' | 'error';
  /** One sentence saying what it means for a non-programmer. */
  meaning: string;
}

export const statusLabels: Record<StandardStatus, Label> = {
  conforms: { words: 'Conforms', icon: '✔', tone: 'good', meaning: 'Every automatic test for this standard passed.' },
  concerns: { words: 'Concerns', icon: '▲', tone: 'concern', meaning: 'Something needs a closer look: a warning, or a test could not see enough to decide.' },
  'does-not-conform': { words: 'Does not conform', icon: '✖', tone: 'bad', meaning: 'At least one test found the game breaking this standard.' },
  'not-assessed': { words: 'Not assessed', icon: '–', tone: 'neutral', meaning: 'No automatic test covers this standard here; it needs a person’s judgement.' },
  error: { words: 'Tool error', icon: '■', tone: 'error', meaning: 'A test could not run because of a fault in the tool; this says nothing about the game.' },
};

export const outcomeLabels: Record<Outcome, Label> = {
  pass: { words: 'Pass', icon: '✔', tone: 'good', meaning: 'The test looked for the problem and did not find it.' },
  fail: { words: 'Fail', icon: '✖', tone: 'bad', meaning: 'The test found the problem; the evidence is listed below.' },
  warn: { words: 'Warning', icon: '▲', tone: 'concern', meaning: 'The test found something that may be a problem and needs a person to judge.' },
  'not-applicable': { words: 'Not applicable', icon: '–', tone: 'neutral', meaning: 'The test does not apply to this game (for example, it has no such feature).' },
  inconclusive: { words: 'Inconclusive', icon: '?', tone: 'concern', meaning: 'The test could not see enough to decide, for example because part of the capture failed.' },
  error: { words: 'Tool error', icon: '■', tone: 'error', meaning: 'The test itself broke; this says nothing about the game.' },
};

/** Investigators may use either vocabulary. */
export function investigatorOutcomeLabel(outcome: string): Label {
  if (outcome in statusLabels) return statusLabels[outcome as StandardStatus];
  if (outcome in outcomeLabels) return outcomeLabels[outcome as Outcome];
  return { words: outcome, icon: '•', tone: 'neutral', meaning: '' };
}

export const phaseDescriptions: Record<string, string> = {
  launch: 'Launch — the game opened on a fresh device, with nobody touching anything. What happens here is the default.',
  consent: 'Consent — the first privacy or consent dialog was recorded, then declined where possible.',
  settings: 'Settings — the settings screens were opened and each privacy control was read, never changed.',
  play: 'Play — scripted play for a set time.',
};

export function yesNoUnknown(value: boolean | null | undefined | 'unknown', yes = 'Yes', no = 'No'): string {
  if (value === true) return yes;
  if (value === false) return no;
  return 'Unknown';
}

export const encodingWords: Record<string, string> = {
  plain: 'not encoded',
  uppercase: 'upper case',
  lowercase: 'lower case',
  'url-encoded': 'URL-encoded',
  'url-encoded-twice': 'URL-encoded twice',
  'json-escaped': 'JSON-escaped',
  base64: 'Base64',
  base64url: 'Base64 (URL-safe)',
  hex: 'hexadecimal',
  md5: 'MD5 hash',
  sha1: 'SHA-1 hash',
  sha256: 'SHA-256 hash',
  'md5-lowercase': 'MD5 hash of lower case',
  'sha1-lowercase': 'SHA-1 hash of lower case',
  'sha256-lowercase': 'SHA-256 hash of lower case',
};

export const identifierWords: Record<string, string> = {
  advertisingId: 'Advertising ID',
  androidId: 'Android ID',
  imei: 'IMEI',
  serial: 'Device serial number',
  macAddress: 'MAC address',
  email: 'E-mail address',
  username: 'Username',
  phone: 'Phone number',
  birthdate: 'Date of birth',
};

/** "cookie:uid" → "Cookie uid"; known kinds get their plain name. */
export function identifierKindWords(kind: string): string {
  if (identifierWords[kind]) return identifierWords[kind];
  const [prefix, ...rest] = kind.split(':');
  if (rest.length > 0 && prefix === 'cookie') return `Cookie “${rest.join(':')}”`;
  if (rest.length > 0 && prefix === 'custom') return `Custom identifier “${rest.join(':')}”`;
  return kind;
}

/** Timeline event types in plain words; the raw type stays beside them as technical detail. */
export const eventTypeWords: Record<string, string> = {
  'capture-start': 'Capture started',
  'capture-end': 'Capture ended',
  'phase-start': 'Phase started',
  'phase-end': 'Phase ended',
  'page-opened': 'Game opened',
  'app-launched': 'App started',
  'app-data-cleared': 'App data cleared',
  'browser-closed': 'Browser closed',
  screenshot: 'Screenshot taken',
  tap: 'Tapped',
  scroll: 'Scrolled',
  back: 'Went back',
  play: 'Played',
  'storage-snapshot': 'Stored data read',
  'setting-read': 'Setting read',
  'mock-location': 'Test location given to the device',
  'geolocation-call': 'Game asked for the location',
  'geolocation-outcome': 'Answer to the location request',
  'android-location-request': 'Device recorded a location request',
  'permission-prompt': 'Permission request shown',
  'permission-denied': 'Permission refused',
  'consent-dialog': 'Consent dialog found',
  'consent-dialog-not-found': 'No consent dialog found',
  'consent-dialog-left-open': 'Consent dialog left open',
  'consent-changed-by-tool': 'Consent changed by the tool',
  'age-gate': 'Age question found',
  'age-gate-answered': 'Age question answered',
  'adb-output': 'Device record read',
  'adb-output-unavailable': 'Device record not available',
  'appium-session': 'Device session started',
  'device-proxy-set': 'Device pointed at the proxy',
  'device-baseline': 'Device records read before launch',
  'not-collected': 'Not collected',
  fault: 'Fault in the capture',
};
