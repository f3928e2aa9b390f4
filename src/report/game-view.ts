// Everything the per-game template shows, computed from result.json alone. Templates only lay
// this out; every word that depends on data is decided here, where it can be tested.
import { gameVersionWords, operatorWords } from './capture-facts.ts';
import { toolCompanyLabel } from '../analysis/tool-attribution.ts';
import { companyDataView, type CompanyDataView } from './company-data-view.ts';
import type { NetworkEntrySummary, Result } from '../scoring/result-schema.ts';
import { plural } from '../check-kit/evidence-refs.ts';
import { compareAcceptWithDecline, comparisonWords } from '../check-kit/consent-comparison.ts';
import { importedLacksWords, importedPhaseWords } from '../evidence/imported-phase-words.ts';
import { scoredByWords } from '../scoring/scored-by-words.ts';
import { standardName } from '../scoring/standards.ts';
import { deviceLine } from './device-agreement.ts';
import { eventTimes } from './event-time.ts';
import { requestPageHref, requestPageIndexes } from './request-page.ts';
import { buildComparisonView } from './comparison-view.ts';
import { buildPersonaView } from './persona-view.ts';
import { buildPackageView } from './package-view.ts';
import { EvidenceIndex, entryView, evidenceView, settingAnchor, type EntryView, type EvidenceView, type ScreenshotView } from './evidence-view.ts';
import { bytesWords, platformWords, settingValueWords, utc } from './format.ts';
import { investigatorDate, overruleWords, reviewedBundleWords, standardDecidedBy } from './investigator-words.ts';
import { anchorId, bundleFileHref } from './safe-href.ts';
import { buildInvestigatorReadingsView } from './investigator-readings-view.ts';
import { eventTypeWords, identifierKindWords, investigatorOutcomeLabel, outcomeLabels, phaseDescriptions, statusLabels, yesNoUnknown, type Label } from './words.ts';
import { evidenceFileNote } from './evidence-file-note.ts';
import { crossReadingView } from './screen-cross-reading-view.ts';

/** A check with thousands of findings still renders quickly; the rest stay in result.json. */
const maxFindingsPerCheck = 100;
const maxEvidencePerFinding = 12;
/** Rows per organisation in the network table; requests a finding points at are always shown. */
export const maxRowsPerGroup = 250;

const outcomeOrder = ['fail', 'error', 'warn', 'inconclusive', 'pass', 'not-applicable'];

export function checkAnchor(id: string): string {
  return anchorId('check', id);
}

interface NetworkGroup {
  anchor: string;
  name: string;
  description: string;
  category?: string;
  familiesCertified?: string;
  requests: number;
  defaultPhaseRequests: number;
  /** Connections that carried no request (certificate refused): contacted, not received. */
  attempts: number;
  defaultPhaseAttempts: number;
  /** CORS preflights: the browser asked leave to send; they carried no data. */
  preflights: number;
  identifiers: string[];
  hosts: string[];
  rows: EntryView[];
  hiddenRows: number;
  open: boolean;
  /** What it received as decoded, what could not be read, where TrackHAR and our search disagree. */
  data: CompanyDataView;
}

/** The Families list is about ad SDKs; for analytics or attribution companies it does not apply. */
function familiesWords(certified: boolean | null, category: string | undefined): string {
  if (certified === true) return 'Yes (Google Play Families self-certified)';
  if (certified === false) return 'No';
  return category && category !== 'advertising' ? 'Not applicable (not an ad network)' : 'Unknown';
}

/** A refused TLS handshake: the company was contacted, but no request reached it. */
function isAttempt(entry: NetworkEntrySummary): boolean {
  return entry.tlsFailure === true || entry.readability?.state === 'tls-failed';
}

/** A CORS preflight only asks the browser's leave to send: it carries no data, so it is not a request. */
function isPreflight(entry: NetworkEntrySummary): boolean {
  return entry.corsPreflight === true;
}

/** A request that carried something: neither a refused handshake nor a preflight. */
function isRequest(entry: NetworkEntrySummary): boolean {
  return !isAttempt(entry) && !isPreflight(entry);
}

/**
 * "5 requests were recorded, 4 of them to other companies’ servers (3 named companies), and 1
 * connection attempt whose contents were not seen." Counts requests only; what carried nothing is named apart.
 */
