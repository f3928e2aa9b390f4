// Standard 9: by default, the game does not disclose the child's identifiers or precise location
// to third parties.
import { carriedRequest, contentsNotRecorded, defaultPhaseEntries, defineCheck, describeHit, entryRefs, type Finding, groupByRecipient, inconclusiveUnreadable, missingNetworkEvidence, plural, unreadableTraffic } from '../src/check-kit/index.ts';
import type { AnalysedEntry, AnalysisContext, IdentifierHit } from '../src/analysis/types.ts';

/** A tracker reading back the cookie it set itself is its own identifier, not a disclosure by the game. */
function disclosedHits(entry: AnalysedEntry, context: AnalysisContext): IdentifierHit[] {
  return entry.identifiers.filter((hit) => {
    const setBy = context.identifierDetails?.[hit.kind]?.setBy;
    return !(hit.kind.startsWith('cookie:') && setBy === entry.registrableDomain);
  });
}

export default defineCheck({
  id: 'data-sharing.third-party-recipients',
  standard: 9,
  title: "The child's data is not disclosed to third parties by default",
  failureTitle: "The child's data is disclosed to third parties by default",
  requires: ['network', 'identifiers'],
  rationale:
    "Standard 9 of the Children's code (Data sharing) says not to disclose children's data without a compelling " +
    'reason in the child’s best interests. We list every third party (a registrable domain that is not the game’s ' +
    'own) that the game sends something to at launch, and search those requests for the known identifiers of the test ' +
    'device and persona, in every common encoding, and for the mock location. Any of them reaching a third party before ' +
    'the child has done anything is a disclosure by default. When nothing is found but some request could not be read (a refused certificate, an encrypted SDK payload, a body cut short), the check is inconclusive, never a pass.',
  evaluate({ evidence, network, analysisContext: context }) {
    const missing = missingNetworkEvidence(evidence, network) ?? contentsNotRecorded(network);
    if (missing) return missing;
    const thirdParty = defaultPhaseEntries(network).filter((entry) => entry.party === 'third');
    const disclosing = thirdParty.filter((entry) => carriedRequest(entry) && (disclosedHits(entry, context).length > 0 || entry.location !== undefined));

    const findings: Finding[] = [];
    for (const group of groupByRecipient(disclosing)) {
      const hits = group.entries.flatMap((entry) => disclosedHits(entry, context));
      const kinds = [...new Set(hits.map((hit) => hit.kind))].sort();
      const parts = [...new Set(hits.map(describeHit))].slice(0, 5);
      const located = group.entries.find((entry) => entry.location);
      if (located?.location) parts.push(`precise location (${located.location.precisionDecimals} decimals, about ${located.location.metres} m)`);
      findings.push({
        message: `${group.recipient} (${group.hosts.join(', ')}) received at launch: ${parts.join('; ')}.`,
        evidence: entryRefs(group.entries),
        severity: 'fail',
        data: {
          organization: group.recipient,
          category: group.entries[0]!.tracker?.category ?? 'unknown',
          hosts: group.hosts.join(', '),
          identifierKinds: kinds.join(', '),
          encodings: [...new Set(hits.map((hit) => hit.encoding))].sort().join(', '),
          preciseLocation: Boolean(located),
          requests: group.entries.length,
        },
      });
    }
    const recipients = groupByRecipient(thirdParty).map((group) => group.recipient);
    if (disclosing.length > 0) {
      return { outcome: 'fail', summary: `${plural(findings.filter((finding) => finding.severity === 'fail').length, 'third party', 'third parties')} received the child's identifiers or location before the child did anything.`, findings };
    }
    if (Object.keys(context.identifiers).length === 0 && !context.mockLocation) {
      return {
        outcome: 'inconclusive',
        summary: 'No identifiers or mock location were known, so nothing could be looked for in the traffic; add an identifiers file to the plan.',
        findings: [{ message: `${plural(recipients.length, 'third party', 'third parties')} were contacted at launch: ${recipients.join(', ') || 'none'}.`, evidence: entryRefs(thirdParty.slice(0, 50)), severity: 'info' }],
      };
    }
    // Refused, cut, encrypted or undecodable requests to third parties may carry what we look for.
    const unreadable = unreadableTraffic(thirdParty);
    if (unreadable) {
      return inconclusiveUnreadable('None of the known identifiers or the location was found in the readable requests to third parties at launch', unreadable, [
        { message: `Third parties contacted at launch: ${recipients.join(', ')}.`, evidence: entryRefs(thirdParty.slice(0, 50)), severity: 'info' },
      ]);
    }
    return {
      outcome: 'pass',
      summary:
        recipients.length === 0
          ? 'Nothing was sent to any third party at launch.'
          : `None of the known identifiers or the location was found in the ${plural(thirdParty.length, 'request')} to ${plural(recipients.length, 'third party', 'third parties')} at launch.`,
      findings: recipients.length === 0 ? [] : [{ message: `Third parties contacted at launch: ${recipients.join(', ')}.`, evidence: entryRefs(thirdParty.slice(0, 50)), severity: 'info' }],
    };
  },
});
