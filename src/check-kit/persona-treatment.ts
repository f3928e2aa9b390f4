// What one persona's capture was sent and asked, reduced to what the persona comparison compares:
// the ad requests and what they told the ad network, which identifiers reached which companies,
// and the settings as found. One function for every persona's capture, so the comparison sets
// like against like; scoring builds it for the other personas' bundles, a check for its own.
import type { AnalysedEntry, NetworkAnalysis } from '../analysis/types.ts';
import type { Evidence, PersonaRecord } from '../evidence/schema.ts';

export interface PersonaAdRequest {
  index: number;
  organisation: string;
  childDirected: boolean | 'unknown';
  personalisedAds: boolean | 'unknown';
}

export interface PersonaTreatment {
  persona: PersonaRecord;
  /** The bundle's folder under its game, e.g. web-adult-25. */
  bundle: string;
  /**
   * Why this capture cannot be compared, said of the capture ("is incomplete: …", "does not verify against
   * its manifest …"); absent when it can.
   */
  problem?: string;
  ageAnswered: string | null;
  adRequests: PersonaAdRequest[];
  /** Requests to third parties whose content could not be read: what they carried is not known. */
  unreadableThirdPartyRequests: number;
  /** "<company>: <identifier kind>", each pair once, sorted. */
  identifiersToCompanies: string[];
  /** Companies that received any request, sorted. */
  companies: string[];
  settingsReadable: boolean;
  settings: { key: string; label: string; value: string; highPrivacy: string | null }[];
}

/** An ad request to another company, as the age check reads it: the game's own traffic never counts. */
function isThirdPartyAd(entry: AnalysedEntry): boolean {
  return entry.party === 'third' && (entry.tracker?.category === 'advertising' || entry.adSignals !== undefined);
}

function organisationOf(entry: AnalysedEntry): string {
  return entry.tracker?.organization ?? entry.registrableDomain;
}

/**
 * A persona bundle beside this one that could not be read (a capture that failed before writing
 * its evidence, or whose files are damaged): listed so that no check says the persona is absent.
 * `persona` is known when evidence.json was read and only the traffic was not.
 */
export interface UnreadablePersonaCapture {
  bundle: string;
  persona?: PersonaRecord;
  /** Said of the capture, like PersonaTreatment's problem: "could not be read: …". */
  problem: string;
  unreadable: true;
}

/** What scoring finds beside a persona's capture: each sibling persona bundle, read or not. */
export type PersonaCapture = PersonaTreatment | UnreadablePersonaCapture;

type TreatedEvidence = Pick<Evidence, 'settings' | 'expectations' | 'ageGate'>;

export function personaTreatmentOf(persona: PersonaRecord, bundle: string, evidence: Partial<TreatedEvidence>, network: NetworkAnalysis): PersonaTreatment {
  // Another app's or the OS's traffic, and what followed a consent the tool gave, is not the game's treatment of anyone.
  const entries = network.entries.filter((entry) => !entry.deviceTraffic && !entry.afterToolConsent);
  const thirdParty = entries.filter((entry) => entry.party === 'third');
  const pairs = new Set<string>();
  for (const entry of thirdParty) for (const hit of entry.identifiers) pairs.add(`${organisationOf(entry)}: ${hit.kind}`);
  const expectations = evidence.expectations ?? {};
  return {
    persona,
    bundle,
    ageAnswered: evidence.ageGate?.answerGiven ?? null,
    adRequests: entries.filter(isThirdPartyAd).map((entry) => ({
      index: entry.index,
      organisation: organisationOf(entry),
      childDirected: entry.adSignals?.childDirected ?? 'unknown',
      personalisedAds: entry.adSignals?.personalisedAds ?? 'unknown',
    })),
    unreadableThirdPartyRequests: thirdParty.filter((entry) => entry.readability.state !== 'readable').length,
    identifiersToCompanies: [...pairs].sort(),
    companies: [...new Set(thirdParty.filter((entry) => !entry.tlsFailure).map(organisationOf))].sort(),
    settingsReadable: evidence.settings?.readable === true && evidence.settings.controls.length > 0,
    settings: (evidence.settings?.controls ?? []).map((control) => {
      const key = control.name ?? control.label.trim().toLowerCase();
      const expected = control.name !== undefined ? expectations[control.name] : undefined;
      return { key, label: control.label, value: String(control.value), highPrivacy: expected === undefined ? null : String(expected) };
    }),
  };
}
