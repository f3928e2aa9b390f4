import { describe, expect, it } from 'vitest';
import { buildMatcher } from '../../src/analysis/multi-pattern-matcher.ts';

/** Every (patternId, end) a naive search finds, for comparison with the automaton. */
function naiveMatches(patterns: string[], text: string): string[] {
  const folded = text.toLowerCase();
  const found: string[] = [];
  patterns.forEach((pattern, patternId) => {
    const wanted = pattern.toLowerCase();
    for (let at = folded.indexOf(wanted); at >= 0; at = folded.indexOf(wanted, at + 1)) found.push(`${patternId}@${at + wanted.length}`);
  });
  return found.sort();
}

function automatonMatches(patterns: string[], text: string): string[] {
  const found: string[] = [];
  buildMatcher(patterns).scan(text, (patternId, end) => found.push(`${patternId}@${end}`));
  return found.sort();
}

describe('multi-pattern matcher', () => {
  it('finds overlapping patterns, patterns inside patterns and case variants', () => {
    const patterns = ['he', 'she', 'his', 'hers', 'usher', 'rs'];
    expect(automatonMatches(patterns, 'uSHErs said HIS hershe')).toEqual(['0@4', '1@4', '4@5', '3@6', '5@6', '2@15', '0@18', '3@20', '5@20', '1@22', '0@22'].sort());
  });

  it('agrees with a naive search when most states are beyond the dense rows', () => {
    // 4,000 patterns of 24 characters: about 90,000 states, far past the 16,384 dense ones, so
    // deep transitions go through the sparse children and failure links.
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const alphabet = 'abcdef0123456789-';
    const word = (length: number): string => Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const patterns = Array.from({ length: 4000 }, () => word(24));
    // Overlaps that make failure links matter: a suffix of one pattern starts another.
    patterns.push(`${patterns[0]!.slice(12)}${patterns[1]!.slice(0, 12)}`, patterns[2]!.slice(6, 20));
    const text = [patterns[0], patterns[1], word(300), patterns[3]!.toUpperCase(), patterns[2], patterns[3_999], word(50)].join('');
    const expected = naiveMatches(patterns, text);
    expect(expected.length).toBeGreaterThanOrEqual(7);
    expect(automatonMatches(patterns, text)).toEqual(expected);
  });

  it('reports characters above 127 through the shared symbol and lets the caller verify', () => {
    const found: number[] = [];
    buildMatcher(['café']).scan('cafè café', (patternId, end) => found.push(end));
    // The folded automaton reports both; the scanner compares the exact text afterwards.
    expect(found).toEqual([4, 9]);
  });
});
