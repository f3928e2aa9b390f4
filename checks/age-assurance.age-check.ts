// Standard 3: whether the game asks the player's age before play, and whether a child's answer
// changes what it collects. Mostly a matter for a person: this check reports what was seen and
// only fails when the traffic plainly ignores the answer.
import type { AnalysedEntry } from '../src/analysis/types.ts';
import type { Evidence } from '../src/evidence/schema.ts';
import { allOf, capitalised, codeInventoryComplete, defineCheck, embeddedAgeSignalApis, type CheckOutput, type EvidenceRef, type Finding, notCollectedReason, plural } from '../src/check-kit/index.ts';
import type { PackageInspection } from '../src/inspect/package-inspection-schema.ts';

/** The Children's code covers under-18s. */
const adulthood = 18;
const trackingCategories = new Set(['advertising', 'attribution', 'analytics']);

/** The age the answer stands for, on the day of the capture (never today's date: checks are pure). */
export function ageFromAnswer(answer: string | undefined, kind: string | undefined, captureStartedAt: string): number | undefined {
  if (!answer) return undefined;
  const capture = new Date(captureStartedAt);
  const text = answer.trim();
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) ?? /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text);
  if (date) {
    // ISO dates are year-month-day; the UK writes day/month/year.
    const [year, month, day] = text.includes('-') ? [Number(date[1]), Number(date[2]), Number(date[3])] : [Number(date[3]), Number(date[2]), Number(date[1])];
    let age = capture.getUTCFullYear() - year;
    if (capture.getUTCMonth() + 1 < month || (capture.getUTCMonth() + 1 === month && capture.getUTCDate() < day)) age -= 1;
    return age;
  }
  // Age-band buttons such as "Under 13" or "12 or younger" stand for the top of the band.
  const under = /\b(?:under|younger than|below)\s*(\d{1,2})\b/i.exec(text);
  if (under) return Number(under[1]) - 1;
  const orYounger = /\b(\d{1,2})\s*(?:or|and)\s*(?:younger|under)\b/i.exec(text);
  if (orYounger) return Number(orYounger[1]);
  const number = /^\d{1,4}$/.test(text) ? Number(text) : undefined;
  if (number === undefined) return undefined;
  if (kind === 'year' || number > 1900) return capture.getUTCFullYear() - number;
  return number;
}

function isTracking(entry: AnalysedEntry): boolean {
  return entry.party === 'third' && entry.tracker !== undefined && trackingCategories.has(entry.tracker.category);
}

/**
 * An ad request to another company. The game's own traffic can carry the same words (its settings
 * JSON saying coppa:false) without being an ad request, so it never counts (review H6).
 */
function isThirdPartyAd(entry: AnalysedEntry): boolean {
  return entry.party === 'third' && (entry.tracker?.category === 'advertising' || entry.adSignals !== undefined);
}

function treatsAsAdult(entry: AnalysedEntry): boolean {
  return isThirdPartyAd(entry) && (entry.adSignals?.childDirected === false || entry.adSignals?.personalisedAds === true);
}

function entryRefs(entries: AnalysedEntry[]): EvidenceRef[] {
  return entries.slice(0, 20).map((entry) => ({ kind: 'har-entry', index: entry.index }));
}

function gateRefs(evidence: Pick<Evidence, 'ageGate'>): EvidenceRef[] {
  const gate = evidence.ageGate;
  // A drawn question also points at its crops and at the screens after typing and after sending.
  const drawn = gate?.pixels ? [...gate.pixels.crops, gate.pixels.typedScreenshot, gate.pixels.afterScreenshot].filter((file): file is string => Boolean(file)) : [];
  return [...(gate?.eventId ? [{ kind: 'event' as const, id: gate.eventId }] : []), ...(gate?.screenshot ? [{ kind: 'screenshot' as const, file: gate.screenshot }] : []), ...drawn.map((file) => ({ kind: 'screenshot' as const, file }))];
}

/**
 * Whether the package carries an age-signals API (Google Play Age Signals, Apple's Declared Age
 * Range). Whether it was used cannot be seen in traffic: both answer through the store or the
 * system, not the network (field-notes.md), and the capture records no such prompt.
 */
