// Benchmark: network analysis on a synthesised, realistic 100,000-entry HAR (a few hundred hosts,
// JSON / form / gzip bodies up to 64 KB, 10 known identifiers planted in various encodings),
// written by the bundle writer as a capture writes network.har (one entry a line), and analysed
// as scoring analyses a bundle's network.har (bundle-reader.ts forEachHarEntry: read as a
// stream, every entry checked against the HAR schema; then createNetworkAnalyser) with TrackHAR's
// adapters on, compared with reading the same file and JSON.parse-ing it whole. Each measurement
// runs in its own process so its peak RSS (the kernel's maxRSS) is its own. Prints figures;
// asserts nothing.
// Run: npm run bench:analysis   (ENTRIES=20000 npm run bench:analysis for a quicker run)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { createNetworkAnalyser } from '../src/analysis/analyse-network.ts';
import type { AnalysisContext } from '../src/analysis/types.ts';
import { forEachHarEntry } from '../src/evidence/bundle-reader.ts';
import { BundleWriter, bundleFiles } from '../src/evidence/bundle-writer.ts';
import { readHarEntries, type HarEntry } from '../src/evidence/har.ts';

const entryCount = Number(process.env.ENTRIES ?? 100_000);

// A small deterministic generator (mulberry32) so every run measures the same HAR.
let seed = 0x9e3779b9;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const hex = (length: number): string => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
const uuid = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;

const identifiers: Record<string, string> = {
  advertisingId: uuid(),
  androidId: hex(16),
  email: 'ico.test.persona@example.org',
  username: 'testpersona_k10',
  phone: '+447700900123',
  serial: 'R58M123ABCD',
  imei: '356938035643809',
  macAddress: '02:00:00:44:55:66',
  'custom:playerId': `p-${hex(12)}`,
  'cookie:uid': hex(24),
};
const context: AnalysisContext = { firstPartyDomains: ['game.example'], identifiers, mockLocation: { latitude: 51.5014, longitude: -0.1419 } };

const knownHosts = ['googleads.g.doubleclick.net', 'app-measurement.com', 'auction.unityads.unity3d.com', 'ms.applovin.com', 'outcome-ssp.supersonicads.com', 'api.gameanalytics.com', 'sessions.bugsnag.com', 'app.adjust.com', 'live.chartboost.com', 'api16-access-sg.pangle.io'];
/** The real endpoint of each known host (several have a TrackHAR adapter), so TrackHAR's decoding is measured too. */
const knownPaths: Record<string, string> = {
  'googleads.g.doubleclick.net': '/mads/gma',
  'app-measurement.com': '/a',
  'auction.unityads.unity3d.com': '/v4/test/games/3268074/requests',
  'ms.applovin.com': '/5.0/i',
  'outcome-ssp.supersonicads.com': '/mediation',
  'app.adjust.com': '/session',
  'live.chartboost.com': '/api/install',
  'sessions.bugsnag.com': '/',
};
const hosts = [...knownHosts, ...Array.from({ length: 290 }, (_, index) => `${pick(['api', 'cdn', 'events', 'static', 'sdk'])}${index}.${pick(['adnet', 'metrics', 'assets', 'game', 'cloud'])}${index % 97}.${pick(['com', 'net', 'io', 'co.uk'])}`), 'api.game.example', 'cdn.game.example'];

const words = ['level', 'score', 'session', 'event', 'coins', 'gems', 'booster', 'tutorial', 'screen', 'button', 'reward', 'ad_impression', 'purchase', 'shop', 'map', 'avatar'];
function jsonBody(targetBytes: number, plant: string | undefined): string {
  const events: Record<string, unknown>[] = [];
  let size = 0;
  while (size < targetBytes) {
    const event = { name: pick(words), ts: 1735689600000 + Math.floor(random() * 1e7), params: { value: Math.floor(random() * 1e6), label: `${pick(words)}_${hex(6)}`, ratio: random().toFixed(4) } };
    size += 110;
    events.push(event);
  }
  return JSON.stringify({ app: { bundle: 'com.example.game', ver: '1.2.3' }, device: { os: 'android', osv: '14', make: 'Google', model: 'Pixel 7', ...(plant ? { id: plant } : {}) }, events });
}

function plantedValue(): { text: string; inQuery: boolean } | undefined {
  if (random() > 0.05) return undefined;
  const [kind, value] = pick(Object.entries(identifiers));
  void kind;
  const forms = [value, value.toUpperCase(), encodeURIComponent(value), Buffer.from(value).toString('base64'), createHash('sha256').update(value).digest('hex'), createHash('md5').update(value.toLowerCase()).digest('hex')];
  return { text: pick(forms), inQuery: random() < 0.5 };
}

