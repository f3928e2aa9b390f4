// The computed inputs (Lighthouse's computed artifacts): built once per bundle from the evidence and
// the bundled data, before any check runs, so that no check rebuilds them or reads a file.
import { analysisContextFromEvidence } from '../analysis/analysis-context.ts';
import { bundledCatalogue, type TrackerCatalogue } from '../analysis/tracker-catalogue.ts';
import type { AnalysisContext, NetworkAnalysis } from '../analysis/types.ts';
import type { AdCatalogueFacts, CheckInputs } from '../check-kit/inputs.ts';
import type { PersonaCapture } from '../check-kit/persona-treatment.ts';
import type { Evidence, TimelineEvent } from '../evidence/schema.ts';

/** The Families facts of a catalogue: which companies have a self-certified ads SDK. */
export function adCatalogueFacts(catalogue: TrackerCatalogue): AdCatalogueFacts {
  const companies = catalogue.entries.filter((entry) => entry.familiesCertified === true).map((entry) => entry.company.toLowerCase());
  return { familiesCertifiedCompanies: [...new Set(companies)].sort() };
}

let bundledFacts: AdCatalogueFacts | undefined;
// One context per evidence object: scoring builds the inputs once per check, the context once per bundle.
const contexts = new WeakMap<Evidence, AnalysisContext>();

function contextOf(evidence: Evidence): AnalysisContext {
  let context = contexts.get(evidence);
  if (!context) {
    context = analysisContextFromEvidence(evidence);
    contexts.set(evidence, context);
  }
  return context;
}

/** Everything any check can be given, for one bundle; run-checks.ts then hands each check its part. */
export function buildCheckInputs(evidence: Evidence, network: NetworkAnalysis, events: readonly TimelineEvent[], personaCaptures: readonly PersonaCapture[] = []): CheckInputs {
  bundledFacts ??= adCatalogueFacts(bundledCatalogue());
  return { evidence, network, events, analysisContext: contextOf(evidence), adCatalogue: bundledFacts, personaCaptures };
}
