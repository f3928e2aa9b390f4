// A device-wide proxy sees every app and the OS, not just the game (review C5). The Android
// capture records a baseline window with the game not running (HAR entries `_baseline: true`).
// The rule: every baseline entry is device traffic, and so is any later request to a host seen
// in the baseline, unless that request names the game's package (User-Agent, X-Requested-With,
// URL or body) — an SDK inside the game that shares a host with Google Play services (Firebase
// logging, for one) says which app it reports for. Device traffic stays in the HAR and the
// report but is not charged to the game. Hosts the baseline never saw are charged to the game:
// this removes only what the idle device was seen to send, not traffic another app sends later.

export interface TrafficSample {
  host: string;
  /** Sent during the baseline window, before the game was started. */
  baseline: boolean;
  /** URL, User-Agent, X-Requested-With and body text: where a request names its app. */
  text: string;
}

/** For each sample, in order: true when it is device traffic rather than the game's. */
export function markDeviceTraffic(samples: readonly TrafficSample[], gamePackage: string | undefined): boolean[] {
  const baselineHosts = new Set(samples.filter((sample) => sample.baseline).map((sample) => sample.host.toLowerCase()));
  return samples.map((sample) => {
    if (sample.baseline) return true;
    if (!baselineHosts.has(sample.host.toLowerCase())) return false;
    return !(gamePackage !== undefined && sample.text.includes(gamePackage));
  });
}
