// Number agreement in check sentences (issue 21; report-reading-2026-12 item 19: "None of 1
// persistent identifier", "all 2 ad requests").
import { describe, expect, it } from 'vitest';
import { allOf, noneOf } from '../../src/check-kit/index.ts';

describe('count words', () => {
  it('says "none of" in agreement with the count', () => {
    expect(noneOf(0, 'request')).toEqual({ subject: 'No request', verb: 'was' });
    expect(noneOf(1, 'persistent identifier')).toEqual({ subject: 'The one persistent identifier', verb: 'was not' });
    expect(noneOf(3, 'persistent identifier')).toEqual({ subject: 'None of the 3 persistent identifiers', verb: 'was' });
  });

  it('says "both" for two and "the" for one', () => {
    expect(allOf(1, 'ad request')).toBe('the ad request');
    expect(allOf(2, 'ad request')).toBe('both ad requests');
    expect(allOf(5, 'ad request')).toBe('all 5 ad requests');
  });
});
