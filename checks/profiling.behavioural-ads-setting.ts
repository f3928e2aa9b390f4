// Standard 12: personalised (behavioural) advertising has its own setting, and it starts off.
import { carriedRequest, categoryDescriptions, classifyControl, defaultPhaseEntries, defineCheck, type EvidenceRef, type Finding, inconclusiveUnreadable, matchesExpectation, notCollectedReason, plural, settingRefs, unreadableTraffic } from '../src/check-kit/index.ts';

export default defineCheck({
  id: 'profiling.behavioural-ads-setting',
  standard: 12,
  title: 'Behavioural advertising has its own setting, off by default',
  failureTitle: 'Behavioural advertising is on by default or has no separate setting',
  requires: ['settings', 'network'],
  rationale:
    "Standard 12 of the Children's code (Profiling) asks that profiling is off by default, and the ICO's audit " +
    'guidance asks for a separate setting for behavioural advertising rather than one choice that bundles it with ' +
    'others. We look on the settings screens for a control about personalised or behavioural ads, read its default, ' +
    'and check that its label does not tie it to another use of data. Where no such control exists, the ad requests ' +
    'themselves show whether personalised ads are asked for. A launch request to a third party that could not be read (a refused ' +
    'certificate, an encrypted SDK payload) may be an ad request asking for anything, so it makes an all-clear inconclusive.',
  evaluate({ evidence, network }) {
    const settings = evidence.settings;
    const screenshot = settings.screenshot;
    const findings: Finding[] = [];
    const adControls = settings.controls
      .map((control) => ({ control, classified: classifyControl(control) }))
      .filter(({ classified }) => classified.categories.includes('personalised-ads'));

    if (adControls.length > 0) {
      let on = 0;
      let bundled = 0;
      let unknown = 0;
      for (const { control, classified } of adControls) {
        const refs = settingRefs(control, screenshot);
        const expected = control.name !== undefined ? evidence.expectations[control.name] : undefined;
        const isHigh = expected !== undefined ? matchesExpectation(control.value, expected) : classified.judgement === 'high';
        if (expected === undefined && classified.judgement === 'unknown') {
          unknown += 1;
          findings.push({ message: `"${control.label}" is set to ${JSON.stringify(control.value)}; ${classified.reason}.`, evidence: refs, severity: 'info' });
        } else if (!isHigh) {
          on += 1;
          findings.push({
            message: `"${control.label}" is set to ${JSON.stringify(control.value)} by default, so behavioural advertising is on until the child turns it off.`,
            evidence: refs,
            severity: 'fail',
            data: { setting: control.label, value: String(control.value) },
          });
        } else {
          findings.push({ message: `"${control.label}" is off by default (${JSON.stringify(control.value)}).`, evidence: refs, severity: 'info', data: { setting: control.label, value: String(control.value) } });
        }
        const others = classified.categories.filter((category) => category !== 'personalised-ads');
        if (others.length > 0) {
          bundled += 1;
          findings.push({
            message: `"${control.label}" bundles personalised ads with ${others.map((category) => categoryDescriptions[category]).join(' and ')} in one choice.`,
            evidence: refs,
            severity: 'warn',
            data: { setting: control.label, bundledWith: others.join(', ') },
          });
        }
      }
      if (on > 0) return { outcome: 'fail', summary: `Behavioural advertising is on by default (${plural(on, 'setting')}).`, findings };
      if (bundled > 0) return { outcome: 'warn', summary: 'The behavioural advertising setting is off by default but bundled with other choices.', findings };
      if (unknown === adControls.length) return { outcome: 'inconclusive', summary: 'A personalised-ads setting was found but its value could not be read as on or off.', findings };
      return { outcome: 'pass', summary: 'A separate setting for behavioural advertising exists and is off by default.', findings };
    }

    // No setting: what the ad requests ask for is the remaining evidence. Only launch counts (the
    // defaults, before any answer to a consent dialog) and only other companies' ad requests: the
    // game's own JSON can use the same words without being an ad request.
    const adEntries = defaultPhaseEntries(network).filter((entry) => entry.party === 'third' && carriedRequest(entry) && (entry.tracker?.category === 'advertising' || entry.adSignals !== undefined));
    const personalised = adEntries.filter((entry) => entry.adSignals?.personalisedAds === true);
    const nonPersonalised = adEntries.filter((entry) => entry.adSignals?.personalisedAds === false);
    const notRead = notCollectedReason(evidence, 'settings');
    const settingsSeen = settings.readable && settings.source !== 'none' && notRead === undefined;
    const settingsRef: EvidenceRef[] = screenshot ? [{ kind: 'screenshot', file: screenshot }] : [];
    const personalisedRefs = personalised.slice(0, 20).map((entry): EvidenceRef => ({ kind: 'har-entry', index: entry.index }));
    if (!settingsSeen) {
      // Unread settings may hold the control: never "there is no setting" (review H5).
      return {
        outcome: 'inconclusive',
        summary: 'The settings could not be read, so whether a behavioural advertising setting exists is unknown.',
        findings: [
          { message: notRead ?? settings.note ?? 'The settings screen could not be read.', evidence: settingsRef, severity: 'info' },
          ...(personalised.length > 0
            ? [{ message: `${plural(personalised.length, 'third-party ad request')} at launch asked for personalised ads; whether a setting can turn them off could not be seen.`, evidence: personalisedRefs, severity: 'info' as const }]
            : []),
        ],
      };
    }
    if (personalised.length > 0) {
      findings.push({
        message: `No setting for behavioural advertising was found on the settings screens read, and ${plural(personalised.length, 'third-party ad request')} at launch asked for personalised ads.`,
        evidence: [...personalisedRefs, ...settingsRef],
        severity: 'fail',
        data: { personalisedRequests: personalised.length },
      });
      return { outcome: 'fail', summary: 'Personalised ads are requested at launch and no setting to turn them off was found.', findings };
    }
    // An unreadable request may be an ad request asking for anything: an all-clear needs them all read.
    const unreadable = unreadableTraffic(defaultPhaseEntries(network).filter((entry) => entry.party === 'third'));
    if (unreadable && (adEntries.length === 0 || nonPersonalised.length === adEntries.length)) {
      const seen = adEntries.length === 0 ? 'No readable third-party ad request was made at launch and no behavioural advertising setting was found' : 'No behavioural advertising setting was found, and every readable third-party ad request at launch asked for non-personalised ads';
      return inconclusiveUnreadable(seen, unreadable, findings);
    }
    if (adEntries.length === 0) {
      return {
        outcome: 'not-applicable',
        summary: 'No third-party advertising requests at launch and no advertising setting were seen: the game shows no sign of behavioural ads by default.',
        findings: [{ message: 'No third-party advertising requests were recorded at launch and no personalised-ads setting was found.', evidence: settingsRef, severity: 'info' }],
      };
    }
    if (nonPersonalised.length === adEntries.length) {
      return {
        outcome: 'pass',
        summary: 'No behavioural advertising setting was found, but every third-party ad request at launch asks for non-personalised ads.',
        findings: [
          {
            message: `All ${plural(adEntries.length, 'third-party ad request')} at launch asked for non-personalised ads, so no setting is needed to turn profiling off.`,
            evidence: adEntries.slice(0, 20).map((entry) => ({ kind: 'har-entry', index: entry.index })),
            severity: 'info',
          },
        ],
      };
    }
    return {
      outcome: 'warn',
      summary: 'No behavioural advertising setting was found, and the ad requests at launch do not say whether ads are personalised.',
      findings: [
        {
          message: `No setting for behavioural advertising was found, and ${plural(adEntries.length - nonPersonalised.length, 'ad request')} carried no non-personalised signal.`,
          evidence: [...adEntries.filter((entry) => entry.adSignals?.personalisedAds !== false).slice(0, 20).map((entry): EvidenceRef => ({ kind: 'har-entry', index: entry.index })), ...settingsRef],
          severity: 'warn',
        },
      ],
    };
  },
});
