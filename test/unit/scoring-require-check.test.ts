import { describe, expect, it } from 'vitest';
import { ExitCode, UserError } from '../../src/errors.ts';
import { closeCheckIds, requireCheck } from '../../src/scoring/require-check.ts';

const ids = ['geolocation.permission-at-launch', 'geolocation.location-off-by-default', 'nudge.consent-choice-parity', 'default-settings.high-privacy'];

describe('finding a check by the id a person typed', () => {
  it('suggests ids a typo away, ids containing what was typed, and ids whose part matches', () => {
    expect(closeCheckIds('geolocation.permission-at-lunch', ids)).toEqual(['geolocation.permission-at-launch']);
    expect(closeCheckIds('geolocation', ids)).toEqual(['geolocation.location-off-by-default', 'geolocation.permission-at-launch']);
    expect(closeCheckIds('high-privacy', ids)).toEqual(['default-settings.high-privacy']);
    expect(closeCheckIds('tracking-pixels', ids)).toEqual([]);
  });

  it('throws a bad-input UserError naming the id and the close matches', () => {
    expect(requireCheck('nudge.consent-choice-parity').standard).toBe(13);
    let thrown: unknown;
    try {
      requireCheck('nudge.consent-parity');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UserError);
    expect((thrown as UserError).exitCode).toBe(ExitCode.badInput);
    expect((thrown as UserError).message).toBe('no check is called "nudge.consent-parity"; did you mean nudge.consent-choice-parity?');
  });
});
