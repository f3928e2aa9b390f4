// TrackHAR (npm trackhar, CC0, pinned in package.json) decodes requests to endpoints it has an
// adapter for (Google, Facebook, Unity, ironSource, Vungle, Chartboost, Kidoz, Adjust, Branch,
// Singular, …) into named transmissions: advertisingId in `advertisingTrackingId`, model in
// `submodel`, each with TrackHAR's reasoning. It complements our identifier search, which finds
// known values anywhere but cannot name a battery level or a carrier. This runs the adapter that
// covers an entry, keeps what it decoded and says where it and our search disagree.
import { createRequire } from 'node:module';
import { adapters, processRequest, unhar, type Adapter, type Request } from 'trackhar';
import type { HarEntry } from '../evidence/har.ts';
import { registrableDomain } from './registrable-domain.ts';
import type { DecodedTransmission, DecodingDifference, IdentifierHit, TrackHarDecoding } from './types.ts';

/** TrackHAR's English names for its properties ("Device advertising ID (GAID/IDFA)", "Battery level"). */
const propertyNames = (createRequire(import.meta.url)('trackhar/i18n/en.json') as { properties: Record<string, string> }).properties;

export function trackHarPropertyName(property: string): string {
  return propertyNames[property] ?? property;
}

/**
 * Properties whose values identify a person, a device or a place: recorded as "sent", never
 * copied into the analysis (reports are shared; the HAR keeps the value for whoever needs it).
 */
const withheldProperties = new Set(['advertisingId', 'hashedAdvertisingId', 'developerScopedId', 'deviceId', 'installationId', 'userId', 'sessionId', 'browserId', 'otherIdentifiers', 'macAddress', 'pushNotificationToken', 'localIp', 'publicIp', 'latitude', 'longitude', 'deviceName', 'userGender', 'userInterests']);

