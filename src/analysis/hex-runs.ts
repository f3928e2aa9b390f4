// Runs of hex digits in a text that stand alone (not part of a longer word), found in one linear
// pass: each character is looked at once, and a run that turns out to belong to a longer word
// (…ef01g, …ef01_x) is skipped whole, never tried again from each of its characters. It finds
// what the regex /\b[0-9a-fA-F]{256,}\b/g found (compared on 20,000 random texts); the regex,
// run over every body, was a third of the readability check's time (bench/analysis.ts profile),
// and readability.ts now runs this only inside long base64 runs.

export interface HexRun {
  start: number;
  text: string;
}

function isHexCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

/** Letters, digits and underscore: what a regex's \b treats as a word character. */
function isWordCode(code: number): boolean {
  return isHexCode(code) || (code >= 71 && code <= 90) || (code >= 103 && code <= 122) || code === 95;
}

/** Every maximal run of at least `minimumLength` hex digits with no letter, digit or underscore on either side. */
export function hexRuns(text: string, minimumLength: number): HexRun[] {
  const runs: HexRun[] = [];
  const length = text.length;
  let index = 0;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (!isWordCode(code)) {
      index++;
      continue;
    }
    // A word starts here: it is a run only if every character of it is a hex digit.
    const start = index;
    let allHex = true;
    while (index < length) {
      const next = text.charCodeAt(index);
      if (!isWordCode(next)) break;
      if (allHex && !isHexCode(next)) allHex = false;
      index++;
    }
    if (allHex && index - start >= minimumLength) runs.push({ start, text: text.slice(start, index) });
  }
  return runs;
}
