// Aho-Corasick over ASCII-case-folded text: every needle is found in one left-to-right pass over
// each payload, whatever the number of needles. Characters above 127 share one symbol, so
// patterns that differ only there share a trie path: each path ends in the list of every pattern
// on it, and callers verify each candidate match against the exact text, so folding never
// reports a false hit and never hides a true one.
//
// Memory and build time grow linearly with the total length of the patterns. The states nearest
// the root (where a scan spends almost all its time) get a dense row (state × symbol, one array
// read per character); deeper states keep only their own children, sorted, in one flat array,
// and fall back along failure links to a dense state. A table dense for every state cost
// 129 × 4 bytes a state: 30,000 custom identifiers (a 650 KB identifiers file) needed gigabytes.

const symbolCount = 129;
const otherSymbol = 128;
/** States given a dense row: 16,384 × 129 × 4 bytes is 8.5 MB, and covers a device's usual identifiers whole. */
const denseStateLimit = 16_384;

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

function compareSymbols(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const difference = symbolOf[a.charCodeAt(index)]! - symbolOf[b.charCodeAt(index)]!;
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

function commonSymbolPrefix(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  let index = 0;
  while (index < length && symbolOf[a.charCodeAt(index)] === symbolOf[b.charCodeAt(index)]) index++;
  return index;
}

/** A trie in breadth-first order: each state's children are contiguous and sorted by symbol. */
interface FlatTrie {
  stateCount: number;
  /** firstChild[s] .. firstChild[s + 1] - 1 are the children of s. */
  firstChild: Int32Array;
  symbol: Uint8Array;
  /** Index into patternsEndingAt for states that end a pattern, else -1. */
  terminal: Int32Array;
  patternsEndingAt: number[][];
}

function buildFlatTrie(patterns: readonly string[]): FlatTrie {
  // Sorted patterns build the trie as one walk: each pattern shares its prefix with the one
  // before it, so no per-state child map is needed (a Map a state was the other memory cost).
  const order = patterns.map((_, patternId) => patternId).sort((a, b) => compareSymbols(patterns[a]!, patterns[b]!));
  const parent: number[] = [-1];
  const symbolInDepthFirst: number[] = [0];
  const depth: number[] = [0];
  const terminalInDepthFirst: number[] = [-1];
  const patternsEndingAt: number[][] = [];
  let path: number[] = [0];
  let previous = '';
  for (const patternId of order) {
    const pattern = patterns[patternId]!;
    const shared = commonSymbolPrefix(previous, pattern);
    path = path.slice(0, shared + 1);
    for (let index = shared; index < pattern.length; index++) {
      const state = parent.length;
      parent.push(path[path.length - 1]!);
      symbolInDepthFirst.push(symbolOf[pattern.charCodeAt(index)]!);
      depth.push(index + 1);
      terminalInDepthFirst.push(-1);
      path.push(state);
    }
    const end = path[pattern.length]!;
    if (terminalInDepthFirst[end]! < 0) terminalInDepthFirst[end] = patternsEndingAt.push([]) - 1;
    patternsEndingAt[terminalInDepthFirst[end]!]!.push(patternId);
    previous = pattern;
  }
  const stateCount = parent.length;
  // Breadth-first numbering. Within one depth the depth-first order already is the order of the
  // prefixes (the patterns were sorted by symbol), which is (parent's number, symbol): keep it.
  const levels: number[][] = [];
  for (let state = 0; state < stateCount; state++) (levels[depth[state]!] ??= []).push(state);
  const breadthIndex = new Int32Array(stateCount);
  let next = 0;
  for (const level of levels) for (const state of level) breadthIndex[state] = next++;
  const symbol = new Uint8Array(stateCount);
  const terminal = new Int32Array(stateCount);
  const childCount = new Int32Array(stateCount + 1);
  for (let state = 0; state < stateCount; state++) {
    const index = breadthIndex[state]!;
    symbol[index] = symbolInDepthFirst[state]!;
    terminal[index] = terminalInDepthFirst[state]!;
    if (state > 0) childCount[breadthIndex[parent[state]!]!]!++;
  }
  // Children of a state are the states right after the previous state's children.
  const firstChild = new Int32Array(stateCount + 1);
  let cursor = 1;
  for (let index = 0; index < stateCount; index++) {
    firstChild[index] = cursor;
    cursor += childCount[index]!;
  }
  firstChild[stateCount] = cursor;
  return { stateCount, firstChild, symbol, terminal, patternsEndingAt };
}

export function buildMatcher(patterns: readonly string[]): MultiPatternMatcher {
  const { stateCount, firstChild, symbol, terminal, patternsEndingAt } = buildFlatTrie(patterns);
  const denseCount = Math.min(stateCount, denseStateLimit);
  const delta = new Int32Array(denseCount * symbolCount);
  const failure = new Int32Array(stateCount);

  const childOf = (state: number, wanted: number): number => {
    const last = firstChild[state + 1]!;
    for (let child = firstChild[state]!; child < last; child++) {
      const childSymbol = symbol[child]!;
      if (childSymbol === wanted) return child;
      if (childSymbol > wanted) break;
    }
    return -1;
  };
  const transition = (from: number, wanted: number): number => {
    let state = from;
    for (;;) {
      if (state < denseCount) return delta[state * symbolCount + wanted]!;
      const child = childOf(state, wanted);
      if (child >= 0) return child;
      state = failure[state]!;
    }
  };

  // Breadth-first order is the array order, so every failure target (shallower) is ready in time.
  for (let state = 0; state < stateCount; state++) {
    const last = firstChild[state + 1]!;
    for (let child = firstChild[state]!; child < last; child++) failure[child] = state === 0 ? 0 : transition(failure[state]!, symbol[child]!);
    if (state < denseCount) {
      const row = state * symbolCount;
      const failRow = failure[state]! * symbolCount;
      for (let wanted = 0; wanted < symbolCount; wanted++) {
        const child = childOf(state, wanted);
        delta[row + wanted] = child >= 0 ? child : state === 0 ? 0 : delta[failRow + wanted]!;
      }
    }
  }
  const dictionaryLink = new Int32Array(stateCount).fill(-1);
  for (let state = 1; state < stateCount; state++) {
    const failState = failure[state]!;
    dictionaryLink[state] = terminal[failState]! >= 0 ? failState : dictionaryLink[failState]!;
  }
  const lengths = patterns.map((pattern) => pattern.length);
  // A state "reports" when it ends a pattern itself or links to one that does.
  const reports = new Uint8Array(stateCount);
  for (let state = 0; state < stateCount; state++) reports[state] = terminal[state]! >= 0 || dictionaryLink[state]! >= 0 ? 1 : 0;

  const report = (state: number, end: number, onMatch: (patternId: number, end: number) => void): void => {
    let reporting = terminal[state]! >= 0 ? state : dictionaryLink[state]!;
    while (reporting >= 0) {
      for (const patternId of patternsEndingAt[terminal[reporting]!]!) onMatch(patternId, end);
      reporting = dictionaryLink[reporting]!;
    }
  };

  // When every state has a dense row (a device's usual identifiers), one table read per
  // character: each cell holds the next state's row offset, negative (minus one) when that state
  // reports. This skips the dense check, the multiply and the separate `reports` read.
  const fullyDense = denseCount === stateCount;
  const rows = fullyDense ? new Int32Array(delta.length) : undefined;
  if (rows) {
    for (let cell = 0; cell < delta.length; cell++) {
      const next = delta[cell]!;
      rows[cell] = reports[next] === 1 ? -(next * symbolCount) - 1 : next * symbolCount;
    }
  }

  return {
    patternCount: patterns.length,
    patternLength: (patternId) => lengths[patternId]!,
    scan(text, onMatch) {
      const length = text.length;
      if (rows) {
        let row = 0;
        for (let index = 0; index < length; index++) {
          const cell = rows[row + symbolOf[text.charCodeAt(index)]!]!;
          if (cell >= 0) {
            row = cell;
            continue;
          }
          row = -cell - 1;
          report(row / symbolCount, index + 1, onMatch);
        }
        return;
      }
      let state = 0;
      for (let index = 0; index < length; index++) {
        const wanted = symbolOf[text.charCodeAt(index)]!;
        state = state < denseCount ? delta[state * symbolCount + wanted]! : transition(state, wanted);
        if (reports[state] === 1) report(state, index + 1, onMatch);
      }
    },
  };
}
