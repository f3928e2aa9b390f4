// Scoring calls this when it writes result.json, so that reports can show the timeline,
// settings, permissions and consent dialog without ever opening evidence.json themselves.
import type { Evidence, TimelineEvent } from '../evidence/schema.ts';
import type { CheckResult, Observations } from './result-schema.ts';

/** Enough timeline for a reader to follow a capture; findings' own events are always kept. */
const maxTimelineEvents = 400;

export function observationsFromEvidence(evidence: Evidence, events: readonly TimelineEvent[], checks: readonly CheckResult[]): Observations {
  const referenced = new Set<string>();
  for (const check of checks)
    for (const finding of check.findings) for (const ref of finding.evidence) if (ref.kind === 'event') referenced.add(ref.id);
  let budget = maxTimelineEvents;
  const kept = events.filter((event) => {
    if (referenced.has(event.id)) return true;
    // Requests are in the network table already; the timeline is for everything else.
    if (event.type === 'request' || budget <= 0) return false;
    budget -= 1;
    return true;
  });
  return {
    phases: evidence.phases,
    screenshots: evidence.screenshots,
    ...(evidence.mockLocation ? { mockLocation: evidence.mockLocation } : {}),
    geolocation: evidence.geolocation,
    permissions: evidence.permissions,
    permissionPrompts: evidence.permissionPrompts,
    consentDialogs: evidence.consentDialogs,
    settings: evidence.settings,
    ...(evidence.ageGate ? { ageGate: evidence.ageGate } : {}),
    ...(evidence.persona ? { persona: evidence.persona } : {}),
    expectations: evidence.expectations,
    notes: evidence.notes,
    ...(evidence.assisted ? { assisted: evidence.assisted } : {}),
    // What the package contains, for the report's "What the package contains" section.
    ...(evidence.packageInspection ? { packageInspection: evidence.packageInspection } : {}),
    events: kept,
  };
}
