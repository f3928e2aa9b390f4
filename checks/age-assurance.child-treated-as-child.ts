// Standard 3: the same game played as a child persona and as an adult persona (the plan's
// personas, each captured from a fresh state). Where the adult got less protection — ad requests
// that say "not a child" or ask for personalised ads, identifiers sent to companies, settings at
// a low-privacy default — the child must not get the same. A child treated like the adult is a
// finding, with both personas' evidence side by side.
import type { EvidenceRef, Finding, PersonaAdRequest, PersonaCapture, PersonaTreatment } from '../src/check-kit/index.ts';
import { defineCheck, personaTreatmentOf, plural } from '../src/check-kit/index.ts';

/** The Children's code covers under-18s: an adult persona is 18 or older. */
const adulthood = 18;

function adultTreatment(request: PersonaAdRequest): boolean {
  return request.childDirected === false || request.personalisedAds === true;
}

function unknownTreatment(request: PersonaAdRequest): boolean {
  return request.childDirected === 'unknown' && request.personalisedAds === 'unknown';
}

function label(treatment: PersonaTreatment): string {
  return `${treatment.persona.id} (aged ${treatment.persona.age})`;
}

function listed(values: readonly string[]): string {
  return values.length === 0 ? 'none' : values.join(', ');
}

/** Side-by-side values for the report's persona comparison (src/report/persona-view.ts). */
function sideBySide(measure: string, child: PersonaTreatment, childValue: string, adult: PersonaTreatment, adultValue: string, judged = true) {
  return { measure, child: child.persona.id, childValue, adult: adult.persona.id, adultValue, adultBundle: adult.bundle, judged };
}

function adRefs(requests: readonly PersonaAdRequest[]): EvidenceRef[] {
  return requests.slice(0, 20).map((request) => ({ kind: 'har-entry', index: request.index }));
}

interface Comparison {
  findings: Finding[];
  /** What could not be compared, one sentence each: a pass needs none. */
  unseen: string[];
  /** The child's ad requests got the adult's treatment (then the digital-consent warning would repeat it). */
  adsLikeAdult: boolean;
}

function compareAds(child: PersonaTreatment, adult: PersonaTreatment, comparison: Comparison): void {
  const childAdult = child.adRequests.filter(adultTreatment);
  const adultAdult = adult.adRequests.filter(adultTreatment);
  const measure = 'Ad requests treating the player as an adult (not child-directed, or personalised)';
  const values = sideBySide(measure, child, `${childAdult.length} of ${child.adRequests.length}`, adult, `${adultAdult.length} of ${adult.adRequests.length}`);
  if (childAdult.length > 0) {
    const organisations = [...new Set(childAdult.map((request) => request.organisation))].sort();
    comparison.findings.push({
      message: `Playing as ${label(child)}, ${plural(childAdult.length, 'ad request')} to ${listed(organisations)} said the player is not a child or asked for personalised ads, as ${adultAdult.length} of ${adult.adRequests.length} did for ${label(adult)}.`,
      evidence: adRefs(childAdult),
      severity: 'fail',
      data: values,
    });
    comparison.adsLikeAdult = true;
    return;
  }
  const unknown = child.adRequests.filter(unknownTreatment);
  if (unknown.length > 0) {
    comparison.unseen.push(`${plural(unknown.length, 'ad request')} of ${label(child)} stated neither an audience nor a personalisation choice, so what the ad network was told is not known.`);
  }
  if (child.unreadableThirdPartyRequests > 0) {
    comparison.unseen.push(`${plural(child.unreadableThirdPartyRequests, 'request')} of ${label(child)} to third parties could not be read, so ad requests among them were not seen.`);
  }
  if (child.adRequests.length === 0 && adult.adRequests.length === 0) {
    comparison.findings.push({ message: `Neither ${label(child)} nor ${label(adult)} was sent an ad request.`, evidence: [], severity: 'info', data: values });
    return;
  }
  comparison.findings.push({
    message: `No ad request of ${label(child)} treated the player as an adult${adultAdult.length > 0 ? `, where ${plural(adultAdult.length, 'ad request')} of ${label(adult)} did` : ''}.`,
    evidence: adRefs(child.adRequests),
    severity: 'info',
    data: values,
  });
}

