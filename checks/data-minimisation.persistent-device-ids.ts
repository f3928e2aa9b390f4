// Standard 8: the game does not collect or pass on persistent device identifiers — ids that a
// child cannot reset, such as the Android id, IMEI, serial or MAC address, or long-lived tracking
// cookies — by default.
import { type CheckOutput, carriedRequest, contentsNotRecorded, defaultPhaseEntries, defineCheck, describeHit, describeTransmission, trackHarPropertyName, entryRefs, type Finding, groupByRecipient, inconclusiveUnreadable, isFirstParty, missingNetworkEvidence, noneOf, nothingKnownToLookFor, persistentDeviceIdKinds, plural, registrableDomain, unreadableTraffic } from '../src/check-kit/index.ts';
import type { AnalysedEntry } from '../src/analysis/types.ts';
import type { Evidence } from '../src/evidence/schema.ts';

/** A cookie that outlives this many days identifies the device to its tracker for months. */
const persistentCookieDays = 30;

/**
 * Ids persistent on one platform only: iOS's identifier for vendor lasts until every app of the
 * vendor is deleted, Android's App Set ID cannot be reset by the user. Each is searched on its
 * own platform, where an SDK can read it.
 */
const persistentIdsOfPlatform: Record<string, readonly string[]> = { ios: ['idfv'], android: ['appSetId'] };

/** TrackHAR properties that are device ids the child cannot reset (TrackHAR's own definitions). */
const persistentTrackHarProperties = new Set(['developerScopedId', 'deviceId', 'macAddress']);

/**
 * Device characteristics that choosing or showing an ad does not need but that, combined, single
 * out a device (battery, disk, memory, uptime, local IP, sensors, …): TrackHAR's property names.
 * Model, OS version, screen size and language are left out: an ad is fitted to those.
 */
const fingerprintingProperties = new Set(['batteryLevel', 'isCharging', 'diskFree', 'diskTotal', 'diskUsed', 'ramFree', 'ramTotal', 'ramUsed', 'uptime', 'localIp', 'volume', 'signalStrengthCellular', 'signalStrengthWifi', 'accelerometerX', 'accelerometerY', 'accelerometerZ', 'rotationX', 'rotationY', 'rotationZ', 'deviceName', 'isRooted', 'isEmulator', 'carrier', 'isRoaming']);
/** Three unrelated characteristics from one device are already rare in combination: a fingerprint, not an ad's needs. */
const fingerprintMinimumSignals = 3;

/** Device ids TrackHAR decoded that the identifiers file does not list (so our search could not find them). */
function decodedPersistentIds(entry: AnalysedEntry): string[] {
  return (entry.trackHar?.transmissions ?? []).filter((transmission) => persistentTrackHarProperties.has(transmission.property) && !transmission.knownAs).map((transmission) => `${describeTransmission(transmission, entry.trackHar!.adapter)}; the value is not in the identifiers file`);
}

/** Long-lived third-party cookies present at the end of the launch phase: ids placed on the device by default. */
function persistentCookiesSetAtLaunch(evidence: Pick<Evidence, 'storage' | 'firstPartyDomains'>): { name: string; domain: string; days: number; eventId: string }[] {
  const found = new Map<string, { name: string; domain: string; days: number; eventId: string }>();
  for (const snapshot of evidence.storage.filter((candidate) => candidate.phase === 'launch')) {
    const takenAt = Date.parse(snapshot.at) / 1000;
    for (const cookie of snapshot.cookies) {
      const host = cookie.domain.replace(/^\./, '').toLowerCase();
      const days = cookie.expires < 0 ? 0 : Math.round((cookie.expires - takenAt) / 86400);
      if (isFirstParty(host, evidence.firstPartyDomains) || days < persistentCookieDays || cookie.value.length < 8) continue;
      found.set(`${host}\u0000${cookie.name}`, { name: cookie.name, domain: registrableDomain(host), days, eventId: snapshot.eventId });
    }
  }
  return [...found.values()];
}

