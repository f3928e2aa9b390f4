// Standard 7: nothing is sent to advertising, attribution or analytics companies before the
// child has made any privacy choice.
import type { AnalysedEntry, TrackerCategory } from '../src/analysis/types.ts';
import { defineCheck, type Finding } from '../src/scoring/check-contract.ts';
import { phaseCompleted, phaseScreenshotRefs, plural } from '../src/scoring/evidence-refs.ts';

/** The tracker categories that use a child's data beyond running the game. Crash reporting and
 * consent tools are left out: they serve the game or the choice itself. */
const trackingCategories: readonly TrackerCategory[] = ['advertising', 'attribution', 'analytics'];

export default defineCheck({
  id: 'default-settings.tracking-before-choice',
  standard: 7,
  title: 'No tracking before the child makes a privacy choice',
  failureTitle: 'Tracking starts before the child makes any privacy choice',
  requires: ['network'],
  rationale:
    "Standard 7 of the Children's code (Default settings) means that, until a child changes a setting, their data is " +
    'not used for more than the game itself. We watch the game from a fresh start without touching it (the launch ' +
    'phase) and look for requests to third-party advertising, attribution or analytics companies. Any such request ' +
    'happened before the child could say yes or no, so it is the default behaviour.',
  evaluate({ evidence, network }) {
    if (!evidence.phases.some((phase) => phase.name === 'launch')) {
      return {
        outcome: 'inconclusive',
        summary: 'The launch phase was not recorded, so the default behaviour is unknown.',
        findings: [{ message: 'The capture has no launch phase; the game was not observed before any choice.', evidence: [], severity: 'info' }],
      };
    }
    const launchEntries = network.entries.filter((entry) => entry.phase === 'launch');
    const tracking = launchEntries.filter(
      (entry): entry is AnalysedEntry & { tracker: NonNullable<AnalysedEntry['tracker']> } =>
        entry.party === 'third' && entry.tracker !== undefined && trackingCategories.includes(entry.tracker.category),
    );

    const findings: Finding[] = [];
    const byOrganisation = new Map<string, typeof tracking>();
    for (const entry of tracking) {
      const list = byOrganisation.get(entry.tracker.organization) ?? [];
      list.push(entry);
      byOrganisation.set(entry.tracker.organization, list);
    }
    for (const [organization, entries] of [...byOrganisation].sort((a, b) => a[1][0]!.index - b[1][0]!.index)) {
      const hosts = [...new Set(entries.map((entry) => entry.host))].sort();
      const first = entries[0]!;
      findings.push({
        message: `${plural(entries.length, 'request')} went to ${organization} (${first.tracker.category}) at launch, before any privacy choice: ${hosts.join(', ')}.`,
        evidence: entries.map((entry) => ({ kind: 'har-entry', index: entry.index })),
        severity: 'fail',
        data: { organization, category: first.tracker.category, hosts: hosts.join(', '), requests: entries.length, firstUrl: first.url },
      });
    }

    // Third parties we could not attribute are shown for a person to look up, not scored.
    const unattributed = launchEntries.filter((entry) => entry.party === 'third' && entry.tracker === undefined);
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

    if (tracking.length > 0) {
      return {
        outcome: 'fail',
        summary: `${plural(byOrganisation.size, 'tracking company', 'tracking companies')} received ${plural(tracking.length, 'request')} before any privacy choice.`,
        findings,
      };
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
    return {
      outcome: 'pass',
      summary: `None of the ${plural(launchEntries.length, 'request')} at launch went to an advertising, attribution or analytics company.`,
      findings,
    };
  },
});
