// What a domain-level export holds, whichever tool made it: the hosts one app contacted, with
// times (and hit counts where the tool counts), and the sensors and data it accessed. It never
// holds what a connection carried; the bundle built from it says so (import-domain-report.ts).

export interface DomainContact {
  /** As the tool recorded it; normalised by the analysis like every other host. */
  host: string;
  /** ISO time of the first connection the export records. */
  firstSeen: string;
  /** ISO time of the last one (the same as firstSeen when the tool records each connection). */
  lastSeen: string;
  /** Connections the tool counted between firstSeen and lastSeen; absent when it does not count. */
  hits?: number;
  /** The company the tool itself named for the host (TrackerControl's Tracker column, Apple's domainOwner). */
  toolCompany?: string;
  /** The tool's own category for the host (TrackerControl's Category column). */
  toolCategory?: string;
  /** Where it is in the file: line 1 is the first line. */
  line: number;
}

/** One record of the app using a sensor or data class (location, camera, contacts, …). */
export interface SensorAccess {
  /** As the tool names it, e.g. Apple's "location", "camera", "photos". */
  category: string;
  /** Apple's intervalBegin / intervalEnd; "" when the tool does not say. */
  kind: string;
  at: string;
  line: number;
}

export interface DomainReport {
  /** Which tool made it, for the bundle and the report: "iOS App Privacy Report", "TrackerControl". */
  tool: string;
  /** The app whose records were kept (--app). */
  app: string;
  contacts: DomainContact[];
  accesses: SensorAccess[];
  /** Records of other apps in the file, left out; counted so the bundle can say so. */
  otherAppRecords: number;
  /** One line each, naming the line and field: records left out, fields that could not be read. */
  warnings: string[];
  /** What this kind of export never holds, one phrase each, for the bundle's record of the import. */
  lacks: string[];
}

/** An ISO time from the tool's own time text, or undefined when it is not one. */
export function isoTime(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const time = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(time)) return undefined;
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The app ids a file holds, for an error that says which one to give: at most a few, sorted. */
export function listApps(apps: ReadonlySet<string>): string {
  const sorted = [...apps].sort();
  return sorted.length <= 6 ? sorted.join(', ') : `${sorted.slice(0, 6).join(', ')} and ${sorted.length - 6} more`;
}