function ageSignalsNote(inspection: PackageInspection | undefined): Finding | undefined {
  if (!inspection) return undefined;
  const refs = inspection.files.filter((file) => file.role !== 'split-set').map((file): EvidenceRef => ({ kind: 'file', path: file.path }));
  const apis = embeddedAgeSignalApis(inspection);
  if (apis.length > 0) {
    const names = apis.map((api) => `${api.company} ${api.product}`).join(' and ');
    return {
      message: `The app package carries ${names} (${apis.flatMap((api) => api.matchedBy).join(', ')}). Whether the game asked it for the player's age could not be seen: it answers through the store or the system, not the network, and no age-signals prompt was recorded.`,
      evidence: refs,
      severity: 'info',
      data: { ageSignalsApi: names, used: null },
    };
  }
  if (!codeInventoryComplete(inspection)) {
    return { message: 'Part of the app package could not be read, so whether it carries an age-signals API is unknown.', evidence: refs, severity: 'info', data: { ageSignalsApi: null, used: null } };
  }
  return {
    message: "The app package carries neither Google Play's Age Signals API nor Apple's Declared Age Range, so any age check is the game's own.",
    evidence: refs,
    severity: 'info',
    data: { ageSignalsApi: 'none', used: false },
  };
}

export default defineCheck({
  id: 'age-assurance.age-check',
  standard: 3,
  title: 'The game’s age check changes what it collects from children',
  failureTitle: 'The game’s age check does not change what it collects from children',
  requires: ['age-gate', 'network', 'timeline'],
  optional: ['package'],
  rationale:
    "Standard 3 of the Children's code (Age appropriate application) asks a service to establish a player's age with " +
    'a certainty that fits the risks, or else to treat every player as a child. We record whether the game asks for ' +
    'an age or birth date before play and what it asked, then compare the traffic before and after the answer: if a ' +
    "child's answer leaves personalised or not-child-directed ad requests in place, the age check protects no one. " +
    'How certain a self-declared age is remains a judgement for a person. Where the app package was inspected, the ' +
    "report says whether it carries an age-signals API (Google Play Age Signals, Apple's Declared Age Range); whether " +
    'the game used it is not visible in traffic and is said to be unknown.',
  evaluate(input) {
    const fromCapture = ((): CheckOutput => {
      const { evidence, network, events } = input;
      const gate = evidence.ageGate;
      const adultTreatment = network.entries.filter(treatsAsAdult);
      if (!gate) {
        // Only the capture's own flag may say it did not look; otherwise the observation is simply missing.
        const notLookedFor = notCollectedReason(evidence, 'age-gate');
        return {
          outcome: 'inconclusive',
          title: notLookedFor ? 'No age question was looked for in this capture' : 'No age question was recorded in this capture',
          summary: notLookedFor
            ? 'Whether the game asks the player’s age was not seen in this capture (it was not looked for, or not read surely enough), so age assurance could not be assessed.'
            : 'No observation of an age question was recorded in this capture, so age assurance could not be assessed.',
          findings: [{ message: notLookedFor ?? 'No age-gate observation was recorded in this capture.', evidence: [], severity: 'info' }],
        };
      }
      if (!gate.present) {
        if (adultTreatment.length > 0) {
          return {
            outcome: 'warn',
            title: 'The game asks no age and treats every player as an adult',
            summary: 'The game does not ask the player’s age, and its ad requests treat the player as an adult.',
            findings: [
              {
                message: `No age or birth-date question was seen before play, yet ${plural(adultTreatment.length, 'ad request')} said the player is not a child or asked for personalised ads — the code's protections are not applied to everyone.`,
                evidence: entryRefs(adultTreatment),
                severity: 'warn',
                data: { adultTreatmentRequests: adultTreatment.length },
              },
            ],
          };
        }
        const childAds = network.entries.filter((entry) => isThirdPartyAd(entry) && entry.adSignals?.childDirected === true);
        if (childAds.length > 0) {
          // The code's alternative to an age check: treat every player as a child.
          return {
            outcome: 'pass',
            title: 'The game asks no age and treats every player as a child',
            summary: 'The game does not ask the player’s age, and its ad requests treat every player as a child.',
            findings: [
              { message: 'No age or birth-date question was seen before play.', evidence: gateRefs(evidence), severity: 'info' },
              { message: `${capitalised(allOf(childAds.length, 'ad request'))} that state an audience say the player is a child, so the game applies child protections to everyone.`, evidence: entryRefs(childAds), severity: 'info' },
            ],
          };
        }
        return {
          outcome: 'inconclusive',
          title: 'The game asks no age',
          summary: 'The game does not ask the player’s age; whether it applies the code to every player is shown by the other standards.',
          findings: [{ message: 'No age or birth-date question was seen before play.', evidence: gateRefs(evidence), severity: 'info' }],
        };
      }

      const findings: Finding[] = [
        {
          message: `The game asked${gate.question ? ` "${gate.question}"` : ' for the player’s age'}${gate.inputKind ? ` (${gate.inputKind})` : ''}${gate.phase ? ` during the ${gate.phase} phase` : ''}${gate.answerGiven ? `; we answered ${JSON.stringify(gate.answerGiven)}` : ''}.`,
          evidence: gateRefs(evidence),
          severity: 'info',
          data: { inputKind: gate.inputKind ?? null, answer: gate.answerGiven ?? null },
        },
      ];
      // The moment the answer was given splits the traffic; the moment the question appeared will do
      // when the answer has no event of its own.
      const gateEvent = events.find((event) => event.type === 'age-gate-answered') ?? (gate.eventId ? events.find((event) => event.id === gate.eventId) : undefined);
      const age = ageFromAnswer(gate.answerGiven, gate.inputKind, evidence.startedAt);
      if (!gateEvent || age === undefined) {
        return {
          outcome: 'inconclusive',
          title: 'The game asks the player’s age; its effect was not compared',
          summary: 'An age question was asked, but the answer or its moment was not recorded, so its effect could not be compared.',
          findings: [...findings, { message: !gateEvent ? 'The age question has no timeline event to compare traffic against.' : `The answer ${JSON.stringify(gate.answerGiven)} could not be read as an age.`, evidence: gateRefs(evidence), severity: 'info' }],
        };
      }
      if (age >= adulthood) {
        return { outcome: 'inconclusive', title: 'The game asks the player’s age; what changes for a child was not tested', summary: `We answered as an adult (${age}), so the capture cannot show what changes for a child.`, findings };
      }
      const gateAt = Date.parse(gateEvent.at);
      const before = network.entries.filter((entry) => Date.parse(entry.startedDateTime) < gateAt);
      const after = network.entries.filter((entry) => Date.parse(entry.startedDateTime) >= gateAt);
      const trackedBefore = before.filter(isTracking);
      const adultAfter = after.filter(treatsAsAdult);
      let warn = false;
      if (trackedBefore.length > 0) {
        warn = true;
        findings.push({
          message: `${plural(trackedBefore.length, 'request')} went to advertising, attribution or analytics companies before the age was given, so that data was collected whatever the answer.`,
          evidence: entryRefs(trackedBefore),
          severity: 'warn',
          data: { requestsBeforeAnswer: trackedBefore.length },
        });
      }
      if (adultAfter.length > 0) {
        findings.push({
          message: `After we answered as a ${age}-year-old, ${plural(adultAfter.length, 'ad request')} still said the player is not a child or asked for personalised ads.`,
          evidence: entryRefs(adultAfter),
          severity: 'fail',
          data: { age, adultTreatmentAfter: adultAfter.length },
        });
        return { outcome: 'fail', summary: `The game asks the player’s age, but answering as a child of ${age} did not stop adult ad treatment.`, findings };
      }
      const adsAfter = after.filter(isThirdPartyAd);
      const childDirectedAfter = adsAfter.filter((entry) => entry.adSignals?.childDirected === true);
      if (warn) return { outcome: 'warn', summary: 'The game asks the player’s age, but tracking began before the answer was given.', findings };
      if (adsAfter.length > 0 && childDirectedAfter.length === adsAfter.length) {
        findings.push({ message: `After the answer, ${allOf(adsAfter.length, 'ad request')} ${adsAfter.length === 1 ? 'was' : 'were'} marked as for a child.`, evidence: entryRefs(adsAfter), severity: 'info' });
        return { outcome: 'pass', summary: `Answering as a child of ${age} led to child-directed ad requests.`, findings };
      }
      if (adsAfter.length === 0 && before.some(isThirdPartyAd)) {
        return { outcome: 'pass', summary: `After answering as a child of ${age}, no further ad requests were made.`, findings };
      }
      return { outcome: 'inconclusive', title: 'The game asks the player’s age; its effect is not shown by the traffic', summary: 'The game asks the player’s age; the traffic does not show whether the answer changed what is collected.', findings };
    })();
    const note = ageSignalsNote(input.evidence.packageInspection);
    return note ? { ...fromCapture, findings: [...fromCapture.findings, note] } : fromCapture;
  },
});