function compareIdentifiers(child: PersonaTreatment, adult: PersonaTreatment, comparison: Comparison): void {
  const adultPairs = new Set(adult.identifiersToCompanies);
  const shared = child.identifiersToCompanies.filter((pair) => adultPairs.has(pair));
  const values = sideBySide('Identifiers reaching companies', child, listed(child.identifiersToCompanies), adult, listed(adult.identifiersToCompanies));
  if (shared.length > 0) {
    comparison.findings.push({
      message: `The same identifiers reached the same companies for ${label(child)} as for ${label(adult)}: ${shared.join('; ')}.`,
      evidence: [],
      severity: 'fail',
      data: values,
    });
  } else {
    comparison.findings.push({ message: `No identifier reached a company for ${label(child)} that also reached it for ${label(adult)}.`, evidence: [], severity: 'info', data: values });
  }
  comparison.findings.push({
    message: `Companies that received requests: ${listed(child.companies)} for ${label(child)}; ${listed(adult.companies)} for ${label(adult)}.`,
    evidence: [],
    severity: 'info',
    // Shown for the reader; which identifiers reached them is what is judged.
    data: sideBySide('Companies reached', child, listed(child.companies), adult, listed(adult.companies), false),
  });
}

function compareSettings(child: PersonaTreatment, adult: PersonaTreatment, comparison: Comparison): void {
  if (!child.settingsReadable || !adult.settingsReadable) {
    const which = [child, adult].filter((treatment) => !treatment.settingsReadable).map(label);
    comparison.unseen.push(`The settings of ${which.join(' and ')} were not read, so their defaults and features (chat, location, visibility) could not be compared.`);
    return;
  }
  const adultByKey = new Map(adult.settings.map((setting) => [setting.key, setting]));
  for (const setting of child.settings) {
    const adultSetting = adultByKey.get(setting.key);
    if (!adultSetting) continue;
    const values = sideBySide(`Setting: ${setting.label}`, child, setting.value, adult, adultSetting.value);
    const lowPrivacy = setting.highPrivacy !== null && setting.value !== setting.highPrivacy;
    if (lowPrivacy && setting.value === adultSetting.value) {
      comparison.findings.push({
        message: `"${setting.label}" started at ${setting.value} for ${label(child)}, the same as for ${label(adult)}; its high-privacy value is ${setting.highPrivacy}.`,
        evidence: [{ kind: 'setting', label: setting.label, ...(setting.key === setting.label.trim().toLowerCase() ? {} : { name: setting.key }) }],
        severity: 'fail',
        data: values,
      });
    } else {
      comparison.findings.push({ message: `"${setting.label}" started at ${setting.value} for ${label(child)} and ${adultSetting.value} for ${label(adult)}.`, evidence: [], severity: 'info', data: values });
    }
  }
}

