// Counting requests for location the way a reader counts them: one getCurrentPosition call is one
// request. Android has no call to observe; the capture reads app-ops, which records one request
// as a FINE_LOCATION and a COARSE_LOCATION line at the same second, so records that close together
// are one request.
import type { Evidence } from '../evidence/schema.ts';

type LocationCall = Evidence['geolocation']['calls'][number];

/** App-ops times are read to the second; two records within this of each other are one request. */
const sameRequestMs = 1000;

/** The calls grouped into requests, in time order; each group's first call stands for it. */
export function locationRequests(calls: readonly LocationCall[]): LocationCall[][] {
  const sorted = [...calls].sort((a, b) => a.at.localeCompare(b.at) || a.eventId.localeCompare(b.eventId));
  const groups: LocationCall[][] = [];
  for (const call of sorted) {
    const last = groups.at(-1);
    const previous = last?.at(-1);
    const sameDeviceRecord = previous !== undefined && call.api === 'android-location-request' && previous.api === call.api && previous.phase === call.phase && Date.parse(call.at) - Date.parse(previous.at) < sameRequestMs;
    if (sameDeviceRecord) last!.push(call);
    else groups.push([call]);
  }
  return groups;
}
