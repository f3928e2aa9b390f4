// A bundle's traffic analysed as network.har is read, entry by entry (bundle-reader.ts
// forEachHarEntry → analysis/analyse-network.ts createNetworkAnalyser), the path
// bench/analysis.ts measures: scoring a 100,000-request capture never holds its HAR whole.
import { analysisContextFromEvidence, createNetworkAnalyser } from '../analysis/index.ts';
import type { NetworkAnalysis } from '../analysis/types.ts';
import { forEachHarEntry } from '../evidence/bundle-reader.ts';
import type { Evidence } from '../evidence/schema.ts';

/**
 * The analysis, or the message of the analysis' own failure (a bug in it must not sink the
 * checks that do not need the network: the caller reports it). A HAR that cannot be read is the
 * user's problem, not the analysis': its InputFileError is thrown, naming file, entry and field.
 * After an analysis failure the rest of the file is still read, so a damaged HAR is still named.
 */
export function analyseBundleNetwork(directory: string, evidence: Evidence): { analysis: NetworkAnalysis; error?: string } {
  const failed = (error: unknown) => ({ analysis: { entries: [], organisations: [] }, error: (error as Error).message });
  let analyser;
  try {
    analyser = createNetworkAnalyser(analysisContextFromEvidence(evidence));
  } catch (error) {
    forEachHarEntry(directory, () => undefined);
    return failed(error);
  }
  let analysisError: unknown;
  let broken = false;
  forEachHarEntry(directory, (entry) => {
    if (broken) return;
    try {
      analyser.add(entry);
    } catch (error) {
      broken = true;
      analysisError = error;
    }
  });
  if (broken) return failed(analysisError);
  try {
    return { analysis: analyser.finish() };
  } catch (error) {
    return failed(error);
  }
}