const check = defineCheck({
  id: 'data-minimisation.persistent-device-ids',
  standard: 8,
  title: 'No persistent device identifiers are sent by default',
  failureTitle: 'Persistent device identifiers are sent by default',
  requires: ['network', 'identifiers'],
  rationale:
    "Standard 8 of the Children's code (Data minimisation) asks games to collect only the data needed for what the " +
    'child is actively doing. A game needs no hardware or OS identifier that survives a reset — Android id, IMEI, ' +
    'serial number, MAC address — nor a tracking cookie that lives for months, to let a child play; such ids let a ' +
    'player be recognised for years. We search the launch traffic for each of them in every common encoding (and, on ' +
    "iOS, the identifier for vendor; on Android, the App Set ID), and TrackHAR's adapters name the device ids an SDK " +
    'sends under its own field names even when the identifiers file does not list them. Device characteristics an ad does ' +
    'not need (battery, disk, memory, uptime, local IP, carrier, sensors) fingerprint the device when three or more reach ' +
    'one company; we can name them only in requests TrackHAR has an adapter for. Every item TrackHAR decoded in the launch requests to third parties is also counted, per company, after the verdict, so nothing decoded goes unmentioned. Sending ' +
    'one to a third party fails; collecting one for the game itself is flagged for a person to weigh. When nothing is found but some request could not be read (a refused certificate, an encrypted SDK payload, a body cut short), the check is inconclusive, never a pass.',
  evaluate(input) {
    const output = verdict(input);
    const decoded = decodedDataFindings(defaultPhaseEntries(input.network).filter((entry) => entry.party === 'third' && carriedRequest(entry)));
    return decoded.length > 0 ? { ...output, findings: [...output.findings, ...decoded] } : output;
  },
});

