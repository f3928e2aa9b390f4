// Standard 7: nothing is sent to advertising, attribution or analytics companies before the
// child has made any privacy choice.
import type { TrackerCategory } from '../src/analysis/types.ts';
import { countContacts, defineCheck, entryRefs, type Finding, inconclusiveUnreadable, phaseCompleted, phaseScreenshotRefs, plural, unreadableTraffic } from '../src/check-kit/index.ts';

/** The tracker categories that use a child's data beyond running the game. Crash reporting and
 * consent tools are left out: they serve the game or the choice itself. */
const trackingCategories: readonly TrackerCategory[] = ['advertising', 'attribution', 'analytics'];

/** Requests a pass lists as the evidence it examined; the rest are in network.har. */
const examinedListed = 50;

export default defineCheck({
  id: 'default-settings.tracking-before-choice',
  standard: 7,
  title: 'No tracking before the child makes a privacy choice',
  failureTitle: 'Tracking starts before the child makes any privacy choice',
  requires: ['network'],
  optional: ['screenshots'],
  rationale:
    "Standard 7 of the Children's code (Default settings) means that, until a child changes a setting, their data is " +
    'not used for more than the game itself. We watch the game from a fresh start without touching it (the launch ' +
    'phase) and look for requests to third-party advertising, attribution or analytics companies. Any such request ' +
    'happened before the child could say yes or no, so it is the default behaviour. When nothing is found but some request could not be read (a refused certificate, an encrypted SDK payload, a body cut short), the check is inconclusive, never a pass. A connection the app attempted but refused our certificate for counts as contact, not as data received.',
  evaluate({ evidence, network }) {
    if (!evidence.phases.some((phase) => phase.name === 'launch')) {
      return {
        outcome: 'inconclusive',
        summary: 'The launch phase was not recorded, so the default behaviour is unknown.',
        findings: [{ message: 'The capture has no launch phase; the game was not observed before any choice.', evidence: [], severity: 'info' }],
      };
    }
    const launchEntries = network.entries.filter((entry) => entry.phase === 'launch');
    // An ad request from a host the catalogue does not know is still advertising when its own
    // content says so (an OpenRTB bid request, Google ad parameters).
    const tracking = launchEntries.flatMap((entry) => {
      if (entry.party !== 'third') return [];
      if (entry.tracker && trackingCategories.includes(entry.tracker.category)) {
        return [{ entry, organization: entry.tracker.organization, category: entry.tracker.category as string }];
      }
      if (!entry.tracker && entry.adSignals) return [{ entry, organization: `${entry.registrableDomain} (not in the catalogue)`, category: 'advertising' }];
      return [];
    });

    const findings: Finding[] = [];
    const groups = new Map<string, typeof tracking>();
    for (const item of tracking) {
      const key = `${item.organization}\u0000${item.category}`;
      groups.set(key, [...(groups.get(key) ?? []), item]);
    }
    for (const items of [...groups.values()].sort((a, b) => a[0]!.entry.index - b[0]!.entry.index)) {
      const { organization, category, entry: first } = items[0]!;
      const hosts = [...new Set(items.map((item) => item.entry.host))].sort();
      findings.push({
        message: items.every((item) => item.entry.readability.state === 'tls-failed' || item.entry.corsPreflight)
          ? `The game tried to contact ${organization} (${category}) at launch, before any privacy choice, in ${countContacts(items.map((item) => item.entry))}; ${items.some((item) => item.entry.readability.state === 'tls-failed') ? 'the certificate was refused' : 'the browser only asked leave to send'}, so nothing was received: ${hosts.join(', ')}.`
          : `${countContacts(items.map((item) => item.entry))} went to ${organization} (${category}) at launch, before any privacy choice: ${hosts.join(', ')}.`,
        evidence: items.map((item) => ({ kind: 'har-entry', index: item.entry.index })),
        severity: 'fail',
        data: { organization, category, hosts: hosts.join(', '), requests: items.length, firstUrl: first.url },
      });
    }
    // A refused TLS handshake carried no request, and a CORS preflight only asked leave to send: their
    // company was contacted, it received nothing, so neither is counted as a request.
    const carriesData = (item: (typeof tracking)[number]) => item.entry.readability.state !== 'tls-failed' && !item.entry.corsPreflight;
    const receiving = new Set(tracking.filter(carriesData).map((item) => item.organization));
    const contactedOnly = new Set(tracking.filter((item) => !receiving.has(item.organization)).map((item) => item.organization));
    const requestCount = tracking.filter(carriesData).length;
    const preflightCount = tracking.filter((item) => item.entry.corsPreflight).length;
    const preflightNote = preflightCount > 0 ? ` (not counting ${plural(preflightCount, 'CORS preflight')}, which carried no data)` : '';

    // Third parties we could not attribute are shown for a person to look up, not scored.
    const unattributed = launchEntries.filter((entry) => entry.party === 'third' && entry.tracker === undefined && entry.adSignals === undefined);
    const unattributedHosts = [...new Set(unattributed.map((entry) => entry.host))].sort();
    for (const host of unattributedHosts) {
      const entries = unattributed.filter((entry) => entry.host === host);
      findings.push({
        message: `${plural(entries.length, 'request')} went at launch to ${host}, a third party not in the tracker catalogue; a person should identify it.`,
        evidence: entries.map((entry) => ({ kind: 'har-entry', index: entry.index })),
        severity: 'info',
        data: { host, requests: entries.length },
      });
    }

    if (tracking.length > 0 && tracking.every((item) => item.entry.readability.state === 'domain-only')) {
      // An App Privacy Report or TrackerControl export saw the connection, not what it carried.
      const companies = new Set(tracking.map((item) => item.organization)).size;
      return {
        outcome: 'fail',
        summary: `${plural(companies, 'tracking company', 'tracking companies')} ${companies === 1 ? 'was' : 'were'} contacted before any privacy choice (the imported export records the connections, not what they carried).`,
        findings,
      };
    }
    if (tracking.length > 0) {
      const contacted = (count: number, more: boolean) =>
        `${more ? `${count} more` : plural(count, 'tracking company', 'tracking companies')} ${count === 1 ? 'was' : 'were'} contacted (a connection was attempted)`;
      const onlyRefused = tracking.every((item) => item.entry.readability.state === 'tls-failed');
      const summary =
        receiving.size === 0
          ? onlyRefused
            ? `${contacted(contactedOnly.size, false)} before any privacy choice; the app refused the capture’s certificate, so what they would have been sent could not be read.`
            : `${contacted(contactedOnly.size, false)} before any privacy choice, but no request that carried data reached them${preflightNote}.`
          : contactedOnly.size === 0
            ? `${plural(receiving.size, 'tracking company', 'tracking companies')} received ${plural(requestCount, 'request')} before any privacy choice${preflightNote}.`
            : `${plural(receiving.size, 'tracking company', 'tracking companies')} received ${plural(requestCount, 'request')}, and ${contacted(contactedOnly.size, true)}, before any privacy choice${preflightNote}.`;
      return { outcome: 'fail', summary, findings };
    }
    if (!phaseCompleted(evidence, 'launch')) {
      return {
        outcome: 'inconclusive',
        summary: 'No tracking was seen at launch, but the launch phase did not complete, so it may have been missed.',
        findings: [...findings, { message: 'The launch phase did not run to its end.', evidence: phaseScreenshotRefs(evidence, 'launch'), severity: 'info' }],
      };
    }
    if (network.entries.length === 0) {
      return {
        outcome: 'inconclusive',
        summary: 'No network traffic at all was recorded, which suggests the capture did not see the game’s traffic.',
        findings: [{ message: 'The HAR holds no requests; even the game’s own files should appear there.', evidence: [], severity: 'info' }],
      };
    }
    // An unreadable request may be tracking we would only recognise by its content, and an app whose
    // connections were refused may never get as far as starting its trackers.
    const unreadable = unreadableTraffic(launchEntries.filter((entry) => entry.party === 'third'));
    if (unreadable) return inconclusiveUnreadable('No request to an advertising, attribution or analytics company was seen at launch', unreadable, findings);
    return {
      outcome: 'pass',
      summary: launchEntries.length === 1 ? 'The one request at launch did not go to an advertising, attribution or analytics company.' : `None of the ${plural(launchEntries.length, 'request')} at launch went to an advertising, attribution or analytics company.`,
      // A pass rests on the requests examined: they are its evidence, so a reader can open each one.
      findings: [
        ...findings,
        {
          message: launchEntries.length > examinedListed ? `The ${plural(launchEntries.length, 'request')} examined at launch (the first ${examinedListed} listed).` : `The ${plural(launchEntries.length, 'request')} examined at launch.`,
          evidence: entryRefs(launchEntries.slice(0, examinedListed)),
          severity: 'info',
        },
      ],
    };
  },
});
