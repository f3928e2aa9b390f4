// Standard 12: ad requests made by default tell the ad network not to personalise ads (or that
// the user is a child), so no behavioural profile is used to pick the ads a child sees.
import { defaultPhaseEntries, defineCheck, entryRefs, type Finding, groupByRecipient, inconclusiveUnreadable, missingNetworkEvidence, plural, unreadableTraffic } from '../src/check-kit/index.ts';
import type { AdSignalConflict, AdSignals, AnalysedEntry } from '../src/analysis/types.ts';

type WithSignals = AnalysedEntry & { adSignals: AdSignals };

function asksForProfiling(signals: AdSignals): boolean {
  // Personalisation allowed, or the request says "not a child" without switching personalisation off.
  return signals.personalisedAds === true || (signals.childDirected === false && signals.personalisedAds !== false);
}

function shortValue(value: string): string {
  return value.length > 40 ? `${value.slice(0, 37)}…` : value;
}

/** "npa=0 allows personalised ads, but ltd=1 asks for limited ads: the request is contradictory." */
function conflictSentence(conflict: AdSignalConflict): string {
  const side = (says: 'protects' | 'exposes') =>
    conflict.values
      .filter((value) => value.says === says)
      .map((value) => `${value.name}=${shortValue(value.value)} ${value.means}`)
      .join(' and ');
  const usOnly = conflict.values.filter((value) => !value.decides).map((value) => value.name);
  const note = usOnly.length > 0 ? ` (${usOnly.join(' and ')} is a US signal and does not decide treatment in the UK)` : '';
  return `${side('exposes')}, but ${side('protects')}: the request is contradictory${note}.`;
}

/** Names the hidden-id finding already explains. */
const hiddenIdNames = new Set(['adid_p', 'rdidl']);

function unconfirmedOf(entry: WithSignals): { name: string; why: string }[] {
  return (entry.adSignals.unconfirmed ?? []).filter((item) => !hiddenIdNames.has(item.name.toLowerCase()));
}

function unconfirmedSentence(items: readonly { name: string; why: string }[]): string {
  const byWhy = new Map<string, string[]>();
  for (const item of items) byWhy.set(item.why, [...new Set([...(byWhy.get(item.why) ?? []), item.name])]);
  return [...byWhy]
    .map(([why, names]) => `the parameter name${names.length > 1 ? 's' : ''} ${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} not confirmed by a public source ${why}`)
    .join('; ');
}

function paramList(entries: readonly WithSignals[]): string {
  const shown = new Set<string>();
  for (const entry of entries) for (const [name, value] of Object.entries(entry.adSignals.params)) if (shown.size < 8) shown.add(`${name}=${shortValue(value)}`);
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
    'the user is not a child without switching personalisation off, shows profiling is on by default. Signals that ' +
    'disagree (npa=0 with ltd=1) are reported as contradictory, not resolved towards privacy; a US CCPA string does ' +
    'not decide UK treatment; and a parameter name no public source confirms (Google’s names inside in-app ' +
    '/mads/gma requests, SDK privacy fields) is said to be unconfirmed. When nothing is found but some request could ' +
    'not be read (a refused certificate, an encrypted SDK payload, a body cut short), the check is inconclusive, never a pass.',
  evaluate({ evidence, network }) {
    const missing = missingNetworkEvidence(evidence, network);
    if (missing) return missing;
    const defaults = defaultPhaseEntries(network).filter((entry) => entry.party === 'third');
    const withSignals = defaults.filter((entry): entry is WithSignals => entry.adSignals !== undefined);
    const profiling = withSignals.filter((entry) => asksForProfiling(entry.adSignals));
    const conflicting = withSignals.filter((entry) => (entry.adSignals.conflicts ?? []).length > 0);
    const silent = withSignals.filter((entry) => !profiling.includes(entry) && !conflicting.includes(entry) && entry.adSignals.personalisedAds === 'unknown' && entry.adSignals.childDirected === 'unknown');
    const hiddenIds = withSignals.filter((entry) => entry.adSignals.advertisingIdSentHidden !== undefined);
    const unconfirmed = withSignals.filter((entry) => unconfirmedOf(entry).length > 0);
    // Ad traffic whose parameters we could not read at all (no known signal in it).
    const unreadAds = defaults.filter((entry) => entry.adSignals === undefined && entry.readability.state === 'readable' && entry.tracker?.category === 'advertising' && entry.method !== 'OPTIONS');
    // Requests whose content could not be read may carry any signal: nothing found there is not nothing sent.
    const unreadable = unreadableTraffic(defaults);

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
    for (const group of groupByRecipient(conflicting)) {
      const entries = group.entries as WithSignals[];
      const sentences = [...new Set(entries.flatMap((entry) => (entry.adSignals.conflicts ?? []).map(conflictSentence)))];
      findings.push({
        message: `${plural(entries.length, 'ad request')} to ${group.recipient} (${group.hosts.join(', ')}) at launch sent signals that disagree: ${sentences.slice(0, 3).join(' ')}`,
        evidence: entryRefs(entries),
        severity: 'warn',
        data: { organization: group.recipient, hosts: group.hosts.join(', '), conflict: sentences[0] ?? '', requests: entries.length },
      });
    }
    for (const group of groupByRecipient(hiddenIds)) {
      const entries = group.entries as WithSignals[];
      const hidden = entries[0]!.adSignals.advertisingIdSentHidden!;
      const params = entries[0]!.adSignals.params;
      const shown = [`${hidden.flag}=${params[hidden.flag] ?? '1'}`, ...(params.rdidl !== undefined ? [`rdidl=${params.rdidl}`] : [])].join(', ');
      const what = hidden.length !== undefined ? `an advertising id of ${hidden.length} characters` : 'an advertising id';
      findings.push({
        message:
          `${plural(entries.length, 'ad request')} to ${group.recipient} (${group.hosts.join(', ')}) at launch said ${what} was sent (${shown}); its value is not visible. ` +
          'These parameter names are not confirmed by a public source: their meaning is inferred from real requests.',
        evidence: entryRefs(entries),
        severity: 'warn',
        data: { organization: group.recipient, hosts: group.hosts.join(', '), advertisingIdLength: hidden.length ?? null, requests: entries.length },
      });
    }
    for (const group of groupByRecipient(unconfirmed)) {
      const entries = group.entries as WithSignals[];
      const items = entries.flatMap(unconfirmedOf);
      // Where the request fails anyway the note is context; where it would pass, the pass rests on it.
      const decisive = entries.some((entry) => !profiling.includes(entry));
      findings.push({
        message: `${plural(entries.length, 'ad request')} to ${group.recipient} (${group.hosts.join(', ')}) at launch: ${unconfirmedSentence(items)}, so what ${items.length > 1 ? 'they ask' : 'it asks'} for is not certain.`,
        evidence: entryRefs(entries),
        severity: decisive ? 'warn' : 'info',
        data: { organization: group.recipient, hosts: group.hosts.join(', '), names: [...new Set(items.map((item) => item.name))].join(', '), requests: entries.length },
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
    if (silent.length > 0 || unreadAds.length > 0 || findings.some((finding) => finding.severity === 'warn')) {
      return { outcome: 'warn', summary: 'Ad requests were made at launch without a clear, consistent and confirmed child-directed or non-personalised signal.', findings };
    }
    if (unreadable) {
      const seen = withSignals.length === 0 ? 'No readable ad request was made at launch' : `${withSignals.length === 1 ? 'The one readable ad request' : `All ${withSignals.length} readable ad requests`} made at launch asked for child-directed or non-personalised ads`;
      return inconclusiveUnreadable(seen, unreadable, findings);
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
