// Replaces test-account credentials in anything about to be written (HAR, UI trees, events)
// with a marker naming which credential stood there, in every form a login request or a page
// writes them: as typed, URL- and form-encoded, JSON-escaped (once, and again inside a HAR's own
// JSON), HTML-escaped, hex, and base64 of any alphabet, padding or offset (an Authorization: Basic
// header is base64 of "user:password", so the password sits at an offset inside it).
import type { Credential } from '../plan/credentials.ts';

interface Secret {
  marker: string;
  bytes: Buffer;
}

/** Runs of the base64 alphabets (standard and URL-safe) long enough to hold a credential. */
const base64Run = /[A-Za-z0-9+/_-]{8,}={0,2}/g;
/**
 * A credential shorter than this is not looked for inside decoded base64: three or four bytes
 * occur by chance in a large binary blob, and masking an unrelated blob would destroy evidence.
 */
const minimumDecodedSecretBytes = 6;

function percentLowercase(text: string): string {
  return text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
}

function jsonEscaped(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** JSON as PHP, Java and some SDKs write it: `\/` and non-ASCII as \uXXXX. */
function jsonEscapedStrict(text: string): string {
  return jsonEscaped(text)
    .replace(/\//g, '\\/')
    .replace(/[^\x20-\x7e]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function htmlEscaped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Every literal spelling of one value that a masked text may contain. */
export function literalForms(value: string): string[] {
  const base64 = Buffer.from(value).toString('base64');
  const unpadded = base64.replace(/=+$/, '');
  const uriEncoded = encodeURIComponent(value);
  const formEncoded = new URLSearchParams({ v: value }).toString().slice(2);
  const hex = Buffer.from(value).toString('hex');
  const forms = [
    value,
    uriEncoded,
    percentLowercase(uriEncoded),
    formEncoded,
    percentLowercase(formEncoded),
    jsonEscaped(value),
    jsonEscaped(jsonEscaped(value)),
    jsonEscapedStrict(value),
    jsonEscaped(jsonEscapedStrict(value)),
    htmlEscaped(value),
    hex,
    hex.toUpperCase(),
    base64,
    unpadded,
    Buffer.from(value).toString('base64url'),
    encodeURIComponent(base64),
  ];
  // Also each of those as it appears inside a HAR's own JSON text.
  return [...new Set([...forms, ...forms.map(jsonEscaped)])].filter((form) => form.length > 0);
}

export class SecretMasker {
  private readonly replacements: Array<{ needle: string; marker: string }>;
  private readonly decodedSecrets: Secret[];

  constructor(credentials: readonly Credential[]) {
    this.replacements = credentials
      .flatMap(({ name, value }) => literalForms(value).map((needle) => ({ needle, marker: `[credential:${name}]` })))
      // Longest first, so a value is masked whole before any shorter form inside it.
      .sort((a, b) => b.needle.length - a.needle.length);
    this.decodedSecrets = credentials
      .map(({ name, value }) => ({ marker: `[credential:${name}]`, bytes: Buffer.from(value) }))
      .filter((secret) => secret.bytes.length >= minimumDecodedSecretBytes);
  }

  get active(): boolean {
    return this.replacements.length > 0;
  }

  mask(text: string): string {
    if (!this.active) return text;
    let masked = text;
    for (const { needle, marker } of this.replacements) masked = masked.split(needle).join(marker);
    return this.decodedSecrets.length > 0 ? masked.replace(base64Run, (run) => this.maskedRun(run)) : masked;
  }

  /** A base64 run whose decoded bytes hold a credential, at any of the four character offsets, is replaced whole. */
  private maskedRun(run: string): string {
    for (let offset = 0; offset < 4; offset++) {
      const decoded = Buffer.from(run.slice(offset), 'base64');
      const secret = this.decodedSecrets.find((candidate) => decoded.includes(candidate.bytes));
      if (secret) return secret.marker;
    }
    return run;
  }

  /** Masks every string inside a JSON-like value. */
  maskValue<T>(value: T): T {
    if (!this.active) return value;
    return JSON.parse(this.mask(JSON.stringify(value))) as T;
  }
}
