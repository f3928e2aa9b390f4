// The identifiers file takes iOS's identifier for vendor and Android's App Set ID, and the
// analysis searches them like the others (issue 17). Values: rt-026's vendorId (AppsFlyer iOS 4.8)
// and a UUID-shaped App Set ID.
import { describe, expect, it } from 'vitest';
import { IdentifiersSchema } from '../../src/plan/schema.ts';
import { flattenIdentifiers } from '../../src/plan/flatten-identifiers.ts';

describe('idfv and appSetId in the identifiers file', () => {
  it('accepts both as UUIDs and flattens them for the search', () => {
    const identifiers = IdentifiersSchema.parse({ idfv: '53F8C8DF-F20E-4101-9D00-5DC82FD717CD', appSetId: '26037c57-5815-4a4d-9b80-0f28b036e2e3' });
    expect(flattenIdentifiers(identifiers)).toEqual({ idfv: '53F8C8DF-F20E-4101-9D00-5DC82FD717CD', appSetId: '26037c57-5815-4a4d-9b80-0f28b036e2e3' });
  });

  it('refuses an idfv that is not a UUID, naming the field', () => {
    const parsed = IdentifiersSchema.safeParse({ idfv: 'not-a-uuid' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['idfv']);
  });
});