/** The check's verdict on persistent ids and fingerprinting; what TrackHAR decoded in all is added as information after it. */
function verdict({ evidence, network, analysisContext: context }: Parameters<typeof check.evaluate>[0]): CheckOutput {
    const missing = missingNetworkEvidence(evidence, network) ?? contentsNotRecorded(network);
    if (missing) return missing;
    const platformKinds = new Set(persistentIdsOfPlatform[evidence.platform] ?? []);
    const persistentKinds = new Set(Object.keys(context.identifiers).filter((kind) => context.identifierDetails?.[kind]?.persistent || persistentDeviceIdKinds.has(kind.split('#')[0]!) || platformKinds.has(kind.split('#')[0]!)));
    const lookedFor = noneOf(persistentKinds.size, 'persistent identifier looked for', 'persistent identifiers looked for');
    const persistentHits = (entry: AnalysedEntry) => entry.identifiers.filter((hit) => persistentKinds.has(hit.kind));
    const sending = defaultPhaseEntries(network).filter((entry) => carriedRequest(entry) && (persistentHits(entry).length > 0 || decodedPersistentIds(entry).length > 0));
    const toThirdParties = sending.filter((entry) => entry.party === 'third');
    const toGame = sending.filter((entry) => entry.party === 'first');

    const findings: Finding[] = [];
    for (const [entries, severity] of [
      [toThirdParties, 'fail'],
      [toGame, 'warn'],
    ] as const) {
      for (const group of groupByRecipient(entries)) {
        const hits = group.entries.flatMap(persistentHits);
        const decoded = group.entries.flatMap(decodedPersistentIds);
        const kinds = [...new Set([...hits.map((hit) => hit.kind), ...group.entries.flatMap((entry) => (entry.trackHar?.transmissions ?? []).filter((transmission) => persistentTrackHarProperties.has(transmission.property) && !transmission.knownAs).map((transmission) => transmission.property))])].sort();
        findings.push({
          message: `${severity === 'fail' ? group.recipient : `The game's own server (${group.recipient})`} received a persistent identifier at launch (${group.hosts.join(', ')}): ${[...new Set([...hits.map(describeHit), ...decoded])].slice(0, 4).join('; ')}.`,
          evidence: entryRefs(group.entries),
          severity,
          data: { organization: group.recipient, party: severity === 'fail' ? 'third' : 'first', hosts: group.hosts.join(', '), identifierKinds: kinds.join(', '), encodings: [...new Set(hits.map((hit) => hit.encoding))].sort().join(', '), requests: group.entries.length },
        });
      }
    }
    // A tracker that sets a months-long id at launch has placed a persistent identifier on the device,
    // even if the capture ended before the cookie was sent back.
    const launchEntries = defaultPhaseEntries(network);
    const reported = new Set(toThirdParties.map((entry) => entry.registrableDomain));
    const cookies = persistentCookiesSetAtLaunch(evidence).filter((cookie) => !reported.has(cookie.domain));
    for (const domain of [...new Set(cookies.map((cookie) => cookie.domain))]) {
      const set = cookies.filter((cookie) => cookie.domain === domain);
      const entries = launchEntries.filter((entry) => entry.registrableDomain === domain);
      const recipient = entries[0]?.tracker?.organization ?? domain;
      findings.push({
        message: `${recipient} set a persistent identifier on the device at launch: ${set.map((cookie) => `cookie "${cookie.name}" on ${cookie.domain}, kept for ${cookie.days} days`).join('; ')}; it is sent back with every later request.`,
        evidence: [...entryRefs(entries), { kind: 'event', id: set[0]!.eventId }],
        severity: 'fail',
        data: { organization: recipient, party: 'third', hosts: [...new Set(entries.map((entry) => entry.host))].sort().join(', '), identifierKinds: set.map((cookie) => `cookie:${cookie.name}`).join(', '), encodings: 'plain', requests: entries.length },
      });
    }
    // Device fingerprinting: what TrackHAR's adapters decoded of the device's state and hardware.
    const fingerprinted: string[] = [];
    for (const group of groupByRecipient(launchEntries.filter((entry) => entry.party === 'third' && carriedRequest(entry) && entry.trackHar))) {
      const signals = new Map<string, string>();
      for (const entry of group.entries) {
        for (const transmission of entry.trackHar!.transmissions) {
          if (fingerprintingProperties.has(transmission.property) && !signals.has(transmission.property)) signals.set(transmission.property, `${trackHarPropertyName(transmission.property)} (\`${transmission.path}\`, TrackHAR adapter ${entry.trackHar!.adapter})`);
        }
      }
      if (signals.size < fingerprintMinimumSignals) continue;
      const sending = group.entries.filter((entry) => entry.trackHar!.transmissions.some((transmission) => fingerprintingProperties.has(transmission.property)));
      fingerprinted.push(group.recipient);
      findings.push({
        message: `${group.recipient} received ${signals.size} device characteristics at launch that an ad does not need and that together single out the device (device fingerprinting; ${group.hosts.join(', ')}): ${[...signals.values()].join('; ')}.`,
        evidence: entryRefs(sending),
        severity: 'fail',
        data: { organization: group.recipient, party: 'third', hosts: group.hosts.join(', '), identifierKinds: [...signals.keys()].sort().join(', '), encodings: 'decoded by TrackHAR', requests: sending.length },
      });
    }
    if (toThirdParties.length > 0 || cookies.length > 0 || fingerprinted.length > 0) {
      const parties = new Set([...toThirdParties.map((entry) => entry.registrableDomain), ...cookies.map((cookie) => cookie.domain), ...fingerprinted]);
      return { outcome: 'fail', summary: `${plural(parties.size, 'third party', 'third parties')} received or set persistent identifiers${fingerprinted.length > 0 ? ' or device fingerprinting data' : ''} before the child did anything.`, findings };
    }
    if (toGame.length > 0) {
      return { outcome: 'warn', summary: "The game's own servers collect a persistent identifier at launch; a person should check it is needed.", findings };
    }
    if (persistentKinds.size === 0) {
      if (evidence.platform === 'web' && evidence.storage.length > 0) {
        return { outcome: 'pass', summary: 'No long-lived third-party cookie was set and a browser exposes no hardware identifiers, so no persistent identifier was sent.', findings: [] };
      }
      return nothingKnownToLookFor({ what: "the test device's persistent identifiers", plural: true, fields: [...persistentDeviceIdKinds, ...(persistentIdsOfPlatform[evidence.platform] ?? [])] });
    }
    // The game's own servers count too: an id sent to them is flagged, so theirs must be readable as well.
    const unreadable = unreadableTraffic(launchEntries);
    if (unreadable) {
      return inconclusiveUnreadable(`${lookedFor.subject} (${[...persistentKinds].sort().join(', ')}) ${lookedFor.verb} found in the readable launch traffic`, unreadable);
    }
    // On Android 8 and later the one persistent id a game can read is its own Android id: a pass
    // that never looked for it says nothing about the id that matters most.
    if (evidence.android?.androidIdSource === 'not-known') {
      return {
        outcome: 'inconclusive',
        summary: `${lookedFor.subject} (${[...persistentKinds].sort().join(', ')}) ${lookedFor.verb} found in the launch traffic, but the game's own Android id is not known, so it was not looked for.`,
        findings: [
          {
            message: "The game's Android id (its own since Android 8) could not be read from the device and the identifiers file gives none for this package: add it as androidIdByPackage, or capture on a rooted emulator where the capture reads it (docs/real-devices.md).",
            evidence: [],
            severity: 'info',
          },
        ],
      };
    }
    return {
      outcome: 'pass',
      summary: `${lookedFor.subject} (${[...persistentKinds].sort().join(', ')}) ${lookedFor.verb} found in the launch traffic.`,
      findings: [],
    };
}

