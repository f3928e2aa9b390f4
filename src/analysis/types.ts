// What network analysis says about each captured request. Checks and reports read these, never
// the raw HAR, so the same analysis serves our proxy's captures and imported HAR files.
import type { Phase } from '../plan/schema.ts';
import type { Readability } from './readability.ts';

export const trackerCategories = ['advertising', 'attribution', 'analytics', 'crash-reporting', 'consent', 'other'] as const;
export type TrackerCategory = (typeof trackerCategories)[number];

export interface TrackerAttribution {
  organization: string;
  category: TrackerCategory;
  /** On Google Play's Families self-certified ads SDK list; null when not an ad SDK or unknown. */
  familiesCertified: boolean | null;
  /** 'catalogue' (ours, with sources) or 'trackerdb' (Ghostery, second opinion). */
  source: 'catalogue' | 'trackerdb';
  /** Product or SDK name within the organisation (AdMob, Firebase Analytics, …), where known. */
  product?: string;
  /** Lowest SDK versions on the Families self-certified list, by SDK name (catalogue only). */
  familiesMinSdkVersions?: Record<string, string>;
}

export const identifierEncodings = [
  'plain',
  'uppercase',
  'lowercase',
  'url-encoded',
  'url-encoded-twice',
  'json-escaped',
  'base64',
  'base64url',
  'hex',
  'md5',
  'sha1',
  'sha256',
  'md5-lowercase',
  'sha1-lowercase',
  'sha256-lowercase',
  /** A UUID or MAC address with its dashes or colons removed (a common way SDKs send the AAID). */
  'without-separators',
] as const;
export type IdentifierEncoding = (typeof identifierEncodings)[number];

export type IdentifierLocation = 'url' | 'query' | 'header' | 'cookie' | 'body';

export interface IdentifierHit {
  /** advertisingId, androidId, email, cookie:<name>, custom:<name>, … */
  kind: string;
  encoding: IdentifierEncoding;
  where: IdentifierLocation;
  /** The header, query parameter or JSON path it was found in, where known. */
  field?: string;
  /** Found inside an encoded payload: what was undone to see it (outermost first) and the field that payload sat in. */
  inside?: NestedContainer;
}

export interface NestedContainer {
  /** e.g. ['base64', 'gzip'] or ['base64', 'protobuf field 2.1']. */
  layers: string[];
  field?: string;
}

export interface LocationHit {
  precisionDecimals: number;
  /** Approximate precision on the ground: 10^-decimals degrees of latitude, in metres. */
  metres: number;
  where: IdentifierLocation;
  field?: string;
}

export type TriState = boolean | 'unknown';

export interface AdSignals {
  childDirected: TriState;
  personalisedAds: TriState;
  consent?: {
    gdprApplies?: boolean;
    tcString?: string;
    decoded?: { purposesConsented: number[]; vendorsConsented: number; cmpId?: number } | { error: string };
    usPrivacy?: string;
  };
  /** The privacy-relevant parameters as sent, by name (e.g. tfcd, npa, regs.coppa). */
  params: Record<string, string>;
  /** Signals in one request that disagree; the affected value is then 'unknown' unless noted. */
  conflicts?: AdSignalConflict[];
  /** Names read whose meaning no public source confirms for this request, with why (ad-signal-names.ts). */
  unconfirmed?: { name: string; why: string }[];
  /** An advertising id was sent but its value is not visible (Google's adid_p=1, rdidl=<length>). */
  advertisingIdSentHidden?: { flag: string; length?: number };
}

export interface AdSignalConflict {
  signal: 'childDirected' | 'personalisedAds';
  /** Each disagreeing parameter, what it asks for, and whether it decides UK treatment (us_privacy does not). */
  values: { name: string; value: string; says: 'protects' | 'exposes'; means: string; decides: boolean }[];
}

export interface AnalysedEntry {
  /** Index of the entry in network.har: what findings point at. */
  index: number;
  method: string;
  url: string;
  host: string;
  registrableDomain: string;
  phase: Phase | null;
  /** Sent after a tap of the tool changed consent: never the game's default. */
  afterToolConsent?: boolean;
  status: number;
  startedDateTime: string;
  party: 'first' | 'third';
  tracker?: TrackerAttribution;
  identifiers: IdentifierHit[];
  location?: LocationHit;
  adSignals?: AdSignals;
  tlsFailure?: { host: string; reason: string };
  /** A CORS preflight (OPTIONS with Access-Control-Request-Method): the browser asking leave to send, carrying no data. */
  corsPreflight?: true;
  /** Whether what the request carried could be searched; a search of an unreadable one proves nothing. */
  readability: Readability;
  /** Sent by another app or the OS (its host was seen with the game not running): not charged to the game. */
  deviceTraffic?: boolean;
  /** The company the importing tool named for the host (TrackerControl, App Privacy Report): its word, kept apart from `tracker`. */
  namedByTool?: { tool: string; organization: string };
  /** What a TrackHAR adapter for this endpoint decoded (trackhar-runner.ts); absent when no adapter covers it. */
  trackHar?: TrackHarDecoding;
  /** Where TrackHAR and our identifier search disagree about this request: both are kept, this says how. */
  decodingDifferences?: DecodingDifference[];
}

