// The one answer both identifier checks give when the identifiers file gave them nothing to search for.
import { describe, expect, it } from 'vitest';
import { nothingKnownToLookFor } from '../../src/check-kit/index.ts';

describe('nothingKnownToLookFor', () => {
  it('is inconclusive, never a pass, and names the field to add', () => {
    expect(nothingKnownToLookFor({ what: "the test device's advertising id", fields: ['advertisingId'] })).toEqual({
      outcome: 'inconclusive',
      summary: "The test device's advertising id is not known, so it could not be looked for; add advertisingId to the identifiers file.",
      findings: [{ message: 'Nothing to search for: the identifiers file gives no advertisingId, and the capture learned none.', evidence: [], severity: 'info' }],
    });
  });

  it('agrees in number and lists several fields', () => {
    expect(nothingKnownToLookFor({ what: "the test device's persistent identifiers", plural: true, fields: ['androidId', 'imei', 'appSetId'] }).summary).toBe(
      "The test device's persistent identifiers are not known, so they could not be looked for; add androidId, imei or appSetId to the identifiers file.",
    );
  });
});
