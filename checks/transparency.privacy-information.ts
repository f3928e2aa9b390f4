// Standard 4: privacy information can be reached from where the child makes choices, and a
// permission request is explained by the game before the system asks.
import { buttonRef, defaultPhases, defineCheck, dialogRefs, type EvidenceRef, type Finding, firstConsentDialog, notCollectedReason, plural } from '../src/check-kit/index.ts';

const positionApis = new Set(['getCurrentPosition', 'watchPosition', 'android-location-request', 'ios-location-request']);
/** A dialog control that names the privacy notice, e.g. a "Privacy policy" button whose target the capture did not read. */
const privacyWords = /privacy|datenschutz|confidentialit/i;

function lowerFirst(text: string): string {
  return `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

export default defineCheck({
  id: 'transparency.privacy-information',
  standard: 4,
  title: 'Privacy information is reachable and permission requests are explained',
  failureTitle: 'Privacy information is missing where the child makes choices, or a permission request is not explained',
  requires: ['consent', 'settings', 'permissions', 'geolocation'],
  rationale:
    "Standard 4 of the Children's code (Transparency) asks for clear privacy information, and for short explanations " +
    'at the moment data is about to be used. We look for a link to a privacy notice or policy in the first privacy ' +
    'dialog or in the settings, and check that every permission request (for example for location) is preceded by ' +
    "the game's own explanation of why it is needed, rather than a bare system prompt.",
  evaluate({ evidence }) {
    const findings: Finding[] = [];
    let fails = 0;
    let missingLink = false;
    let unexplained = 0;
    // Not looked for is not absent: the capture's own flags decide whether silence means "none".
    const linksNotLookedFor = notCollectedReason(evidence, 'privacy-links');
    const explanationsNotLookedFor = notCollectedReason(evidence, 'permission-explanations');
    let explanationUnknown = 0;
    const dialog = firstConsentDialog(evidence);
    const settings = evidence.settings;
    const settingsShot: EvidenceRef[] = settings.screenshot ? [{ kind: 'screenshot', file: settings.screenshot }] : [];
    const dialogLinks = dialog?.privacyLinks ?? [];
    const settingsLinks = settings.privacyLinks;

    for (const link of dialogLinks) {
      const tapped = link.openedByTap;
      if (tapped) {
        // Drawn words have no href: the address is where the capture's tap on them led.
        const opened: EvidenceRef[] = [...(tapped.crop ? [{ kind: 'screenshot' as const, file: tapped.crop }] : []), ...(tapped.screenshot ? [{ kind: 'screenshot' as const, file: tapped.screenshot }] : [])];
        findings.push({ message: `The first privacy dialog shows the words "${link.text}" (drawn, with no address); tapping them opened ${link.href}${tapped.title ? ` ("${tapped.title}")` : ''} in ${tapped.how}.`, evidence: [...opened, ...(dialog ? dialogRefs(dialog) : [])], severity: 'info', data: { where: 'dialog', href: link.href, openedByTap: true } });
        continue;
      }
      findings.push({ message: `The first privacy dialog links to "${link.text}" (${link.href}).`, evidence: dialog ? dialogRefs(dialog) : [], severity: 'info', data: { where: 'dialog', href: link.href } });
    }
    for (const link of settingsLinks) {
      findings.push({ message: `The settings link to "${link.text}" (${link.href}).`, evidence: settingsShot, severity: 'info', data: { where: 'settings', href: link.href } });
    }
    const settingsSeen = settings.readable && settings.source !== 'none' && notCollectedReason(evidence, 'settings') === undefined;
    let linkUnknown = false;
    const privacyButtons = dialogLinks.length === 0 ? (dialog?.buttons ?? []).filter((button) => privacyWords.test(button.text)) : [];
    for (const button of privacyButtons) {
      findings.push({ message: `The first privacy dialog shows "${button.text}"; where it leads was not recorded.`, evidence: [buttonRef(button, dialog?.screenshot), ...dialogRefs(dialog!)], severity: 'info', data: { where: 'dialog', control: button.text } });
    }
    if (dialogLinks.length + settingsLinks.length === 0) {
      if (linksNotLookedFor) {
        linkUnknown = true;
        findings.push({ message: linksNotLookedFor, evidence: [...(dialog ? dialogRefs(dialog) : []), ...settingsShot], severity: 'info' });
      } else if (privacyButtons.length > 0) {
        linkUnknown = true;
      } else if (!dialog && !settingsSeen) {
        linkUnknown = true;
        findings.push({ message: 'No privacy dialog was found and the settings could not be read, so a privacy link could not be looked for.', evidence: settingsShot, severity: 'info' });
      } else {
        fails += 1;
        missingLink = true;
        const places = [dialog ? 'the first privacy dialog' : undefined, settingsSeen ? 'the settings' : undefined].filter(Boolean).join(' or ');
        findings.push({
          message: `No link to a privacy notice or policy was found in ${places}.`,
          evidence: [...(dialog ? dialogRefs(dialog) : []), ...settingsShot],
          severity: 'fail',
        });
      }
    }

    for (const prompt of evidence.permissionPrompts) {
      const refs: EvidenceRef[] = [{ kind: 'event', id: prompt.eventId }, ...(prompt.screenshot ? [{ kind: 'screenshot' as const, file: prompt.screenshot }] : [])];
      if (!prompt.precededByExplanation && explanationsNotLookedFor) {
        explanationUnknown += 1;
        findings.push({
          message: `The system asked for ${prompt.permission} (${prompt.group}) during the ${prompt.phase} phase; whether the game explained why first was not looked for on this device: ${lowerFirst(explanationsNotLookedFor)}`,
          evidence: refs,
          severity: 'info',
          data: { permission: prompt.permission, explained: null, phase: prompt.phase },
        });
        continue;
      }
      if (prompt.precededByExplanation) {
        const explanationShot = prompt.precededByExplanation.screenshot;
        findings.push({
          message: `Before asking for ${prompt.permission}, the game explained: "${prompt.precededByExplanation.text}".`,
          evidence: [...refs, ...(explanationShot ? [{ kind: 'screenshot' as const, file: explanationShot }] : [])],
          severity: 'info',
          data: { permission: prompt.permission, explained: true },
        });
        continue;
      }
      fails += 1;
      unexplained += 1;
      findings.push({
        message: `The system asked for ${prompt.permission} (${prompt.group}) during the ${prompt.phase} phase with no explanation from the game first.`,
        evidence: refs,
        severity: 'fail',
        data: { permission: prompt.permission, explained: false, phase: prompt.phase },
      });
    }
    // Web position requests raise the browser's prompt; where no prompt was recorded for them,
    // a request before play cannot have followed an explanation the child asked for.
    for (const call of evidence.geolocation.calls) {
      if (!positionApis.has(call.api)) continue;
      if (evidence.permissionPrompts.some((prompt) => prompt.group === 'location' && prompt.phase === call.phase)) continue;
      const early = defaultPhases.includes(call.phase);
      if (early && explanationsNotLookedFor) {
        explanationUnknown += 1;
        findings.push({
          message: `The game asked for the location (${call.api}) during the ${call.phase} phase; whether it explained why first was not looked for on this device: ${lowerFirst(explanationsNotLookedFor)}`,
          evidence: [{ kind: 'event', id: call.eventId }],
          severity: 'info',
          data: { api: call.api, phase: call.phase, explained: null },
        });
        break;
      }
      if (early) {
        fails += 1;
        unexplained += 1;
      }
      findings.push({
        message: early
          ? `The game asked for the location (${call.api}) during the ${call.phase} phase with no explanation shown first.`
          : `The game asked for the location (${call.api}) during play; whether it explained why first was not recorded.`,
        evidence: [{ kind: 'event', id: call.eventId }],
        severity: early ? 'fail' : 'info',
        data: { api: call.api, phase: call.phase, explained: early ? false : null },
      });
      if (early) break; // one request without explanation makes the point; the rest are in other checks
    }

    if (fails > 0) {
      const reasons = [
        ...(missingLink ? ['no privacy notice is linked from the first privacy dialog or the settings'] : []),
        ...(unexplained > 0 ? [`${plural(unexplained, 'permission request')} came with no explanation from the game`] : []),
      ];
      const sentence = reasons.join(', and ');
      return { outcome: 'fail', summary: `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`, findings };
    }
    if (linkUnknown || explanationUnknown > 0) {
      const unseen = [
        ...(linkUnknown ? ['whether privacy information is reachable where the child makes choices'] : []),
        ...(explanationUnknown > 0 ? ['whether the game explained its permission requests first'] : []),
      ].join(', and ');
      return { outcome: 'inconclusive', summary: `${unseen.charAt(0).toUpperCase()}${unseen.slice(1)}${linkUnknown && explanationUnknown > 0 ? ',' : ''} could not be seen in this capture.`, findings };
    }
    return { outcome: 'pass', summary: 'A privacy notice is linked where the child makes choices, and every permission request was explained first.', findings };
  },
});
