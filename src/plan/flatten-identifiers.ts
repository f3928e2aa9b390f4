// The identifiers file as kind → value, the form analysis searches for. Location is left out:
// coordinates are searched by precision, not as a string.
import type { Identifiers } from './schema.ts';

export function flattenIdentifiers(identifiers: Identifiers): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [kind, value] of Object.entries(identifiers)) {
    // androidIdByPackage holds one game's id each: the Android capture picks the one of its game.
    if (kind === 'location' || kind === 'custom' || kind === 'androidIdByPackage' || value === undefined) continue;
    flat[kind] = String(value);
  }
  for (const [name, value] of Object.entries(identifiers.custom ?? {})) flat[`custom:${name}`] = value;
  return flat;
}
