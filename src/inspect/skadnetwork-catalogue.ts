// data/skadnetwork-ids.yaml: which ad network an Info.plist SKAdNetwork id belongs to.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { InputFileError } from '../errors.ts';

export const skAdNetworkFile = fileURLToPath(new URL('../../data/skadnetwork-ids.yaml', import.meta.url));

const CatalogueSchema = z.strictObject({
  ids: z.array(
    z.strictObject({
      id: z.string().regex(/^[a-z0-9]+\.skadnetwork$/, 'a lower-case id ending in .skadnetwork'),
      network: z.string().nullable(),
      source: z.string().min(1),
      verified: z.boolean(),
    }),
  ),
});

/** id → network (null where the sources disagree). */
export function loadSkAdNetworkIds(file: string = skAdNetworkFile): Map<string, string | null> {
  let value: unknown;
  try {
    value = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputFileError(file, `the SKAdNetwork catalogue could not be read: ${(error as Error).message}`);
  }
  const parsed = CatalogueSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputFileError(file, `${issue.path.join('.')}: ${issue.message}`);
  }
  return new Map(parsed.data.ids.map((entry) => [entry.id, entry.network]));
}
