// The project's own tracker catalogue (data/trackers.yaml): who is behind a host, in which
// category, and whether the company is on Google Play's Families self-certified ads SDK list.
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadYamlFile } from '../plan/load.ts';
import { trackerCategories, type TrackerAttribution } from './types.ts';

export const catalogueFile = fileURLToPath(new URL('../../data/trackers.yaml', import.meta.url));

const CatalogueEntrySchema = z.strictObject({
  company: z.string().min(1),
  product: z.string().min(1),
  category: z.enum(trackerCategories),
  domains: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'a lower-case domain such as example.com')).min(1),
  familiesCertified: z.boolean().nullable(),
  familiesMinSdkVersions: z.record(z.string(), z.string()).optional(),
  domainSources: z.record(z.string(), z.string().min(1)).optional().describe('Where a domain added later was found in use, when `source` does not show it'),
  source: z.string().min(1).describe('Where the domains were found in use'),
  verified: z.boolean().describe('False when no public source confirming the domains was found'),
  note: z.string().optional(),
});
export type CatalogueEntry = z.infer<typeof CatalogueEntrySchema>;

const CatalogueSchema = z.strictObject({ trackers: z.array(CatalogueEntrySchema) });

export interface TrackerCatalogue {
  entries: readonly CatalogueEntry[];
  /** The entry whose domain is the longest suffix of the host, if any. */
  lookup(host: string): TrackerAttribution | undefined;
}

export function buildCatalogue(entries: readonly CatalogueEntry[]): TrackerCatalogue {
  const byDomain = new Map<string, TrackerAttribution>();
  for (const entry of entries) {
    const attribution: TrackerAttribution = {
      organization: entry.company,
      product: entry.product,
      category: entry.category,
      familiesCertified: entry.familiesCertified,
      source: 'catalogue',
      ...(entry.familiesMinSdkVersions ? { familiesMinSdkVersions: entry.familiesMinSdkVersions } : {}),
    };
    for (const domain of entry.domains) byDomain.set(domain, attribution);
  }
  const cache = new Map<string, TrackerAttribution | undefined>();
  return {
    entries,
    lookup(host) {
      if (cache.has(host)) return cache.get(host);
      // Walk from the full host to shorter suffixes: the first hit is the longest (most specific) one.
      let candidate = host;
      let found: TrackerAttribution | undefined;
      for (;;) {
        found = byDomain.get(candidate);
        if (found) break;
        const dot = candidate.indexOf('.');
        if (dot < 0) break;
        candidate = candidate.slice(dot + 1);
      }
      cache.set(host, found);
      return found;
    },
  };
}

export function loadCatalogue(file: string = catalogueFile): TrackerCatalogue {
  return buildCatalogue(loadYamlFile(file, CatalogueSchema).trackers);
}

let defaultCatalogue: TrackerCatalogue | undefined;

/** The bundled catalogue, read once per process. */
export function bundledCatalogue(): TrackerCatalogue {
  defaultCatalogue ??= loadCatalogue();
  return defaultCatalogue;
}
