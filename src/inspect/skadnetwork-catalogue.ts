// data/skadnetwork-ids.yaml: which ad network an Info.plist SKAdNetwork id belongs to.
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadYamlFile } from '../plan/load.ts';

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
  return new Map(loadYamlFile(file, CatalogueSchema).ids.map((entry) => [entry.id, entry.network]));
}
