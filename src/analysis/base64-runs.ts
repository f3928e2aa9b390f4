// Runs of base64 characters (either alphabet) in a text, found in one linear pass. A regular
// expression such as /[A-Za-z0-9+/_-]{16,}/g restarts inside every shorter run (quadratic in the
// run's length) and was the largest cost of analysing large JSON bodies.

const base64Character = new Uint8Array(128);
for (const character of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_') base64Character[character.charCodeAt(0)] = 1;
const equals = 61;
const asterisk = 42;

export interface Base64Run {
  start: number;
  /** The run with its padding ('=', or AppLovin's '*'), up to two characters. */
  text: string;
}

/** Every maximal run of at least `minimumLength` base64 characters, with up to two padding characters. */
export function base64Runs(text: string, minimumLength: number): Base64Run[] {
  const runs: Base64Run[] = [];
  const length = text.length;
  let index = 0;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (code >= 128 || base64Character[code] === 0) {
      index++;
      continue;
    }
    const start = index;
    while (index < length) {
      const next = text.charCodeAt(index);
      if (next >= 128 || base64Character[next] === 0) break;
      index++;
    }
    if (index - start < minimumLength) continue;
    let end = index;
    const padding = text.charCodeAt(end);
    if (padding === equals || padding === asterisk) {
      end++;
      if (text.charCodeAt(end) === padding) end++;
    }
    runs.push({ start, text: text.slice(start, end) });
    index = end;
  }
  return runs;
}