export default defineCheck({
  id: 'age-assurance.child-treated-as-child',
  standard: 3,
  title: 'A child persona is treated as a child, not like the adult',
  failureTitle: 'A child persona is treated like the adult persona',
  requires: ['personas', 'network', 'settings'],
  rationale:
    "Standard 3 of the Children's code (Age appropriate application) asks a service to apply the code's protections to " +
    'children, or to everyone. The strongest test is to play the same game as a child and as an adult and compare what ' +
    'each is sent and asked: the ad signals (child-directed, non-personalised), the identifiers and companies reached, ' +
    'and the settings defaults and features. Where the adult gets less protection, a child who gets the same is being ' +
    'treated as an adult. Below the age of digital consent (13 in the UK unless set between 13 and 16), personalised ads ' +
    "need a parent's consent, so a younger child's ad requests should also be child-directed.",
  evaluate({ evidence, network, personaCaptures }) {
    const persona = evidence.persona;
    if (!persona) {
      return {
        outcome: 'not-applicable',
        summary: 'This capture was not made as one of several personas, so there is no other age to compare with.',
        findings: [{ message: "List personas in the plan (a child and an adult) to capture the game at each age and compare them.", evidence: [], severity: 'info' }],
      };
    }
    if (persona.age >= adulthood) {
      return {
        outcome: 'not-applicable',
        summary: `This capture played the adult persona ${persona.id} (aged ${persona.age}); each child persona's result compares itself with it.`,
        findings: [],
      };
    }
    // A broken adult capture is named, never taken for an absent one; a sound one is compared first.
    const brokenness = (capture: PersonaCapture): number => ('unreadable' in capture ? 2 : capture.problem ? 1 : 0);
    const isAdult = (capture: PersonaCapture): capture is PersonaCapture & Pick<PersonaTreatment, 'persona'> => capture.persona !== undefined && capture.persona.age >= adulthood;
    const adults = personaCaptures.filter(isAdult).sort((a, b) => brokenness(a) - brokenness(b) || a.persona.age - b.persona.age || a.bundle.localeCompare(b.bundle));
    const adult = adults[0];
    const recapture = (who: string) => [{ message: `Capture ${who} again (gameaudit run --resume <run folder>), then score this bundle again.`, evidence: [], severity: 'info' as const }];
    if (!adult) {
      const unread = personaCaptures.filter((capture) => capture.persona === undefined);
      if (unread.length > 0) {
        return {
          outcome: 'inconclusive',
          summary: `No adult persona's capture of this game could be read beside this one, so ${persona.id}'s treatment could not be compared with an adult's: ${unread.map((capture) => `${capture.bundle} ${capture.problem}`).join('; ')}.`,
          findings: recapture(unread.map((capture) => capture.bundle).join(' and ')),
        };
      }
      return {
        outcome: 'inconclusive',
        summary: `No adult persona's capture of this game was found beside this one, so ${persona.id}'s treatment could not be compared with an adult's.`,
        findings: [{ message: 'Add an adult persona (aged 18 or over) to the plan and capture the game again.', evidence: [], severity: 'info' }],
      };
    }
    if ('unreadable' in adult || adult.problem) {
      return {
        outcome: 'inconclusive',
        summary: `The adult persona's capture (${adult.bundle}) ${adult.problem}; ${persona.id}'s treatment could not be compared with an adult's.`,
        findings: recapture(adult.persona.id),
      };
    }
    const child = personaTreatmentOf(persona, '', evidence, network);
    const comparison: Comparison = { findings: [], unseen: [], adsLikeAdult: false };
    if (child.ageAnswered === null) {
      // The game could not tell this child from the adult: whatever follows, it had no age to go on.
      comparison.findings.push({ message: `No age question was seen in the capture of ${label(child)}, so the game was never told the player's age.`, evidence: [], severity: 'info' });
    } else {
      comparison.findings.push({ message: `The capture of ${label(child)} answered the game's age question with ${JSON.stringify(child.ageAnswered)}; ${label(adult)}'s with ${JSON.stringify(adult.ageAnswered ?? 'no answer')}.`, evidence: [], severity: 'info', data: sideBySide('Age given to the game', child, child.ageAnswered, adult, adult.ageAnswered ?? 'no age question seen', false) });
    }
    compareAds(child, adult, comparison);
    compareIdentifiers(child, adult, comparison);
    compareSettings(child, adult, comparison);
    const underConsentAge = persona.age < persona.digitalConsentAge;
    if (underConsentAge) {
      const notChildDirected = child.adRequests.filter((request) => request.childDirected !== true);
      if (notChildDirected.length > 0 && !comparison.adsLikeAdult) {
        comparison.findings.push({
          message: `${label(child)} is under the age of digital consent (${persona.digitalConsentAge}), yet ${plural(notChildDirected.length, 'ad request')} did not say the player is a child.`,
          evidence: adRefs(notChildDirected),
          severity: 'warn',
        });
      }
    }
    const failing = comparison.findings.filter((finding) => finding.severity === 'fail');
    const unseen = comparison.unseen.map((message) => ({ message, evidence: [], severity: 'info' as const }));
    if (failing.length > 0) {
      return {
        outcome: 'fail',
        summary: `Playing as ${label(child)}, the game treated the player like ${label(adult)} in ${plural(failing.length, 'way')}.`,
        findings: [...comparison.findings, ...unseen],
      };
    }
    if (comparison.unseen.length > 0) {
      return {
        outcome: 'inconclusive',
        summary: `Nothing seen treated ${label(child)} like ${label(adult)}, but part of the comparison could not be made.`,
        findings: [...comparison.findings, ...unseen],
      };
    }
    if (comparison.findings.some((finding) => finding.severity === 'warn')) {
      return { outcome: 'warn', summary: `${label(child)} was not treated like ${label(adult)}, but some ad requests did not say the player is a child.`, findings: comparison.findings };
    }
    return { outcome: 'pass', summary: `Where ${label(adult)} got less protection, ${label(child)} did not.`, findings: comparison.findings };
  },
});
