// Runs of base64 characters (either alphabet) in a text, found in one linear pass that skips
// ahead where no run can fit. A regular expression such as /[A-Za-z0-9+/_-]{16,}/g restarts
// inside every shorter run (quadratic in the run's length) and was the largest cost of analysing
// large JSON bodies.

const base64Character = new Uint8Array(128);
for (const character of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_') base64Character[character.charCodeAt(0)] = 1;
const equals = 61;
const asterisk = 42;

export interface Base64Run {
  start: number;
  /** The run with its padding ('=', or AppLovin's '*'), up to two characters. */
  text: string;
}

function isBase64Code(code: number): boolean {
  return code < 128 && base64Character[code] === 1;
}

/**
 * Every maximal run of at least `minimumLength` base64 characters, with up to two padding characters.
 * A run that long must cover the character `minimumLength - 1` after any point where one could
 * start, so that character is looked at first: when it is not base64, no run fits before it and
 * the search jumps past it; when it is, the look back stops at the run's start. Ordinary text (short
 * words between quotes and spaces) is crossed a word per probe instead of character by character.
 */
export function base64Runs(text: string, minimumLength: number): Base64Run[] {
  const runs: Base64Run[] = [];
  const length = text.length;
  const reach = Math.max(1, minimumLength);
  // Invariant: `index` is 0 or follows a character that is not base64, so a run may start there.
  let index = 0;
  while (index + reach <= length) {
    const probe = index + reach - 1;
    if (!isBase64Code(text.charCodeAt(probe))) {
      index = probe + 1;
      continue;
    }
    let back = probe - 1;
    while (back >= index && isBase64Code(text.charCodeAt(back))) back--;
    if (back >= index) {
      // The run holding the probe starts after `back`: too short so far, it may still reach the length.
      index = back + 1;
      continue;
    }
    let end = probe + 1;
    while (end < length && isBase64Code(text.charCodeAt(end))) end++;
    const padding = text.charCodeAt(end);
    if (padding === equals || padding === asterisk) {
      end++;
      if (text.charCodeAt(end) === padding) end++;
    }
    runs.push({ start: index, text: text.slice(index, end) });
    index = end;
  }
  return runs;
}
