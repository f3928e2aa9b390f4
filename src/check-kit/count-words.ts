// Sentences about "none of" and "all of" a counted set, with number agreement: "None of 1
// persistent identifier" and "all 2 ad requests" are what a plain template gives; readers expect
// "The persistent identifier looked for" and "both ad requests".
import { plural } from './evidence-refs.ts';

/**
 * The subject and verb of "none of them was": { subject: "None of the 3 requests", verb: "was" },
 * { subject: "The one request", verb: "was not" }, { subject: "No request", verb: "was" }.
 */
export function noneOf(count: number, singular: string, pluralWord = `${singular}s`): { subject: string; verb: string } {
  if (count === 0) return { subject: `No ${singular}`, verb: 'was' };
  if (count === 1) return { subject: `The one ${singular}`, verb: 'was not' };
  return { subject: `None of the ${plural(count, singular, pluralWord)}`, verb: 'was' };
}

/** "the ad request" / "both ad requests" / "all 3 ad requests". */
export function allOf(count: number, singular: string, pluralWord = `${singular}s`): string {
  if (count === 1) return `the ${singular}`;
  if (count === 2) return `both ${pluralWord}`;
  return `all ${plural(count, singular, pluralWord)}`;
}

/** The phrase with its first letter in capitals, to open a sentence: "Both ad requests …". */
export function capitalised(phrase: string): string {
  return phrase.charAt(0).toUpperCase() + phrase.slice(1);
}

/**
 * The subject of "N of M start…", with its verb: { subject: "All 4 privacy settings", verb: "start" },
 * { subject: "Both privacy settings" }, { subject: "The one privacy setting", verb: "starts" },
 * { subject: "1 of the 4 privacy settings", verb: "starts" }.
 */
export function countOfTotal(count: number, total: number, singular: string, pluralWord = `${singular}s`, verbs: { one: string; many: string } = { one: 'starts', many: 'start' }): { subject: string; verb: string } {
  const verb = count === 1 ? verbs.one : verbs.many;
  if (count === total) return { subject: capitalised(total === 1 ? `the one ${singular}` : allOf(total, singular, pluralWord)), verb };
  return { subject: `${count} of the ${plural(total, singular, pluralWord)}`, verb };
}
