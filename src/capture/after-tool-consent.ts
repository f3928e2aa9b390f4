// Marks the traffic a capture saw after a tap of the tool changed consent (the play phase hit a
// consent button it could not recognise, drawn on a canvas): from then on the game acts on an
// answer the child never gave, so no entry may pass for the game's default.
import type { HarEntry } from '../evidence/har.ts';

export function* markAfterToolConsent(entries: Iterable<HarEntry>, toolConsentAt: number | undefined): Iterable<HarEntry> {
  for (const entry of entries) {
    yield toolConsentAt !== undefined && Date.parse(entry.startedDateTime) >= toolConsentAt ? { ...entry, _afterToolConsent: true } : entry;
  }
}