function bodySize(): number {
  // Mostly small events, a long tail of batches up to 64 KB.
  const roll = random();
  if (roll < 0.8) return 100 + Math.floor(random() * 900);
  if (roll < 0.98) return 1000 + Math.floor(random() * 7000);
  return 16_000 + Math.floor(random() * 48_000);
}

/** The HAR's entries made one at a time, so the synthesis never holds the HAR whole. */
function* synthesisedEntries(): Generator<HarEntry> {
  for (let index = 0; index < entryCount; index++) {
    const host = pick(hosts);
    const planted = plantedValue();
    const roll = random();
    let postData: { mimeType: string; text: string; encoding?: string } | undefined;
    const headers = [
      { name: 'Host', value: host },
      { name: 'User-Agent', value: 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36' },
      { name: 'Accept', value: '*/*' },
      { name: 'Accept-Language', value: 'en-GB,en;q=0.9' },
    ];
    let query = `v=${index % 7}&sid=${hex(16)}&t=${1735689600 + index}`;
    if (host.startsWith('googleads')) query += `&tfcd=${index % 2}&npa=${index % 2}&gdpr=0&us_privacy=1---`;
    if (planted?.inQuery) query += `&uid=${encodeURIComponent(planted.text)}`;
    if (roll < 0.35) {
      postData = { mimeType: 'application/json', text: jsonBody(bodySize(), planted && !planted.inQuery ? planted.text : undefined) };
    } else if (roll < 0.45) {
      postData = { mimeType: 'application/x-www-form-urlencoded', text: `event=${pick(words)}&payload=${encodeURIComponent(jsonBody(bodySize() / 2, planted && !planted.inQuery ? planted.text : undefined))}` };
    } else if (roll < 0.55) {
      headers.push({ name: 'Content-Encoding', value: 'gzip' });
      postData = { mimeType: 'application/json', encoding: 'base64', text: gzipSync(jsonBody(bodySize(), planted && !planted.inQuery ? planted.text : undefined)).toString('base64') };
    } else if (roll < 0.57) {
      postData = { mimeType: 'application/json', text: JSON.stringify({ id: `req-${index}`, imp: [{ id: '1', banner: { w: 320, h: 50 } }], regs: { coppa: index % 2, ext: { gdpr: 0 } }, device: { ifa: identifiers.advertisingId, lmt: 0, geo: { lat: 51.5014, lon: -0.1419, type: 2 } }, user: { ext: { consent: '' } } }) };
    }
    const responseText = random() < 0.5 ? jsonBody(bodySize(), undefined) : '';
    yield {
      startedDateTime: new Date(Date.UTC(2025, 0, 1) + index * 50).toISOString(),
      time: 20 + Math.floor(random() * 300),
      request: { method: postData ? 'POST' : 'GET', url: `https://${host}${knownPaths[host] ?? `/${pick(words)}/${pick(words)}`}?${query}`, httpVersion: 'HTTP/2', headers, queryString: [], cookies: random() < 0.3 ? [{ name: 'uid', value: identifiers['cookie:uid']! }] : [], headersSize: -1, bodySize: postData?.text.length ?? 0, ...(postData ? { postData } : {}) },
      response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/2', headers: [{ name: 'Content-Type', value: 'application/json' }], cookies: [], content: { size: responseText.length, mimeType: 'application/json', text: responseText }, redirectURL: '', headersSize: -1, bodySize: responseText.length },
      cache: {},
      timings: { send: 1, wait: 50, receive: 5 },
      _phase: pick(['launch', 'consent', 'settings', 'play']),
    } as HarEntry;
  }
}

/** Writes network.har into `directory` through the bundle writer, as a capture writes it; returns its size. */
function synthesise(directory: string): number {
  new BundleWriter(directory).writeHarEntries({ log: { version: '1.2', creator: { name: 'gameaudit-bench', version: '1' }, entries: [] } }, synthesisedEntries());
  return statSync(path.join(directory, bundleFiles.har)).size;
}


const round = (value: number, places = 3): number => Math.round(value * 10 ** places) / 10 ** places;
const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};
const maxRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

/** The baseline: the file read and JSON.parse-d whole, as the bundle reader did before. */
function measureParse(file: string): Record<string, number> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { log: { entries: unknown[] } };
  const seconds = (performance.now() - started) / 1000;
  return { parseSeconds: round(seconds), parseCpuSeconds: round(cpuSeconds(cpu)), parsedEntries: parsed.log.entries.length, parseMaxRssMb: maxRssMb() };
}

