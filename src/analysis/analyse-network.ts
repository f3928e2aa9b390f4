// The network analysis: for every captured request, who received it (first or third party, which
// organisation), which known identifiers and what precise location it carried, and what it told
// ad networks about the user. Pure and deterministic: same HAR and context in, same analysis out.
import type { Har, HarEntry } from '../evidence/har.ts';
import { collectAdParams, interpretAdSignals } from './ad-signals.ts';
import { decodeFormComponent, decodePercentEscapes, decodeRequestBody, headerValue, type RequestBody } from './decode-body.ts';
import { markDeviceTraffic, type TrafficSample } from './device-traffic.ts';
import { buildNeedles } from './needles.ts';
import { summariseOrganisations } from './organisations.ts';
import { nestedPayloads, textsInBytes, type NestedPayload } from './nested-payloads.ts';
import { createScanner, fieldAt, type CoordinateReading, type ScanResult, type Scanner } from './payload-scanner.ts';
import { classifyReadability } from './readability.ts';
import { decodeWithTrackHar, decodingDifferences } from './trackhar-runner.ts';
import { hostOf, isFirstParty, registrableDomain } from './registrable-domain.ts';
import { toolNamedCompany } from './tool-attribution.ts';
import { bundledCatalogue, type TrackerCatalogue } from './tracker-catalogue.ts';
import { trackerDbLookup, type HostLookup } from './trackerdb-fallback.ts';
import type { AnalysedEntry, AnalysisContext, IdentifierHit, IdentifierLocation, LocationHit, NetworkAnalysis, TrackerAttribution } from './types.ts';

export interface AnalyseOptions {
  catalogue?: TrackerCatalogue;
  /** Second source for hosts the catalogue does not know; null disables it. */
  fallback?: HostLookup | null;
  /** Run TrackHAR's adapters on the entries they cover (default true; bench/analysis.ts measures both). */
  trackHar?: boolean;
}

/** Metres on the ground per degree of latitude (WGS84 mean), for "precision in metres". */
const metresPerDegree = 111_320;
/** Latitude and longitude written this far apart in one payload are read as one position. */
const coordinatePairWindow = 512;

export function precisionMetres(decimals: number): number {
  return Math.round(metresPerDegree * 10 ** -decimals * 100) / 100;
}

function pairLocation(readings: readonly CoordinateReading[]): LocationHit | undefined {
  let best: LocationHit | undefined;
  for (const latitude of readings) {
    if (latitude.axis !== 'latitude') continue;
    for (const longitude of readings) {
      if (longitude.axis !== 'longitude' || longitude.payload !== latitude.payload) continue;
      if (Math.abs(longitude.start - latitude.start) > coordinatePairWindow) continue;
      const decimals = Math.min(latitude.decimals, longitude.decimals);
      if (!best || decimals > best.precisionDecimals) {
        best = { precisionDecimals: decimals, metres: precisionMetres(decimals), where: latitude.where, ...(latitude.field ? { field: latitude.field } : {}) };
      }
    }
  }
  return best;
}

