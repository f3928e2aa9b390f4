// A copy of the HAR with the analysis written onto each entry (_party, _tracker, _identifiers,
// _location, _adSignals), for exports. The bundle's network.har itself stays exactly as captured.
import type { Har } from '../evidence/har.ts';
import type { NetworkAnalysis } from './types.ts';

export function annotateHar(har: Har, analysis: NetworkAnalysis): Har {
  return {
    ...har,
    log: {
      ...har.log,
      entries: har.log.entries.map((entry, index) => {
        const analysed = analysis.entries[index];
        if (!analysed) return { ...entry };
        return {
          ...entry,
          _party: analysed.party,
          ...(analysed.tracker
            ? {
                _tracker: {
                  organization: analysed.tracker.organization,
                  category: analysed.tracker.category,
                  familiesCertified: analysed.tracker.familiesCertified,
                  source: analysed.tracker.source,
                },
              }
            : {}),
          _identifiers: analysed.identifiers.map((hit) => ({ kind: hit.kind, encoding: hit.encoding, where: hit.where, ...(hit.field ? { field: hit.field } : {}) })),
          ...(analysed.location ? { _location: { precisionDecimals: analysed.location.precisionDecimals, metres: analysed.location.metres } } : {}),
          ...(analysed.adSignals ? { _adSignals: analysed.adSignals } : {}),
        };
      }),
    },
  };
}