/** Only reading the file as the analysis reads it, each entry JSON.parse-d and dropped: the floor under any analysis of it. */
function measureReading(file: string): Record<string, number> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let entries = 0;
  readHarEntries(file, () => {
    entries++;
  });
  return { readSeconds: round((performance.now() - started) / 1000), readCpuSeconds: round(cpuSeconds(cpu)), readEntries: entries };
}

/** The streamed analysis of a bundle's network.har, as scoring runs it: TrackHAR on unless told. */
function measureAnalysis(bundleDirectory: string, trackHar: boolean): Record<string, number> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const analyser = createNetworkAnalyser(context, { trackHar });
  let analysing = 0;
  forEachHarEntry(bundleDirectory, (entry) => {
    const before = performance.now();
    analyser.add(entry);
    analysing += performance.now() - before;
  });
  const before = performance.now();
  const analysis = analyser.finish();
  analysing += performance.now() - before;
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds: round(seconds),
    cpuSeconds: round(cpuSeconds(cpu)),
    analysisOnlySeconds: round(analysing / 1000),
    maxRssMb: maxRssMb(),
    identifierHits: analysis.entries.reduce((total, entry) => total + entry.identifiers.length, 0),
    entriesWithLocation: analysis.entries.filter((entry) => entry.location).length,
    entriesWithAdSignals: analysis.entries.filter((entry) => entry.adSignals).length,
    entriesDecodedByTrackHar: analysis.entries.filter((entry) => entry.trackHar).length,
    organisations: analysis.organisations.length,
  };
}

const [phase, phaseFile] = process.argv.slice(2);
if (phase === 'parse') process.stdout.write(`${JSON.stringify(measureParse(phaseFile!))}\n`);
else if (phase === 'read') process.stdout.write(`${JSON.stringify(measureReading(phaseFile!))}\n`);
else if (phase === 'analyse' || phase === 'analyse-without-trackhar') process.stdout.write(`${JSON.stringify(measureAnalysis(path.dirname(phaseFile!), phase === 'analyse'))}\n`);
else {
  const directory = mkdtempSync(path.join(tmpdir(), 'gameaudit-bench-analysis-'));
  try {
    const file = path.join(directory, bundleFiles.har);
    const bytes = synthesise(directory);
    process.stdout.write(`synthesised ${entryCount} entries, ${(bytes / 1e6).toFixed(0)} MB of HAR JSON\n`);
    const run = (name: string): Record<string, number> => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'analysis.ts'), name, file], { encoding: 'utf8', maxBuffer: 1 << 20 })) as Record<string, number>;
    const parse = run('parse');
    const reading = run('read');
    const analysed = run('analyse');
    const withoutTrackHar = run('analyse-without-trackhar');
    process.stdout.write(`identifier hits ${analysed.identifierHits}, entries with precise location ${analysed.entriesWithLocation}, with ad signals ${analysed.entriesWithAdSignals}, decoded by TrackHAR ${analysed.entriesDecodedByTrackHar}, organisations ${analysed.organisations}\n`);
    process.stdout.write(
      `${JSON.stringify({
        entries: entryCount,
        // Streamed: reading, per-entry JSON.parse, schema check and analysis with TrackHAR, all of it.
        streamedSeconds: analysed.seconds,
        streamedCpuSeconds: analysed.cpuSeconds,
        analysisOnlySeconds: analysed.analysisOnlySeconds,
        parseSeconds: parse.parseSeconds,
        parseCpuSeconds: parse.parseCpuSeconds,
        ratioToParse: round(analysed.seconds! / parse.parseSeconds!, 2),
        ratioToParseCpu: round(analysed.cpuSeconds! / parse.parseCpuSeconds!, 2),
        analysisOnlyRatioToParse: round(analysed.analysisOnlySeconds! / parse.parseSeconds!, 2),
        // Reading and JSON.parse-ing each entry, nothing else: what the streamed figure cannot go below.
        readOnlySeconds: reading.readSeconds,
        readOnlyRatioToParse: round(reading.readSeconds! / parse.parseSeconds!, 2),
        entriesPerSecond: Math.round(entryCount / analysed.seconds!),
        peakRssMb: analysed.maxRssMb,
        parsePeakRssMb: parse.parseMaxRssMb,
        withoutTrackHarSeconds: withoutTrackHar.seconds,
        withoutTrackHarCpuSeconds: withoutTrackHar.cpuSeconds,
        withoutTrackHarPeakRssMb: withoutTrackHar.maxRssMb,
      })}\n`,
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
