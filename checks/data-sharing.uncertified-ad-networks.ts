// Standard 9: ads shown by default come only from ad networks on Google Play's Families
// self-certified ads SDK list, the networks that have committed to child-appropriate ad serving.
import { countContacts, defaultPhaseEntries, defineCheck, entryRefs, type Finding, groupByRecipient, inconclusiveUnreadable, missingNetworkEvidence, plural, unreadableTraffic } from '../src/check-kit/index.ts';
import type { AnalysedEntry } from '../src/analysis/types.ts';

/** An ad request or ad-network contact, and whether its company is on the Families list. */
function certification(entry: AnalysedEntry, certified: Set<string>): 'certified' | 'not-certified' | 'not-ads' {
  const isAdNetwork = entry.tracker?.category === 'advertising';
  const isAdRequest = entry.adSignals !== undefined && entry.tracker === undefined;
  if (!isAdNetwork && !isAdRequest) return 'not-ads';
  if (entry.tracker?.familiesCertified === true) return 'certified';
  // Ghostery may name a company our catalogue knows under a longer name ("Google LLC").
  if (entry.tracker?.source === 'trackerdb') {
    const name = entry.tracker.organization.toLowerCase();
    if ([...certified].some((company) => name === company || name.startsWith(`${company} `))) return 'certified';
  }
  return 'not-certified';
}

export default defineCheck({
  id: 'data-sharing.uncertified-ad-networks',
  standard: 9,
  title: 'Only Families self-certified ad networks are used by default',
  failureTitle: 'Ad networks outside the Families self-certified list are used by default',
  requires: ['network'],
  rationale:
    "Standard 9 of the Children's code (Data sharing) asks that children's data is not disclosed without a compelling " +
    'reason; every ad request discloses the device and its context to the ad network. Google Play lets apps for ' +
    'children serve ads only through SDKs on its Families self-certified ads SDK list, whose makers commit to ' +
    'child-appropriate ads and data handling. We attribute each ad request made at launch to its company and flag those ' +
    'whose company has no self-certified SDK (for example AppLovin: the Google Play Help page on self-certified ads SDKs, answer 12955712, says it has left the programme; the list and its source are in data/trackers.yaml) or cannot be identified. When nothing is found but some request could not be read (a refused certificate, an encrypted SDK payload, a body cut short), the check is inconclusive, never a pass.',
  evaluate({ evidence, network, adCatalogue }) {
    const missing = missingNetworkEvidence(evidence, network);
    if (missing) return missing;
    const certified = new Set(adCatalogue.familiesCertifiedCompanies);
    const thirdParty = defaultPhaseEntries(network).filter((entry) => entry.party === 'third');
    const adTraffic = thirdParty.filter((entry) => certification(entry, certified) !== 'not-ads');
    const uncertified = adTraffic.filter((entry) => certification(entry, certified) === 'not-certified');

    const findings: Finding[] = [];
    for (const group of groupByRecipient(uncertified)) {
      const first = group.entries[0]!;
      const why =
        first.tracker === undefined
          ? 'an ad network we could not identify, so not one on the Families self-certified list'
          : first.tracker.familiesCertified === false
            ? 'not on Google Play’s Families self-certified ads SDK list'
            : 'an ad company with no SDK on Google Play’s Families self-certified list';
      findings.push({
        message: `${countContacts(group.entries)} at launch went to ${group.recipient} (${group.hosts.join(', ')}), ${why}.`,
        evidence: entryRefs(group.entries),
        severity: 'fail',
        data: { organization: group.recipient, hosts: group.hosts.join(', '), familiesCertified: first.tracker?.familiesCertified ?? null, attribution: first.tracker?.source ?? 'ad request only', requests: group.entries.length },
      });
    }
    if (uncertified.length > 0) {
      // A refused handshake shows the SDK is there and tried, not that the network received anything.
      const onlyAttempts = uncertified.every((entry) => entry.readability.state === 'tls-failed');
      // A domain-level export (App Privacy Report, TrackerControl) saw the connection, not what it carried.
      const onlyRecorded = uncertified.every((entry) => entry.readability.state === 'domain-only');
      const verb = findings.length === 1 ? 'was' : 'were';
      const what = onlyAttempts ? `${verb} contacted (a connection was attempted)` : onlyRecorded ? `${verb} contacted (the imported export records the connection, not what it carried)` : 'received requests';
      return { outcome: 'fail', summary: `${plural(findings.length, 'ad network')} outside the Families self-certified list ${what} before the child did anything.`, findings };
    }
    // An unreadable request may be an ad request to a network we would not recognise by its host,
    // and an SDK whose connection was refused never goes on to the networks it would have called.
    const unreadable = unreadableTraffic(thirdParty);
    if (unreadable) {
      const seen = adTraffic.length === 0 ? 'No ad request was seen at launch' : `Every ad network seen at launch (${groupByRecipient(adTraffic).map((group) => group.recipient).join(', ')}) has an SDK on the Families self-certified list`;
      return inconclusiveUnreadable(seen, unreadable);
    }
    if (adTraffic.length === 0) return { outcome: 'pass', summary: 'No ad network was contacted at launch.', findings: [] };
    const networks = groupByRecipient(adTraffic).map((group) => group.recipient);
    return {
      outcome: 'pass',
      summary: `Every ad network contacted at launch (${networks.join(', ')}) has an SDK on the Families self-certified list.`,
      findings: [{ message: 'Network traffic cannot show the SDK version; check that the game uses at least the self-certified version of each SDK.', evidence: entryRefs(adTraffic.slice(0, 20)), severity: 'info' }],
    };
  },
});