/**
 * Every transmission TrackHAR's adapters decoded in the launch requests to third parties, counted
 * per company with its kinds: data a game's SDKs send that the child's play does not need is what
 * standard 8 is about, and a reader should see all of it, not only what fails the check.
 */
function decodedDataFindings(entries: readonly AnalysedEntry[]): Finding[] {
  const decoding = entries.filter((entry) => (entry.trackHar?.transmissions.length ?? 0) > 0);
  if (decoding.length === 0) return [];
  const groups = groupByRecipient(decoding);
  const total = decoding.reduce((sum, entry) => sum + entry.trackHar!.transmissions.length, 0);
  const findings: Finding[] = [
    {
      message: `TrackHAR's adapters decoded ${plural(total, 'transmission')} of data about the device or its user in ${plural(decoding.length, 'launch request')} to ${plural(groups.length, 'third party', 'third parties')}; each company's are listed below with their requests.`,
      evidence: entryRefs(decoding),
      severity: 'info',
      data: { transmissions: total, requests: decoding.length, companies: groups.length },
    },
  ];
  for (const group of groups) {
    const counts = new Map<string, number>();
    for (const entry of group.entries) for (const transmission of entry.trackHar!.transmissions) counts.set(transmission.property, (counts.get(transmission.property) ?? 0) + 1);
    const transmissions = [...counts.values()].reduce((sum, count) => sum + count, 0);
    const kinds = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([property, count]) => `${trackHarPropertyName(property)}${count > 1 ? ` (${count} times)` : ''}`);
    findings.push({
      message: `${group.recipient} was sent ${plural(transmissions, 'item')} of data at launch in ${plural(group.entries.length, 'request')} to ${group.hosts.join(', ')}, as TrackHAR decoded them: ${kinds.join('; ')}.`,
      evidence: entryRefs(group.entries),
      severity: 'info',
      data: { organization: group.recipient, party: 'third', hosts: group.hosts.join(', '), identifierKinds: [...counts.keys()].sort().join(', '), encodings: 'decoded by TrackHAR', requests: group.entries.length, transmissions },
    });
  }
  return findings;
}

export default check;