export function networkCountSentence(entries: readonly NetworkEntrySummary[], namedCompanies: number): string {
  const requests = entries.filter(isRequest);
  const thirdParty = requests.filter((entry) => entry.party === 'third').length;
  const attempts = entries.filter(isAttempt).length;
  const preflights = entries.filter(isPreflight).length;
  const recorded = `${plural(requests.length, 'request')} ${requests.length === 1 ? 'was' : 'were'} recorded`;
  const toOthers = requests.length === 0
    ? ''
    : requests.length === 1
      ? (thirdParty === 1 ? ', to another company’s server' : ', to the game’s own servers')
      : thirdParty === 0
        ? ', all to the game’s own servers'
        : `, ${thirdParty === requests.length ? 'all' : thirdParty} of them to other companies’ servers`;
  const named = plural(namedCompanies, 'named company', 'named companies');
  // The named companies are those the requests reached; when none did, those the attempts were made to.
  const companies = namedCompanies > 0 && thirdParty > 0 ? ` (${named})` : '';
  const attemptsTo = namedCompanies > 0 && thirdParty === 0 ? ` (to ${named})` : '';
  const apart = [
    ...(attempts > 0 ? [`${plural(attempts, 'connection attempt')}${attemptsTo} whose contents were not seen`] : []),
    ...(preflights > 0 ? [`${plural(preflights, 'CORS preflight')}, which carried no data`] : []),
  ];
  return `${recorded}${toOthers}${companies}${apart.length > 0 ? `, and ${apart.join(' and ')}` : ''}.`;
}

function networkGroups(result: Result, referenced: Set<number>): NetworkGroup[] {
  const onRequestPage = requestPageIndexes(result);
  const byKey = new Map<string, NetworkEntrySummary[]>();
  const keyOf = (entry: NetworkEntrySummary): string =>
    entry.party === 'first' ? 'first' : entry.organization ? `org:${entry.organization}` : entry.namedByTool ? `org:${toolCompanyLabel(entry.namedByTool)}` : 'unknown';
  for (const entry of result.network.entries) {
    const key = keyOf(entry);
    const list = byKey.get(key) ?? [];
    list.push(entry);
    byKey.set(key, list);
  }
  const group = (key: string, entries: NetworkEntrySummary[]): NetworkGroup => {
    const organisation = key.startsWith('org:') ? result.network.organisations.find((candidate) => `org:${candidate.organization}` === key) : undefined;
    const shown = entries.filter((entry, position) => position < maxRowsPerGroup || referenced.has(entry.index));
    const identifiers = new Set<string>();
    const hosts = new Set<string>();
    for (const entry of entries) {
      hosts.add(entry.host);
      for (const hit of entry.identifiers) identifiers.add(identifierKindWords(hit.kind));
    }
    const name = key === 'first' ? 'The game’s own servers (first party)' : key === 'unknown' ? 'Other third parties (not in our tracker list)' : key.slice(4);
    const description =
      key === 'first'
        ? 'Requests to the game’s own domains.'
        : key === 'unknown'
          ? 'Requests to other companies’ servers that our tracker list does not name.'
          : organisation?.namedBy && entries[0]?.namedByTool
            ? `Requests to hosts our tracker list does not know; ${organisation.namedBy} names the company behind them “${entries[0].namedByTool.organization}”. That is the tool’s word, not gameaudit’s.`
            : `Requests to ${name}.`;
    const category = organisation?.category ?? entries[0]?.category;
    return {
      anchor: anchorId('org', name),
      name,
      description,
      ...(category ? { category } : {}),
      ...(key.startsWith('org:') ? { familiesCertified: familiesWords(organisation?.familiesCertified ?? entries[0]?.familiesCertified ?? null, category) } : {}),
      requests: entries.filter(isRequest).length,
      defaultPhaseRequests: entries.filter((entry) => isRequest(entry) && entry.phase === 'launch').length,
      attempts: entries.filter(isAttempt).length,
      preflights: entries.filter(isPreflight).length,
      defaultPhaseAttempts: entries.filter((entry) => isAttempt(entry) && entry.phase === 'launch').length,
      identifiers: [...identifiers],
      hosts: [...hosts].slice(0, 20),
      rows: shown.map((entry) => ({ ...entryView(entry), ...(onRequestPage.has(entry.index) ? { fullRequestHref: requestPageHref(entry.index) } : {}) })),
      hiddenRows: entries.length - shown.length,
      open: entries.length <= 20,
      data: companyDataView(result, key.startsWith('org:') ? key.slice(4) : undefined, entries),
    };
  };
  const groups = [...byKey.entries()].map(([key, entries]) => group(key, entries));
  const rank = (candidate: NetworkGroup): number => (candidate.name.startsWith('The game') ? 2 : candidate.name.startsWith('Other third') ? 1 : 0);
  return groups.sort((a, b) => rank(a) - rank(b) || b.requests - a.requests || a.name.localeCompare(b.name));
}

