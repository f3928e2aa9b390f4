// Ghostery's tracker database as a second opinion for hosts our catalogue does not know. Its
// licence (CC BY-NC-SA 4.0) differs from ours, so it is optional: loaded with a guarded dynamic
// import, and the tool keeps working with the catalogue alone when the package is removed.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TrackerAttribution, TrackerCategory } from './types.ts';

export type HostLookup = (host: string) => TrackerAttribution | undefined;

interface TrackerDbMatch {
  pattern?: { category?: string; name?: string };
  organization?: { name?: string } | null;
}
interface TrackerDb {
  matchDomain(domain: string): TrackerDbMatch[] | Promise<TrackerDbMatch[]>;
}

// Ghostery categories that describe tracking; CDNs, hosting and utilities are not recipients of
// a child's data in the sense the checks care about, so they are left unattributed.
const categoryMap: Record<string, TrackerCategory> = {
  advertising: 'advertising',
  pornvertising: 'advertising',
  site_analytics: 'analytics',
  consent: 'consent',
  social_media: 'other',
  customer_interaction: 'other',
  misc: 'other',
};

async function loadTrackerDb(): Promise<TrackerDb | undefined> {
  try {
    const packageName = '@ghostery/trackerdb';
    const module = (await import(packageName)) as { default: (engine: Uint8Array) => Promise<TrackerDb> };
    const require = createRequire(import.meta.url);
    // The package exports only its code; the engine file sits next to it in dist/.
    const entry = require.resolve(packageName);
    const engine = await readFile(path.join(path.dirname(entry), '..', 'trackerdb.engine'));
    return await module.default(engine);
  } catch {
    return undefined;
  }
}

const trackerDb = process.env.GAMEAUDIT_NO_TRACKERDB ? undefined : await loadTrackerDb();

/** Whether Ghostery's database is installed and loaded (result.json and reports say which sources were used). */
export const trackerDbAvailable = trackerDb !== undefined;

/** The loaded database's package version, e.g. "1.0.945"; undefined when it is not used. */
export const trackerDbVersion: string | undefined = trackerDb ? readTrackerDbVersion() : undefined;

function readTrackerDbVersion(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('@ghostery/trackerdb');
    const packageJson = JSON.parse(readFileSync(path.join(path.dirname(entry), '..', '..', 'package.json'), 'utf8')) as { version?: unknown };
    return typeof packageJson.version === 'string' ? packageJson.version : undefined;
  } catch {
    return undefined;
  }
}

/** A synchronous lookup over the loaded database, or undefined when it is not installed. */
export function trackerDbLookup(): HostLookup | undefined {
  if (!trackerDb) return undefined;
  const database = trackerDb;
  const cache = new Map<string, TrackerAttribution | undefined>();
  return (host) => {
    if (cache.has(host)) return cache.get(host);
    let attribution: TrackerAttribution | undefined;
    const matches = database.matchDomain(host);
    // The bundled engine answers synchronously; a future async version is treated as "unknown".
    if (Array.isArray(matches)) {
      for (const match of matches) {
        const category = categoryMap[match.pattern?.category ?? ''];
        const organization = match.organization?.name ?? match.pattern?.name;
        if (category && organization) {
          attribution = { organization, category, familiesCertified: null, source: 'trackerdb', ...(match.pattern?.name ? { product: match.pattern.name } : {}) };
          break;
        }
      }
    }
    cache.set(host, attribution);
    return attribution;
  };
}
