// Replaces test-account credentials in anything about to be written (HAR, UI trees, events)
// with a marker naming which credential stood there, in the encodings a login request uses.
import type { Credential } from '../plan/credentials.ts';

export class SecretMasker {
  private readonly replacements: Array<{ needle: string; marker: string }>;

  constructor(credentials: readonly Credential[]) {
    this.replacements = credentials
      .flatMap(({ name, value }) => {
        const marker = `[credential:${name}]`;
        const forms = new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1), Buffer.from(value).toString('base64')]);
        return [...forms].map((needle) => ({ needle, marker }));
      })
      // Longest first, so a value is masked whole before any shorter form inside it.
      .sort((a, b) => b.needle.length - a.needle.length);
  }

  get active(): boolean {
    return this.replacements.length > 0;
  }

  mask(text: string): string {
    let masked = text;
    for (const { needle, marker } of this.replacements) masked = masked.split(needle).join(marker);
    return masked;
  }

  /** Masks every string inside a JSON-like value. */
  maskValue<T>(value: T): T {
    if (!this.active) return value;
    return JSON.parse(this.mask(JSON.stringify(value))) as T;
  }
}
