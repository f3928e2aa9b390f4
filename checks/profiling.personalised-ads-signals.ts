// Standard 12: ad requests made by default tell the ad network not to personalise ads (or that
// the user is a child), so no behavioural profile is used to pick the ads a child sees.
import { defaultPhaseEntries, defineCheck, entryRefs, type Finding, groupByRecipient, missingNetworkEvidence, plural } from '../src/check-kit/index.ts';
import type { AdSignals, AnalysedEntry } from '../src/analysis/types.ts';

type WithSignals = AnalysedEntry & { adSignals: AdSignals };

function asksForProfiling(signals: AdSignals): boolean {
  // Personalisation allowed, or the request says "not a child" without switching personalisation off.
  return signals.personalisedAds === true || (signals.childDirected === false && signals.personalisedAds !== false);
}

function paramList(entries: readonly WithSignals[]): string {
  const shown = new Set<string>();
  for (const entry of entries) for (const [name, value] of Object.entries(entry.adSignals.params)) if (shown.size < 8) shown.add(`${name}=${value.length > 40 ? `${value.slice(0, 37)}…` : value}`);
  return [...shown].join(', ');
}

export default defineCheck({
  id: 'profiling.personalised-ads-signals',
  standard: 12,
  title: 'Default ad requests ask for non-personalised, child-directed ads',
  failureTitle: 'Default ad requests allow personalised ads',
  requires: ['network'],
  rationale:
    "Standard 12 of the Children's code (Profiling) asks for profiling to be off by default, and behavioural " +
    'advertising is profiling. Ad requests carry the app’s answer: Google’s tfcd / tfua / tfat and npa parameters, ' +
    'OpenRTB’s regs.coppa, the IAB TCF consent string, and the privacy fields of Unity, AppLovin and ironSource. We ' +
    'read them in every ad request made at launch. A request that allows personalisation, or that tells the network ' +
    'the user is not a child without switching personalisation off, shows profiling is on by default.',
  evaluate({ evidence, network }) {
    const missing = missingNetworkEvidence(evidence, network);
    if (missing) return missing;
    const defaults = defaultPhaseEntries(network).filter((entry) => entry.party === 'third');
    const withSignals = defaults.filter((entry): entry is WithSignals => entry.adSignals !== undefined);
    const profiling = withSignals.filter((entry) => asksForProfiling(entry.adSignals));
    const silent = withSignals.filter((entry) => !profiling.includes(entry) && entry.adSignals.personalisedAds === 'unknown' && entry.adSignals.childDirected === 'unknown');
    // Ad traffic whose parameters we could not read at all (no known signal in it).
    const unreadAds = defaults.filter((entry) => entry.adSignals === undefined && entry.tracker?.category === 'advertising' && entry.method !== 'OPTIONS');

    const findings: Finding[] = [];
    for (const group of groupByRecipient(profiling)) {
      const entries = group.entries as WithSignals[];
      findings.push({
        message: `${plural(entries.length, 'ad request')} to ${group.recipient} (${group.hosts.join(', ')}) at launch allowed personalised ads: ${paramList(entries)}.`,
        evidence: entryRefs(entries),
        severity: 'fail',
        data: {
          organization: group.recipient,
          hosts: group.hosts.join(', '),
          childDirected: String(entries[0]!.adSignals.childDirected),
          personalisedAds: String(entries[0]!.adSignals.personalisedAds),
          requests: entries.length,
        },
      });
    }
    for (const group of groupByRecipient(silent)) {
      findings.push({
        message: `${plural(group.entries.length, 'ad request')} to ${group.recipient} (${group.hosts.join(', ')}) at launch said neither that the user may be a child nor that ads must not be personalised.`,
        evidence: entryRefs(group.entries),
        severity: 'warn',
        data: { organization: group.recipient, hosts: group.hosts.join(', '), requests: group.entries.length },
      });
    }
    for (const group of groupByRecipient(unreadAds)) {
      findings.push({
        message: `${plural(group.entries.length, 'request')} to the ad network ${group.recipient} (${group.hosts.join(', ')}) at launch carried no child-directed or personalisation signal we could read.`,
        evidence: entryRefs(group.entries),
        severity: 'warn',
        data: { organization: group.recipient, hosts: group.hosts.join(', '), requests: group.entries.length },
      });
    }
    if (profiling.length > 0) {
      return { outcome: 'fail', summary: `${plural(profiling.length, 'ad request')} made before the child did anything allowed personalised ads.`, findings };
    }
    if (silent.length > 0 || unreadAds.length > 0) {
      return { outcome: 'warn', summary: 'Ad requests were made at launch without a clear child-directed or non-personalised signal.', findings };
    }
    if (withSignals.length === 0) {
      return { outcome: 'pass', summary: 'No ad requests were made at launch.', findings: [] };
    }
    return {
      outcome: 'pass',
      summary: `All ${plural(withSignals.length, 'ad request')} made at launch asked for child-directed or non-personalised ads.`,
      findings: [],
    };
  },
});