/** One transmission a TrackHAR adapter decoded: TrackHAR's property name, where it sat and why it is that. */
export interface DecodedTransmission {
  /** TrackHAR's standard name (advertisingId, model, carrier, batteryLevel, …). */
  property: string;
  context: 'header' | 'cookie' | 'path' | 'query' | 'body';
  /** JSONPath into the decoded request, as TrackHAR gives it. */
  path: string;
  /** TrackHAR's reasoning: "obvious property name", or a link to its research. */
  reasoning: string;
  /** The value sent, for device characteristics; withheld for identifiers and location (the HAR has them). */
  value?: string;
  /** The identifiers-file kind whose value this is, when it is one of them. */
  knownAs?: string;
  /**
   * For an advertising id, whose value is withheld: "id" when it has the form of a real one (a
   * UUID), "zeroed" for the all-zero id an SDK sends when tracking is limited, "other" for
   * anything else (Vungle's 15-hex value, "vungle.invalid.IFA"): only "id" is evidence of the id.
   */
  advertisingIdForm?: 'id' | 'zeroed' | 'other';
}

export interface TrackHarDecoding {
  /** <tracker slug>/<adapter slug>, e.g. unityads/games. */
  adapter: string;
  transmissions: DecodedTransmission[];
  /** The adapter threw on this request: nothing it would have decoded is known. */
  error?: string;
}

export interface DecodingDifference {
  kind: string;
  /** Which side saw it: our identifier search only, or TrackHAR only. */
  seenBy: 'identifier-search' | 'trackhar';
  /** One sentence for the report. */
  detail: string;
}

export interface OrganisationSummary {
  organization: string;
  category: TrackerCategory | 'unknown';
  familiesCertified: boolean | null;
  hosts: string[];
  /** Requests that carried something (a refused TLS handshake is an attempt, not a request). */
  requests: number;
  defaultPhaseRequests: number;
  /** Connections that never carried a request (the app refused the capture's certificate). */
  attempts: number;
  defaultPhaseAttempts: number;
  /** CORS preflights: the browser asked leave to send; no data went with them, so they are not requests. */
  preflights: number;
  identifierKinds: string[];
  firstEntryIndex: number;
  /** The kinds of data it received, as decoded by TrackHAR and our identifier search, each with its requests. */
  dataReceived: ReceivedDataKind[];
  /** Set when the name is the importing tool's word, not our catalogue's: "TrackerControl's export". */
  namedBy?: string;
  /** Hosts for which the importing tool names another company than ours: both are kept. */
  toolDisagreements?: { host: string; namedBy: string; organization: string }[];
}

export interface ReceivedDataKind {
  key: string;
  label: string;
  seenBy: ('trackhar' | 'identifier-search')[];
  /** HAR entry indexes of the requests that carried it. */
  entryIndexes: number[];
}

export interface NetworkAnalysis {
  entries: AnalysedEntry[];
  organisations: OrganisationSummary[];
}

/** What the analysis looks for; built from the bundle alone so it can be re-run later. */
export interface AnalysisContext {
  firstPartyDomains: string[];
  /** kind → value: the identifiers file flattened, plus what the capture learned. */
  identifiers: Record<string, string>;
  mockLocation?: { latitude: number; longitude: number };
  /** The Android package audited: a device-traffic request naming it is the game's. */
  appPackage?: string;
  /** The device capture's baseline window (game not running): requests started in it are device traffic. */
  baselineWindow?: { startedAt: string; endedAt: string };
  /** What is known about where an identifier came from: checks use it to tell persistent ids apart. */
  identifierDetails?: Record<string, IdentifierDetail>;
}

export interface IdentifierDetail {
  /** Survives an app restart and a reset of the advertising id (Android id, IMEI, a long-lived cookie, …). */
  persistent: boolean;
  /** Registrable domain that set it, for cookies. */
  setBy?: string;
  source: string;
}
