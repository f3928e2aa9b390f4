// Second line of defence for the few free-text fields the publishable summary allows (game
// titles, publishers, organisation names, our own check titles): anything shaped like an
// identifier, address or URL is removed. The first line is the allow-list in publish.ts, which
// never copies captured payloads, messages, URLs, hosts, labels, operators or devices at all.
const removed = '[removed]';
const patterns: RegExp[] = [
  /\b[a-z][a-z0-9+.-]*:\/?\/?\S*/gi, // URLs and schemes (https:, javascript:, data:)
  /\S+@\S+/g, // e-mail addresses
  /\b\d{1,3}(?:\.\d{1,3}){3}\b/g, // IPv4
  /\b[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7}\b/gi, // IPv6
  /%[0-9a-f]{2}/gi, // percent-encoding
  /(?=[A-Za-z0-9+/=_-]*\d)[A-Za-z0-9+/=_-]{8,}/g, // ids, hashes, base64, serials, phone numbers, handles with digits
  /[<>"'`]/g, // markup has no place in a published name
];

export function publishableText(text: string): string {
  let clean = text;
  for (const pattern of patterns) clean = clean.replace(pattern, removed);
  return clean.replace(/\s+/g, ' ').trim().slice(0, 200);
}