/** Our identifier kinds and the TrackHAR property that names the same thing, to compare the two. */
const propertyOfKind: Record<string, string> = {
  advertisingId: 'advertisingId',
  androidId: 'developerScopedId',
  idfv: 'developerScopedId',
  appSetId: 'developerScopedId',
  imei: 'deviceId',
  serial: 'deviceId',
  macAddress: 'macAddress',
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const zeroedId = /^0{8}-0{4}-0{4}-0{4}-0{12}$/;

/** The form of a decoded advertising id, kept where its value is not (types.ts DecodedTransmission). */
function advertisingIdForm(value: string): 'id' | 'zeroed' | 'other' {
  if (zeroedId.test(value)) return 'zeroed';
  return uuidPattern.test(value) ? 'id' : 'other';
}

/** Values are cut here: a device characteristic is short; a long one is a blob the HAR holds whole. */
const maximumValueLength = 120;

function stringify(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'bigint' ? value.toString() : JSON.stringify(value) ?? String(value);
}

/**
 * Whether any adapter could cover a host, cached per host: most hosts a game contacts have none,
 * and testing 200-odd endpoint patterns for each of their URLs cost more than our whole search.
 * String endpoints name their host; every pattern in trackhar 1.0.0 names its domain literally
 * (test/unit/analysis-trackhar.test.ts checks that of the installed adapters), so a host whose
 * domain name appears in no pattern cannot be covered.
 */
const stringEndpointHosts = new Set(adapters.flatMap((adapter) => adapter.endpointUrls.flatMap((url) => (typeof url === 'string' ? [hostOfEndpoint(url)] : []))));
const patternSources = adapters.flatMap((adapter) => adapter.endpointUrls.flatMap((url) => (url instanceof RegExp ? [url.source.replace(/\\/g, '')] : [])));
const hostMayBeCovered = new Map<string, boolean>();

function hostOfEndpoint(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** The domain's own name: "adjust" for app.adjust.com, "doubleclick" for googleads.g.doubleclick.net. */
export function domainLabel(host: string): string {
  return registrableDomain(host).split('.')[0] ?? host;
}

function mayBeCovered(host: string): boolean {
  let covered = hostMayBeCovered.get(host);
  if (covered === undefined) {
    const label = domainLabel(host);
    covered = stringEndpointHosts.has(host) || (label.length > 0 && patternSources.some((source) => source.includes(label)));
    hostMayBeCovered.set(host, covered);
  }
  return covered;
}

/** Adapters whose endpoint patterns match an endpoint URL, cached: most entries hit few endpoints many times. */
const candidatesByEndpoint = new Map<string, Adapter[]>();
const endpointCacheLimit = 50_000;

function candidateAdapters(endpointUrl: string): Adapter[] {
  const cached = candidatesByEndpoint.get(endpointUrl);
  if (cached) return cached;
  const trimmed = endpointUrl.replace(/\/$/, '');
  const candidates = adapters.filter((adapter) => adapter.endpointUrls.some((url) => (url instanceof RegExp ? url.test(endpointUrl) || url.test(trimmed) : url === endpointUrl || url === trimmed)));
  if (candidatesByEndpoint.size >= endpointCacheLimit) candidatesByEndpoint.clear();
  candidatesByEndpoint.set(endpointUrl, candidates);
  return candidates;
}

function toTrackHarRequest(entry: HarEntry): Request | undefined {
  try {
    // TrackHAR reads only the fields our HarEntry has; its own HAR type is stricter about the rest.
    return unhar({ log: { entries: [entry] } } as unknown as Parameters<typeof unhar>[0])[0];
  } catch {
    // A URL TrackHAR cannot parse: no adapter can cover it.
    return undefined;
  }
}

/**
 * Runs TrackHAR with no stack traces captured. Its JSONPath dependency is called without `new`
 * and returns every value by constructing and catching an Error; capturing each one's stack was
 * a fifth of TrackHAR's time in bench/analysis.ts. Only error messages are kept from TrackHAR.
 */
function withoutStackTraces<T>(run: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return run();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** What TrackHAR decodes from one entry; undefined when no adapter covers its endpoint. */
export function decodeWithTrackHar(entry: HarEntry, identifiers: Readonly<Record<string, string>>): TrackHarDecoding | undefined {
  if (entry._tlsFailure) return undefined;
  let endpointUrl: string;
  try {
    const url = new URL(entry.request.url);
    if (!mayBeCovered(url.hostname)) return undefined;
    endpointUrl = `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return undefined;
  }
  const candidates = candidateAdapters(endpointUrl);
  if (candidates.length === 0) return undefined;
  const request = toTrackHarRequest(entry);
  if (!request) return undefined;
  let adapter: Adapter | undefined;
  try {
    // TrackHAR's adapterForRequest: the first adapter, in its order, whose endpoint matches and
    // whose match() accepts the request. The endpoint half is the cached candidates list.
    adapter = withoutStackTraces(() => candidates.find((candidate) => (candidate.match ? candidate.match(request) : true)));
  } catch (error) {
    const candidate = candidates[0]!;
    return { adapter: `${candidate.tracker.slug}/${candidate.slug}`, transmissions: [], error: `TrackHAR could not choose an adapter for this request: ${(error as Error).message}` };
  }
  if (!adapter) return undefined;
  const name = `${adapter.tracker.slug}/${adapter.slug}`;
  let decoded: ReturnType<typeof processRequest>;
  try {
    decoded = withoutStackTraces(() => processRequest(request));
  } catch (error) {
    return { adapter: name, transmissions: [], error: `TrackHAR's adapter failed on this request: ${(error as Error).message}` };
  }
  const kindByValue = new Map<string, string>();
  for (const [kind, value] of Object.entries(identifiers)) kindByValue.set(value.toLowerCase(), kind);
  const transmissions: DecodedTransmission[] = (decoded ?? []).map((found) => {
    const value = stringify(found.value);
    const knownAs = kindByValue.get(value.toLowerCase());
    return {
      property: String(found.property),
      context: found.context,
      path: found.path,
      reasoning: found.reasoning,
      ...(withheldProperties.has(String(found.property)) ? {} : { value: value.length > maximumValueLength ? `${value.slice(0, maximumValueLength)}…` : value }),
      ...(knownAs ? { knownAs } : {}),
      ...(found.property === 'advertisingId' ? { advertisingIdForm: advertisingIdForm(value.trim()) } : {}),
    };
  });
  return { adapter: name, transmissions };
}

/**
 * Where TrackHAR and the identifier search disagree on one request: an identifier one of them
 * found that the other did not. Both readings stay in the analysis; this only says so.
 */
export function decodingDifferences(decoding: TrackHarDecoding, hits: readonly IdentifierHit[]): DecodingDifference[] {
  const differences: DecodingDifference[] = [];
  const foundByUs = new Set(hits.map((hit) => hit.kind));
  const foundByTrackHar = new Set(decoding.transmissions.flatMap((transmission) => (transmission.knownAs ? [transmission.knownAs] : [])));
  for (const kind of [...foundByTrackHar].sort()) {
    if (!foundByUs.has(kind)) differences.push({ kind, seenBy: 'trackhar', detail: `TrackHAR's adapter ${decoding.adapter} decoded ${kind}, which our identifier search did not find in this request.` });
  }
  for (const kind of [...foundByUs].sort()) {
    if (foundByTrackHar.has(kind)) continue;
    const property = propertyOfKind[kind.split('#')[0]!];
    const namedOtherwise = property && decoding.transmissions.some((transmission) => transmission.property === property);
    differences.push({
      kind,
      seenBy: 'identifier-search',
      detail: `Our identifier search found ${kind} in this request; TrackHAR's adapter ${decoding.adapter} ${decoding.error ? 'failed on it' : namedOtherwise ? `decoded a ${property} with a different value` : 'did not decode it'}.`,
    });
  }
  for (const transmission of decoding.transmissions) {
    if (transmission.knownAs || !withheldProperties.has(transmission.property)) continue;
    if (!['advertisingId', 'developerScopedId', 'deviceId', 'macAddress'].includes(transmission.property)) continue;
    differences.push({ kind: transmission.property, seenBy: 'trackhar', detail: `TrackHAR's adapter ${decoding.adapter} decoded a ${trackHarPropertyName(transmission.property)} in \`${transmission.path}\` whose value is not in the identifiers file.` });
  }
  return differences;
}
