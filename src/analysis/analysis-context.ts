// What the analysis looks for, built from the evidence bundle alone so that saved evidence can be
// re-analysed later without the plan or the device.
import type { Evidence } from '../evidence/schema.ts';
import type { Phase } from '../plan/schema.ts';
import { isFirstParty, registrableDomain } from './registrable-domain.ts';
import type { AnalysisContext, IdentifierDetail } from './types.ts';

/** Kinds that survive an advertising-id reset or a reinstall: hardware and OS identifiers. */
export const persistentDeviceIdKinds = new Set(['androidId', 'imei', 'serial', 'macAddress']);
/** Kinds that are the resettable advertising id (AAID on Android, IDFA on iOS). */
export const advertisingIdKinds = new Set(['advertisingId', 'aaid', 'gaid', 'idfa', 'adid']);

/** A cookie that outlives this many days behaves like a device identifier for the tracker that set it. */
const persistentCookieDays = 30;

export function isAdvertisingIdKind(kind: string): boolean {
  return advertisingIdKinds.has(kind.split('#')[0]!);
}

/** "Default" traffic (design.md): the launch phase. A request with no phase (an imported HAR the
 * operator gave no --phase for) is not known to be default, so it never counts as launch. */
export function isDefaultPhase(phase: Phase | null): boolean {
  return phase === 'launch';
}

/** Values already listed, so each new one is checked in constant time (a list made it quadratic). */
const knownValues = new WeakMap<Record<string, string>, Set<string>>();

function addIdentifier(identifiers: Record<string, string>, details: Record<string, IdentifierDetail>, kind: string, value: string, detail: IdentifierDetail): void {
  if (!value) return;
  let values = knownValues.get(identifiers);
  if (!values) knownValues.set(identifiers, (values = new Set(Object.values(identifiers))));
  if (values.has(value)) return;
  values.add(value);
  let name = kind;
  for (let suffix = 2; identifiers[name] !== undefined; suffix++) name = `${kind}#${suffix}`;
  identifiers[name] = value;
  details[name] = detail;
}

export function analysisContextFromEvidence(evidence: Evidence): AnalysisContext {
  const identifiers: Record<string, string> = {};
  const identifierDetails: Record<string, IdentifierDetail> = {};
  for (const [kind, value] of Object.entries(evidence.knownIdentifiers).sort(([a], [b]) => a.localeCompare(b))) {
    addIdentifier(identifiers, identifierDetails, kind, value, { persistent: persistentDeviceIdKinds.has(kind), source: 'identifiers file' });
  }
  for (const learned of evidence.learnedIdentifiers) {
    addIdentifier(identifiers, identifierDetails, learned.kind, learned.value, { persistent: persistentDeviceIdKinds.has(learned.kind), source: learned.source });
  }
  if (evidence.android?.androidId) {
    addIdentifier(identifiers, identifierDetails, 'androidId', evidence.android.androidId, { persistent: true, source: 'adb settings get secure android_id' });
  }
  for (const snapshot of evidence.storage) {
    const takenAt = Date.parse(snapshot.at) / 1000;
    for (const cookie of snapshot.cookies) {
      const host = cookie.domain.replace(/^\./, '').toLowerCase();
      if (isFirstParty(host, evidence.firstPartyDomains)) continue;
      // Short flags ("1", "true") and consent strings are not identifiers of a person.
      if (cookie.value.length < 8) continue;
      const lifetimeDays = cookie.expires < 0 ? 0 : (cookie.expires - takenAt) / 86400;
      const detail: IdentifierDetail = {
        persistent: lifetimeDays >= persistentCookieDays,
        setBy: registrableDomain(host),
        source: `third-party cookie set by ${host} (${snapshot.phase} phase)`,
      };
      // The capture may already have learned this cookie: the storage snapshot adds what it knows (lifetime, setter).
      const known = Object.entries(identifiers).find(([, value]) => value === cookie.value)?.[0];
      if (known) identifierDetails[known] = { ...detail, persistent: detail.persistent || (identifierDetails[known]?.persistent ?? false), source: identifierDetails[known]?.source ?? detail.source };
      else addIdentifier(identifiers, identifierDetails, `cookie:${cookie.name}`, cookie.value, detail);
    }
  }
  return {
    firstPartyDomains: [...evidence.firstPartyDomains],
    identifiers,
    identifierDetails,
    ...(evidence.android ? { appPackage: evidence.android.package } : {}),
    ...(evidence.android?.baselineWindow ? { baselineWindow: { ...evidence.android.baselineWindow } } : {}),
    ...(evidence.mockLocation ? { mockLocation: { latitude: evidence.mockLocation.latitude, longitude: evidence.mockLocation.longitude } } : {}),
  };
}