function dedupeHits(hits: readonly IdentifierHit[]): IdentifierHit[] {
  const seen = new Set<string>();
  const unique: IdentifierHit[] = [];
  for (const hit of hits) {
    const key = `${hit.kind}\u0000${hit.encoding}\u0000${hit.where}\u0000${hit.field ?? ''}\u0000${hit.inside?.layers.join('>') ?? ''}\u0000${hit.inside?.field ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(hit);
  }
  // A value seen in the raw payload and again, with its field, once decoded (protobuf strings,
  // URL-encoded JSON): the decoded reading says more, so the bare one is dropped.
  const decoded = new Set(unique.filter((hit) => hit.inside).map((hit) => `${hit.kind}\u0000${hit.encoding}\u0000${hit.where}`));
  return unique.filter((hit) => hit.inside || hit.field !== undefined || !decoded.has(`${hit.kind}\u0000${hit.encoding}\u0000${hit.where}`));
}

/** Some tools store a form body only as params: rebuild its text so it is searched, not skipped. */
function formTextFromParams(postData: HarEntry['request']['postData']): HarEntry['request']['postData'] {
  if (!postData || postData.text || !postData.params?.length) return postData;
  const text = postData.params.map((param) => `${encodeURIComponent(param.name)}=${encodeURIComponent(param.value ?? '')}`).join('&');
  return { ...postData, text };
}

/** A URL-encoded quote, brace or bracket: JSON written into a form value. indexOf, as a regex here cost more than the search. */
function hasEscapedJson(text: string): boolean {
  return ['%22', '%7B', '%7b', '%5B', '%5b'].some((escape) => text.includes(escape));
}

/** Searches what is encoded inside `text` (base64, base64 of gzip or zlib, protobuf strings): nested-payloads.ts. */
function scanNested(scanner: Scanner, payloads: readonly NestedPayload[], outer: string, where: IdentifierLocation, header: string | undefined, result: ScanResult, nextPayload: () => number): void {
  for (const nested of payloads) {
    const field = header ?? fieldAt(outer, nested.start, where);
    scanner.scan(nested.text, where, undefined, result, nextPayload(), { layers: nested.layers, ...(field ? { field } : {}) });
  }
}

function scanEntry(entry: HarEntry, scanner: Scanner): { result: ScanResult; body?: RequestBody; mimeType: string } {
  const result: ScanResult = { identifiers: [], coordinates: [], signalKeywords: false };
  const request = entry.request;
  let payload = 0;
  const nextPayload = (): number => payload++;
  const url = request.url;
  const queryStart = url.indexOf('?');
  scanner.scan(queryStart >= 0 ? url.slice(0, queryStart) : url, 'url', undefined, result, payload++);
  if (queryStart >= 0) {
    const query = url.slice(queryStart + 1);
    scanner.scan(query, 'query', undefined, result, payload++);
    // Values escaped in the query (base64 "+/=" as %2B…) are searched once more, decoded.
    const decodedQuery = query.includes('%') ? decodeFormComponent(query) : query;
    if (decodedQuery !== query) scanner.scan(decodedQuery, 'query', undefined, result, payload++);
    scanNested(scanner, nestedPayloads(decodedQuery), decodedQuery, 'query', undefined, result, nextPayload);
  }
  let cookieHeader = '';
  for (const header of request.headers) {
    const name = header.name.toLowerCase();
    if (name === 'cookie') {
      cookieHeader += `${cookieHeader ? '; ' : ''}${header.value}`;
      continue;
    }
    scanner.scan(header.value, 'header', header.name, result, payload++);
    scanNested(scanner, nestedPayloads(header.value), header.value, 'header', header.name, result, nextPayload);
  }
  if (request.cookies.length > 0) {
    for (const cookie of request.cookies) scanner.scan(cookie.value, 'cookie', cookie.name, result, payload++);
  } else if (cookieHeader) {
    for (const pair of cookieHeader.split(';')) {
      const equals = pair.indexOf('=');
      if (equals > 0) scanner.scan(pair.slice(equals + 1).trim(), 'cookie', pair.slice(0, equals).trim(), result, payload++);
    }
  }
  const body = decodeRequestBody(formTextFromParams(request.postData), headerValue(request.headers, 'content-encoding'));
  const mimeType = body?.mimeType ?? '';
  if (body) {
    scanner.scan(body.text, 'body', undefined, result, payload++);
    let searchable = body.text;
    if (body.text.includes('%') && (mimeType.includes('x-www-form-urlencoded') || /^[\w.-]+=[^&]*(&|$)/.test(body.text))) {
      searchable = decodeFormComponent(body.text);
      scanner.scan(searchable, 'body', undefined, result, payload++);
    }
    // URL-encoded JSON inside a JSON body (Facebook's custom_events in a batch): decoded, a hit names its key.
    if (searchable === body.text && hasEscapedJson(body.text)) {
      const urlDecoded = decodePercentEscapes(body.text);
      scanner.scan(urlDecoded, 'body', undefined, result, payload++, { layers: ['url-encoded'] });
    }
    // A binary body (protobuf under any content type: app-measurement, Firelog, BidMachine) is
    // searched string by string, so a hit names its field.
    const inside = body.textual ? nestedPayloads(searchable) : textsInBytes(body.bytes, [], 0).flatMap((string) => [string, ...nestedPayloads(string.text, string.layers)]);
    scanNested(scanner, inside, searchable, 'body', undefined, result, nextPayload);
  }
  return { result, ...(body ? { body } : {}), mimeType };
}

function inWindow(time: string, window: AnalysisContext['baselineWindow']): boolean {
  return window !== undefined && Date.parse(time) >= Date.parse(window.startedAt) && Date.parse(time) <= Date.parse(window.endedAt);
}

/** Where a request names the app it comes from (device-traffic.ts). */
function trafficText(entry: HarEntry): string {
  const { headers } = entry.request;
  return [entry.request.url, headerValue(headers, 'user-agent'), headerValue(headers, 'x-requested-with'), entry.request.postData?.text ?? ''].join('\n');
}

/** The browser's "may I send this?" before a cross-site request: it carries no data of its own. */
function isCorsPreflight(entry: HarEntry): boolean {
  return entry.request.method.toUpperCase() === 'OPTIONS' && headerValue(entry.request.headers, 'access-control-request-method') !== '';
}

/** Analyses entries one at a time, so a HAR read as a stream (har.ts readHarEntries) never sits in memory whole. */
export interface NetworkAnalyser {
  add(entry: HarEntry): void;
  finish(): NetworkAnalysis;
}

export function createNetworkAnalyser(context: AnalysisContext, options: AnalyseOptions = {}): NetworkAnalyser {
  const catalogue = options.catalogue ?? bundledCatalogue();
  const fallback = options.fallback === null ? undefined : (options.fallback ?? trackerDbLookup());
  const needles = buildNeedles({ identifiers: context.identifiers, ...(context.mockLocation ? { mockLocation: context.mockLocation } : {}) });
  const scanner = createScanner(needles);
  // What depends only on the host is worked out once a host: a capture contacts a few hundred hosts in thousands of requests.
  const hostFacts = new Map<string, { domain: string; party: 'first' | 'third'; tracker: TrackerAttribution | undefined }>();
  const runTrackHar = options.trackHar !== false;
  const entries: AnalysedEntry[] = [];
  // What device-traffic.ts needs of each entry, kept small: whether it names the game is decided
  // now, so the entry's text need not be kept until the end.
  const samples: TrafficSample[] = [];
  const appPackage = context.appPackage;
  return {
    add(entry) {
      const index = entries.length;
      const host = hostOf(entry.request.url);
      let facts = hostFacts.get(host);
      if (!facts) {
        facts = {
          domain: host ? registrableDomain(host) : '',
          party: host && isFirstParty(host, context.firstPartyDomains) ? 'first' : 'third',
          tracker: catalogue.lookup(host) ?? fallback?.(host),
        };
        hostFacts.set(host, facts);
      }
      const { domain, party, tracker } = facts;
      const { result, body, mimeType } = scanEntry(entry, scanner);
      const bodyText = body?.text;
      const analysed: AnalysedEntry = {
        index,
        method: entry.request.method,
        url: entry.request.url,
        host,
        registrableDomain: domain,
        phase: entry._phase ?? null,
        afterToolConsent: entry._afterToolConsent === true,
        status: entry.response.status,
        startedDateTime: entry.startedDateTime,
        party,
        identifiers: dedupeHits(result.identifiers),
        readability: classifyReadability(entry, body),
      };
      if (tracker) analysed.tracker = tracker;
      const namedByTool = toolNamedCompany(entry);
      if (namedByTool) analysed.namedByTool = namedByTool;
      const location = pairLocation(result.coordinates);
      if (location) analysed.location = location;
      if (result.signalKeywords) {
        const { params } = collectAdParams({ url: entry.request.url, party, adHost: tracker?.category === 'advertising', ...(bodyText !== undefined ? { body: { text: bodyText, mimeType } } : {}) });
        const signals = interpretAdSignals(params, entry.request.url);
        if (signals) analysed.adSignals = signals;
      }
      if (isCorsPreflight(entry)) analysed.corsPreflight = true;
      if (entry._tlsFailure) analysed.tlsFailure = { host: entry._tlsFailure.host, reason: entry._tlsFailure.reason };
      const trackHar = runTrackHar ? decodeWithTrackHar(entry, context.identifiers) : undefined;
      if (trackHar) {
        analysed.trackHar = trackHar;
        const differences = decodingDifferences(trackHar, analysed.identifiers);
        if (differences.length > 0) analysed.decodingDifferences = differences;
      }
      entries.push(analysed);
      const baseline = entry._baseline === true || inWindow(entry.startedDateTime, context.baselineWindow);
      // The sample's text only has to show whether the request names the game's package.
      samples.push({ host, baseline, text: appPackage !== undefined && trafficText(entry).includes(appPackage) ? appPackage : '' });
    },
    finish() {
      // Only a capture with a baseline has device traffic to tell apart.
      if (samples.some((sample) => sample.baseline)) {
        markDeviceTraffic(samples, appPackage).forEach((isDevice, index) => {
          if (isDevice) entries[index]!.deviceTraffic = true;
        });
      }
      return { entries, organisations: summariseOrganisations(entries) };
    },
  };
}

export function analyseNetwork(har: Har, context: AnalysisContext, options: AnalyseOptions = {}): NetworkAnalysis {
  const analyser = createNetworkAnalyser(context, options);
  for (const entry of har.log.entries) analyser.add(entry);
  return analyser.finish();
}
