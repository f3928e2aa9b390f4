// Second line of defence for the few free-text fields the publishable summary allows (game
// titles, publishers, organisation names, our own check titles): anything shaped like an
// identifier, address or URL is removed, whole tokens only, so ordinary words, apostrophes and
// "Title: Subtitle" read as written. The first line is the allow-list in publish.ts, which never
// copies captured payloads, messages, URLs, hosts, labels, operators or devices at all; markup
// is made harmless by escaping (Handlebars for HTML, csv.ts for spreadsheets), not by deleting
// punctuation.
const removed = '[removed]';
const patterns: RegExp[] = [
  /\b[a-z][a-z0-9+.-]*:\/\/\S*/gi, // URLs with an authority (https://…, ftp://…)
  /\b(?:javascript|data|mailto|file|tel|sms|blob|vbscript):\S+/gi, // schemes that need no "//"
  /\S+@\S+\.\S+/g, // e-mail addresses
  /\b\d{1,3}(?:\.\d{1,3}){3}\b/g, // IPv4
  /\b[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7}\b/gi, // IPv6 (needs at least three groups, so "Sky: Children" is not one)
  /%[0-9a-f]{2}/gi, // percent-encoding
  /(?<![\w+])(?:\+\d[\d -]{7,}|\d[\d -]{9,})\d\b/g, // phone numbers and serials: "+" and 9 digits, or 11 or more (a title's "Game 1234567890" stays)
  /\b(?=[A-Za-z0-9+/=_-]*[A-Za-z])(?=[A-Za-z0-9+/=_-]*\d)[A-Za-z0-9+/=_-]{8,}/g, // ids, hashes, base64, handles: letters and digits mixed, 8 or more
];

export function publishableText(text: string): string {
  let clean = text;
  for (const pattern of patterns) clean = clean.replace(pattern, removed);
  return clean.replace(/\s+/g, ' ').trim().slice(0, 200);
}