export function buildGameView(result: Result, bundleDir: string) {
  const index = new EvidenceIndex(result, bundleDir);
  const eventAt = eventTimes(result);
  const observations = result.observations;
  const referencedEntries = new Set<number>();
  for (const check of result.checks) for (const finding of check.findings) for (const ref of finding.evidence) if (ref.kind === 'har-entry') referencedEntries.add(ref.index);

  const checks = [...result.checks]
    .sort((a, b) => a.standard - b.standard || outcomeOrder.indexOf(a.outcome) - outcomeOrder.indexOf(b.outcome) || a.id.localeCompare(b.id))
    .map((check) => {
      const overrule = check.overruledBy !== undefined ? result.investigatorFindings[check.overruledBy] : undefined;
      return {
        anchor: checkAnchor(check.id),
        id: check.id,
        title: check.title,
        // The outcome that counts leads (the investigator's where they overruled); the automatic one stays beside it.
        outcome: overrule ? investigatorOutcomeLabel(overrule.outcome) : outcomeLabels[check.outcome],
        standardNumber: check.standard,
        standardName: standardName(check.standard),
        summary: check.summary,
        rationale: check.rationale,
        ...(check.downgradedBecause ? { downgradedBecause: check.downgradedBecause } : {}),
        ...(check.error ? { error: check.error } : {}),
        ...(overrule
          ? { overrule: { words: overruleWords(investigatorOutcomeLabel(overrule.outcome).words, outcomeLabels[check.outcome].words, overrule), automatic: outcomeLabels[check.outcome], note: overrule.note } }
          : {}),
        findings: check.findings.slice(0, maxFindingsPerCheck).map((finding) => ({
          message: finding.message,
          // The outcome words, so a finding and its test never use two terms for one thing.
          severity: finding.severity === 'fail' ? outcomeLabels.fail.words : finding.severity === 'warn' ? outcomeLabels.warn.words : 'Note',
          severityTone: finding.severity === 'fail' ? 'bad' : finding.severity === 'warn' ? 'concern' : 'neutral',
          evidence: finding.evidence.slice(0, maxEvidencePerFinding).map((ref): EvidenceView => evidenceView(ref, index)),
          hiddenEvidence: Math.max(0, finding.evidence.length - maxEvidencePerFinding),
          data: Object.entries(finding.data ?? {}).map(([key, value]) => ({ key, value: value === null ? '—' : String(value) })),
        })),
        hiddenFindings: Math.max(0, check.findings.length - maxFindingsPerCheck),
      };
    });

  const standards = result.standards.map((standard) => {
    const finding = standardDecidedBy(result, standard);
    return {
      number: standard.number,
      name: standard.name,
      anchor: anchorId('standard', String(standard.number)),
      status: statusLabels[standard.status],
      automaticStatus: statusLabels[standard.automaticStatus],
      ...(finding ? { overrule: overruleWords(statusLabels[standard.status].words, statusLabels[standard.automaticStatus].words, finding) } : {}),
      checks: checks.filter((check) => check.standardNumber === standard.number).map((check) => ({ anchor: check.anchor, title: check.title, outcome: check.outcome })),
    };
  });

  const screenshotsByPhase = new Map<string, ScreenshotView[]>();
  const placed = new Set<string>();
  for (const shot of observations?.screenshots ?? []) {
    // One home (and one anchor) per file, even if the capture listed it twice.
    if (placed.has(shot.file)) continue;
    placed.add(shot.file);
    const list = screenshotsByPhase.get(shot.phase) ?? [];
    list.push(index.screenshot(shot.file));
    screenshotsByPhase.set(shot.phase, list);
  }
  // Screenshots a finding names but the capture's list does not: still given a home and an anchor.
  const listed = new Set((observations?.screenshots ?? []).map((shot) => shot.file));
  const otherScreenshots = new Map<string, ScreenshotView>();
  for (const check of result.checks)
    for (const finding of check.findings)
      for (const ref of finding.evidence) {
        const file = ref.kind === 'screenshot' ? ref.file : ref.kind === 'ui-node' ? ref.screenshot : undefined;
        if (file && !listed.has(file)) otherScreenshots.set(file, index.screenshot(file));
      }

  const seenEvents = new Set<string>();
  const events = (observations?.events ?? []).filter((event) => !seenEvents.has(event.id) && Boolean(seenEvents.add(event.id)));
  const timeline = (observations?.phases ?? []).map((phase) => {
    const inPhase = result.network.entries.filter((entry) => entry.phase === phase.name);
    return {
      name: phase.name,
      description: phaseDescriptions[phase.name] ?? phase.name,
      startedAt: utc(phase.startedAt),
      endedAt: utc(phase.endedAt),
      status: phase.status === 'complete' ? 'Completed' : phase.status === 'failed' ? 'Failed' : 'Skipped',
      statusTone: phase.status === 'complete' ? 'good' : phase.status === 'failed' ? 'bad' : 'neutral',
      ...(phase.note ? { note: phase.note } : {}),
      requestWords: networkCountSentence(inPhase, 0),
      screenshots: screenshotsByPhase.get(phase.name) ?? [],
      events: events.filter((event) => event.phase === phase.name).map((event) => ({ anchor: anchorId('event', event.id), id: event.id, at: utc(event.at), type: eventTypeWords[event.type] ?? event.type, rawType: event.type, message: event.message ?? '' })),
    };
  });
  const eventsOutsidePhases = events
    .filter((event) => !timeline.some((phase) => phase.name === event.phase))
    .map((event) => ({ anchor: anchorId('event', event.id), id: event.id, at: utc(event.at), type: eventTypeWords[event.type] ?? event.type, rawType: event.type, message: event.message ?? '' }));

  const settingFindings = new Map<string, string>();
  for (const check of result.checks)
    for (const finding of check.findings)
      for (const ref of finding.evidence)
        if (ref.kind === 'setting' && (finding.severity === 'fail' || finding.severity === 'warn')) settingFindings.set(ref.name ?? ref.label, check.id);
  const expectations = observations?.expectations ?? {};
  // Two controls with the same label must not share an id; the first keeps the plain one links use.
  const usedSettingAnchors = new Set<string>();
  const uniqueSettingAnchors = (observations?.settings.controls ?? []).map((control, position) => {
    const anchor = settingAnchor(control.name, control.label);
    const unique = usedSettingAnchors.has(anchor) ? `${anchor}-${position}` : anchor;
    usedSettingAnchors.add(unique);
    return unique;
  });
  const settings = observations
    ? {
        source: { recipe: 'the plan’s recipe', discovery: 'automatic discovery of the settings screen', 'findings-file': 'the investigator’s findings file', investigator: 'the investigator, who opened the settings by hand in an assisted capture', none: 'nowhere (no settings were read)' }[observations.settings.source],
        readable: observations.settings.readable,
        ...(observations.settings.note ? { note: observations.settings.note } : {}),
        ...(observations.settings.screenshot ? { screenshot: index.screenshot(observations.settings.screenshot) } : {}),
        rows: observations.settings.controls.map((control, position) => {
          const expected = control.name !== undefined ? expectations[control.name] : undefined;
          const flaggedBy = settingFindings.get(control.name ?? control.label) ?? settingFindings.get(control.label);
          const verdict: Label = flaggedBy
            ? { words: 'Not high privacy', icon: '✖', tone: 'bad', meaning: '' }
            : expected === undefined
              ? { words: 'Not assessed', icon: '–', tone: 'neutral', meaning: '' }
              : expected === control.value
                ? { words: 'High privacy', icon: '✔', tone: 'good', meaning: '' }
                : { words: 'Not high privacy', icon: '✖', tone: 'bad', meaning: '' };
          return {
            anchor: uniqueSettingAnchors[position] ?? settingAnchor(control.name, control.label),
            label: control.label,
            group: control.groupLabel ?? '',
            kind: control.kind,
            value: settingValueWords(control.value),
            expected: expected === undefined ? 'Not stated in the plan' : settingValueWords(expected),
            verdict,
            ...(control.readBy === 'investigator' && control.observationId ? { readByInvestigator: { anchor: anchorId('observation', control.observationId) } } : {}),
            ...(flaggedBy ? { flaggedBy: { anchor: checkAnchor(flaggedBy), id: flaggedBy } } : {}),
          };
        }),
        parentalControls: observations.settings.parentalControls.map((control) => ({ label: control.label, monitoringSignalled: yesNoUnknown(control.monitoringSignalled) })),
        privacyLinks: observations.settings.privacyLinks,
      }
    : undefined;

  const locationEntries = result.network.entries.filter((entry) => entry.location).slice(0, 200).map(entryView);
  const permissions = observations
    ? {
        rows: observations.permissions.map((permission) => ({
          ...permission,
          requested: yesNoUnknown(permission.requested),
          runtime: yesNoUnknown(permission.runtime),
          // Whether a prompt for this permission's group was recorded; on the web the capture records the request, and no prompt is drawn.
          promptShown: !observations.permissionPrompts.some((prompt) => prompt.group === permission.group) ? 'No' : result.platform === 'web' ? 'Requested (a headless browser draws no prompt)' : 'Yes',
          granted: yesNoUnknown(permission.granted, 'Granted', 'Not granted'),
        })),
        prompts: observations.permissionPrompts.map((prompt) => ({
          // On the web the capture writes the prompt's record itself when the page calls the API; nothing was drawn to quote.
          ...(result.platform === 'web' && prompt.group === 'location'
            ? { notSeen: `The page called ${observations.geolocation.calls.find((call) => call.eventId === prompt.eventId)?.api ?? 'the location API'} at ${utc(prompt.at)}. A browser would then show its location prompt; a headless capture cannot draw it, so no prompt text or buttons were seen.` }
            : {}),
          anchor: anchorId('prompt', prompt.eventId),
          eventAnchor: anchorId('event', prompt.eventId),
          permission: prompt.permission,
          phase: prompt.phase,
          at: utc(prompt.at),
          text: prompt.text,
          answer: prompt.answer,
          buttons: prompt.buttons.map((button) => button.text),
          ...(prompt.precededByExplanation ? { explanation: prompt.precededByExplanation.text } : {}),
          ...(prompt.screenshot ? { screenshot: index.screenshot(prompt.screenshot) } : {}),
        })),
        geolocationCalls: observations.geolocation.calls.map((call) => ({ ...call, at: utc(eventAt.get(call.eventId) ?? call.at), eventAnchor: anchorId('event', call.eventId) })),
        permissionState: observations.geolocation.permissionState,
        inAppLocationControls: observations.geolocation.inAppLocationControls.map((control) => ({ label: control.label, value: settingValueWords(control.value) })),
        locationEntries,
        ...(observations.mockLocation ? { mockLocation: `${observations.mockLocation.latitude}, ${observations.mockLocation.longitude}` } : {}),
      }
    : undefined;

  const consentDialogs = (observations?.consentDialogs ?? []).map((dialog) => {
    const area = (button: (typeof dialog.buttons)[number]): number | undefined => (button.bounds ? Math.round(button.bounds.width * button.bounds.height) : undefined);
    // The same comparison as the nudge check's finding, so the two never give different numbers.
    const comparison = compareAcceptWithDecline(dialog);
    const opener = dialog.buttons.find((button) => button.layer !== 'manage' && button.role === 'manage');
    const layerWords = (layer: (typeof dialog.buttons)[number]['layer']): string =>
      layer === 'first' ? 'first screen' : layer === 'manage' ? (opener ? `after ${opener.text}` : 'after the options were opened') : 'Not recorded';
    return {
      anchor: anchorId('consent', dialog.eventId),
      eventAnchor: anchorId('event', dialog.eventId),
      phase: dialog.phase,
      at: utc(dialog.at),
      // The timeline records the dialog once it was answered: say so when that moment differs.
      ...(eventAt.get(dialog.eventId) && utc(eventAt.get(dialog.eventId)) !== utc(dialog.at) ? { eventAt: utc(eventAt.get(dialog.eventId)) } : {}),
      detectedBy: { autoconsent: 'the autoconsent library, which knows common consent tools', plan: 'the selectors in the game’s plan', discovery: 'looking for dialogs with privacy words', 'screen-reading': 'reading the screenshot (OCR and the shapes drawn), because the game draws its own interface' }[dialog.detectedBy],
      ...(dialog.cmp ? { cmp: dialog.cmp } : {}),
      text: dialog.text,
      buttons: dialog.buttons.map((button) => ({
        text: button.text,
        role: { accept: 'Accept', decline: 'Decline', manage: 'More options', close: 'Close', link: 'Link', other: 'Other' }[button.role],
        layer: layerWords(button.layer),
        visible: yesNoUnknown(button.visible),
        size: button.bounds ? `${Math.round(button.bounds.width)} × ${Math.round(button.bounds.height)} px` : 'Not measured',
        area: area(button)?.toLocaleString('en-GB') ?? '—',
        position: button.bounds ? `${Math.round(button.bounds.x)}, ${Math.round(button.bounds.y)}` : '—',
      })),
      ...(comparison ? { areaRatio: comparisonWords(comparison) } : {}),
      checkboxes: dialog.checkboxes.map((box) => ({ label: box.label, checked: box.checked ? 'Ticked before the player chose' : 'Not ticked' })),
      privacyLinks: dialog.privacyLinks,
      stepsToAccept: dialog.stepsToAccept ?? 'Not measured (the capture never accepts)',
      stepsToDecline: dialog.stepsToDecline ?? 'No way to decline was found',
      declined: dialog.declined ? 'Yes' : 'No',
      ...(dialog.screenshot ? { screenshot: index.screenshot(dialog.screenshot) } : {}),
      declineScreens: dialog.declineScreens.map((file) => index.screenshot(file)),
      ...(dialog.screenModelReading ? { readTwoWays: crossReadingView(dialog.screenModelReading) } : {}),
    };
  });

  const investigatorFindings = result.investigatorFindings.map((finding) => {
    const check = finding.check ? result.checks.find((candidate) => candidate.id === finding.check) : undefined;
    return {
      about: [finding.standard ? `Standard ${finding.standard}: ${standardName(finding.standard)}` : '', finding.check ? `check ${finding.check}` : ''].filter(Boolean).join(', ') || 'The game as a whole',
      outcome: investigatorOutcomeLabel(finding.outcome),
      ...(check ? { automatic: { outcome: outcomeLabels[check.outcome], anchor: checkAnchor(check.id) } } : {}),
      note: finding.note,
      // Linked only when the file is in this bundle: a path in the project (audits/…) would point at nothing from here.
      evidence: finding.evidence.map((item) => {
        const cited = finding.citedFiles?.find((file) => file.cited === item);
        if (cited?.found) return { text: item, href: bundleFileHref(cited.copy), copied: `a copy made when the findings were scored, SHA-256 ${cited.sha256}` };
        if (cited && !cited.found) return { text: item, missing: true };
        return { text: item, ...(bundleFileHref(item) && result.bundle.files.some((file) => file.path === item) ? { href: bundleFileHref(item) } : { outsideBundle: !/^https?:/.test(item) }) };
      }),
      by: finding.by,
      at: investigatorDate(finding.at),
      ...(Date.parse(finding.at) < Date.parse(result.bundle.startedAt) ? { predatesCapture: true } : {}),
      reviewed: reviewedBundleWords(finding.reviewedBundle, result.bundle.manifestSha256),
    };
  });

  const device = result.device;
  const simulated = device.kind === 'simulated';

  // Counts follow the outcome that counts; an overruled test says so beside its count, as its card does.
  const counts = Object.entries(result.counts)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => {
      const overruled = result.checks.filter((check) => check.overruledBy !== undefined && result.investigatorFindings[check.overruledBy]?.outcome === outcome);
      const automatic = overruled.map((check) => outcomeLabels[check.outcome].words);
      return {
        outcome: outcomeLabels[outcome as keyof typeof outcomeLabels],
        count,
        ...(overruled.length ? { overruled: `${overruled.length === 1 ? '1 of them' : `${overruled.length} of them`} set by an investigator; automatic result: ${automatic.join(', ')}` } : {}),
      };
    });

  const limitations: string[] = [];
  if (simulated) limitations.push('The device was simulated: its traffic and screens were replayed from recordings, so this shows how the tool works rather than how a real phone behaved.');
  if (device.kind === 'emulated-browser') limitations.push('The game ran in a desktop Chromium browser pretending to be a phone; a real phone’s browser or the app version of the game may behave differently.');
  if (result.bundle.status === 'incomplete') limitations.push('Part of the capture failed (see the header). Tests that needed the missing evidence are marked inconclusive rather than passed.');
  if (observations && !observations.settings.readable) limitations.push('The settings could not be read automatically (the game draws its screens as pictures), so settings results rely on screenshots and the investigator’s notes.');
  if (!observations) limitations.push('This result was written by an older version of the tool and does not include the timeline, settings, permissions or consent dialog; re-score the bundle to add them.');
  if (result.bundle.importedHar) limitations.push(importedPhaseWords(result.bundle.importedHar));
  const lacks = result.bundle.importedHar ? importedLacksWords(result.bundle.importedHar) : undefined;
  if (lacks) limitations.push(lacks);
  limitations.push(result.scoredBy ? `Scored by ${scoredByWords(result.scoredBy)}.` : 'Scored by an older version of the tool, which did not record its version, tracker catalogue or trackerdb; re-score the bundle to record them.');
  limitations.push('Traffic the game encrypted in a way our proxy could not open (certificate pinning) is shown only as a contact with that host, without its contents.');
  limitations.push('Automatic tests can show that a problem exists; they cannot prove that none exists anywhere in the game. Only what happened during this capture was seen.');

  return {
    // The platform once, in words, even when the title already names it ("Leaky Runner (demo, Android)").
    pageTitle: `${result.game.title} — Children’s code audit, ${platformWords[result.platform] ?? result.platform} version`,
    game: result.game,
    platform: platformWords[result.platform] ?? result.platform,
    target: result.target,
    device: { words: deviceLine(result), simulated, imported: Boolean(result.bundle.importedHar), ...(device.osVersion ? { osVersion: device.osVersion } : {}) },
    tool: { version: result.bundle.toolVersion, commit: result.bundle.toolCommit },
    startedAt: utc(result.bundle.startedAt),
    endedAt: utc(result.bundle.endedAt),
    operator: operatorWords(result.bundle),
    gameVersion: gameVersionWords(result),
    manifestSha256: result.bundle.manifestSha256 ?? 'None (the bundle has no manifest)',
    complete: result.bundle.status === 'complete',
    incompleteReasons: result.bundle.incompleteReasons.map((reason) => ({ phase: reason.phase ?? '', message: reason.message, affects: reason.affects.join(', ') })),
    notVerified: !result.bundle.verified || result.bundle.forced,
    forced: result.bundle.forced,
    verifyProblems: result.bundle.verifyProblems,
    counts,
    outcomeLegend: Object.values(outcomeLabels),
    statusLegend: Object.values(statusLabels),
    standards,
    checks,
    hasObservations: Boolean(observations),
    timeline,
    duplicateScreens: index.duplicateOf.size === 0 ? undefined : `${index.duplicateOf.size === 1 ? '1 screenshot is' : `${index.duplicateOf.size} screenshots are`} byte-identical to an earlier one with a different caption; each image is shown once.${simulated ? ' The simulated device returned the same picture for different screens, so one picture stands for screens that should differ; it cannot show each of them.' : ''}`,
    eventsOutsidePhases,
    otherScreenshots: [...otherScreenshots.values()],
    settings,
    investigatorReadings: buildInvestigatorReadingsView(observations, index),
    permissions,
    consentDialogs,
    packageContents: buildPackageView(result),
    network: {
      countSentence: networkCountSentence(result.network.entries, result.network.organisations.length),
      groups: networkGroups(result, referencedEntries),
      maxRowsPerGroup,
    },
    investigatorFindings,
    comparison: buildComparisonView(result),
    personas: buildPersonaView(result),
    limitations,
    // The capture's note when a real device ran with --allow-unreadable-https (src/cli/device-ca-rule.ts).
    unreadableHttpsWarning: observations?.notes.find((note) => note.startsWith('Run with --allow-unreadable-https')),
    notes: observations?.notes ?? [],
    files: result.bundle.files.map((file) => ({ path: file.path, anchor: anchorId('file', file.path), ...(bundleFileHref(file.path) ? { href: bundleFileHref(file.path) } : {}), note: evidenceFileNote(file.path), size: bytesWords(file.bytes), sha256: file.sha256 })),
  };
}

export type GameView = ReturnType<typeof buildGameView>;
