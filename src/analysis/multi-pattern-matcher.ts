// Aho-Corasick over ASCII-case-folded text: every needle is found in one left-to-right pass over
// each payload, whatever the number of needles. The automaton is a dense table (state × symbol)
// so the inner loop is one array read per character. Characters above 127 share one symbol, so
// patterns that differ only there share a trie path: each path ends in the list of every pattern
// on it, and callers verify each candidate match against the exact text, so folding never
// reports a false hit and never hides a true one.

const symbolCount = 129;
const otherSymbol = 128;

const symbolOf = new Uint8Array(65536);
for (let code = 0; code < 65536; code++) {
  if (code >= 65 && code <= 90) symbolOf[code] = code + 32;
  else if (code < 128) symbolOf[code] = code;
  else symbolOf[code] = otherSymbol;
}

export function foldCase(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

export interface MultiPatternMatcher {
  readonly patternCount: number;
  /** Calls onMatch(patternId, endIndexExclusive) for every occurrence of every pattern. */
  scan(text: string, onMatch: (patternId: number, end: number) => void): void;
  patternLength(patternId: number): number;
}

export function buildMatcher(patterns: readonly string[]): MultiPatternMatcher {
  // Trie first (sparse, as maps), then breadth-first failure links folded into the dense table.
  const children: Map<number, number>[] = [new Map()];
  // terminal[state] indexes patternsEndingAt: every pattern whose symbol path ends at that state.
  const terminal: number[] = [-1];
  const patternsEndingAt: number[][] = [];
  patterns.forEach((pattern, patternId) => {
    let state = 0;
    for (let index = 0; index < pattern.length; index++) {
      const symbol = symbolOf[pattern.charCodeAt(index)]!;
      let next = children[state]!.get(symbol);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        terminal.push(-1);
        children[state]!.set(symbol, next);
      }
      state = next;
    }
    if (terminal[state]! < 0) terminal[state] = patternsEndingAt.push([]) - 1;
    patternsEndingAt[terminal[state]!]!.push(patternId);
  });
  const stateCount = children.length;
  const delta = new Int32Array(stateCount * symbolCount);
  const failure = new Int32Array(stateCount);
  const match = Int32Array.from(terminal);
  const dictionaryLink = new Int32Array(stateCount).fill(-1);
  const queue: number[] = [];
  for (let symbol = 0; symbol < symbolCount; symbol++) {
    const child = children[0]!.get(symbol);
    if (child !== undefined) {
      delta[symbol] = child;
      failure[child] = 0;
      queue.push(child);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    const failState = failure[state]!;
    dictionaryLink[state] = match[failState]! >= 0 ? failState : dictionaryLink[failState]!;
    for (let symbol = 0; symbol < symbolCount; symbol++) {
      const child = children[state]!.get(symbol);
      if (child !== undefined) {
        failure[child] = delta[failState * symbolCount + symbol]!;
        delta[state * symbolCount + symbol] = child;
        queue.push(child);
      } else {
        delta[state * symbolCount + symbol] = delta[failState * symbolCount + symbol]!;
      }
    }
  }
  const lengths = patterns.map((pattern) => pattern.length);
  // A state "reports" when it ends a pattern itself or links to one that does.
  const reports = new Uint8Array(stateCount);
  for (let state = 0; state < stateCount; state++) reports[state] = match[state]! >= 0 || dictionaryLink[state]! >= 0 ? 1 : 0;

  return {
    patternCount: patterns.length,
    patternLength: (patternId) => lengths[patternId]!,
    scan(text, onMatch) {
      let state = 0;
      const length = text.length;
      for (let index = 0; index < length; index++) {
        state = delta[state * symbolCount + symbolOf[text.charCodeAt(index)]!]!;
        if (reports[state] === 1) {
          let reporting = match[state]! >= 0 ? state : dictionaryLink[state]!;
          while (reporting >= 0) {
            for (const patternId of patternsEndingAt[match[reporting]!]!) onMatch(patternId, index + 1);
            reporting = dictionaryLink[reporting]!;
          }
        }
      }
    },
  };
}
