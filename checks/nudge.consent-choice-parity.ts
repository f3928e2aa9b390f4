// Standard 13: the first privacy or consent dialog makes saying no as easy as saying yes.
import { acceptAndFirstDeclineStep, buttonCropRefs, compareAcceptWithDecline, comparisonWords, buttonRef, defineCheck, dialogRefs, type Finding, firstConsentDialog, notCollectedReason, phaseCompleted, phaseScreenshotRefs, plural } from '../src/check-kit/index.ts';

/**
 * Buttons differ in size with their wording ("Accept" against "Reject all") by a third or so;
 * an accept target twice the area of the decline target is a deliberate difference in prominence,
 * the "big yes, small no" the ICO gives as its example of a nudge. Between 1.5 and 2 times is
 * reported as a concern for a person to look at on the screenshot.
 */
export const nudgeAreaRatio = 2;
export const concernAreaRatio = 1.5;
/**
 * From pixels (a dialog drawn by the game): a choice is "bright" when its colour is saturated
 * (HSV ≥ 0.5, an orange or green fill) and "plain" when it is grey (≤ 0.2); "yes" drawn as a
 * bright shape and "no" as plain words with no shape is the ICO's bright yes against small print.
 */
export const brightSaturation = 0.5;
export const plainSaturation = 0.2;

export default defineCheck({
  id: 'nudge.consent-choice-parity',
  standard: 13,
  title: 'Declining is as easy and as visible as accepting',
  failureTitle: 'The consent dialog nudges the child towards accepting',
  requires: ['consent', 'device'],
  optional: ['screenshots'],
  rationale:
    "Standard 13 of the Children's code (Nudge techniques) says a game must not steer children into giving more data " +
    'or turning protections off, for example with a large, bright "yes" beside a small "no", or a no that takes many ' +
    'more steps. We measure the first privacy or consent dialog: whether it offers a way to decline at all, how large ' +
    'the accept and decline controls are, whether the decline control can be seen without scrolling, how many steps ' +
    'each path takes, and whether any box is ticked before the child touches it.',
  evaluate({ evidence }) {
    const dialog = firstConsentDialog(evidence);
    if (!dialog) {
      if (!phaseCompleted(evidence, 'consent')) {
        return {
          outcome: 'inconclusive',
          summary: 'No consent dialog was recorded, but the consent phase did not complete.',
          findings: [{ message: 'The consent phase did not complete, so a dialog may have been missed.', evidence: phaseScreenshotRefs(evidence, 'consent'), severity: 'info' }],
        };
      }
      // A screen the capture could not read (a game engine's canvas) hides any dialog drawn on it.
      const notLookedFor = notCollectedReason(evidence, 'consent-dialog');
      if (notLookedFor) {
        return {
          outcome: 'inconclusive',
          summary: 'A privacy or consent dialog could not be looked for on this device, so the choice could not be compared.',
          findings: [{ message: notLookedFor, evidence: phaseScreenshotRefs(evidence, 'consent'), severity: 'info' }],
        };
      }
      return {
        outcome: 'not-applicable',
        summary: 'No privacy or consent dialog was found during the capture, so there was no choice to compare.',
        findings: [{ message: 'No privacy or consent dialog was found during the capture.', evidence: phaseScreenshotRefs(evidence, 'consent'), severity: 'info' }],
      };
    }
    const shot = dialog.screenshot;
    const refs = dialogRefs(dialog);
    const findings: Finding[] = [];
    let fails = 0;
    let warns = 0;
    const { accept, decline, manage, declineOnFirstScreen, declineStep: firstDeclineStep } = acceptAndFirstDeclineStep(dialog);
    const visible = dialog.buttons.filter((button) => button.visible);

    for (const box of dialog.checkboxes.filter((checkbox) => checkbox.checked)) {
      fails += 1;
      findings.push({
        message: `The box "${box.label}" was already ticked before the child touched it.`,
        // The box is outlined on the screen it was read on (boxes behind "manage" are not on the first one).
        evidence: [{ kind: 'ui-node', label: box.label, ...((box.screenshot ?? shot) ? { screenshot: box.screenshot ?? shot } : {}), ...(box.bounds ? { bounds: box.bounds } : {}) }, ...refs],
        severity: 'fail',
        data: { checkbox: box.label },
      });
    }

    if (!accept && !decline) {
      return {
        outcome: fails > 0 ? 'fail' : 'inconclusive',
        summary: fails > 0 ? 'The consent dialog has pre-ticked boxes.' : 'The dialog’s accept and decline controls could not be told apart.',
        findings: [...findings, { message: `The dialog's controls (${visible.map((button) => `"${button.text}"`).join(', ') || 'none'}) include no recognisable accept or decline.`, evidence: refs, severity: 'info' }],
      };
    }

    if (accept && !decline && dialog.stepsToDecline === null) {
      fails += 1;
      findings.push({
        message: `The dialog offers "${accept.text}" but no way to decline was found${manage ? `, even through "${manage.text}"` : ''}.`,
        evidence: [buttonRef(accept, shot), ...refs],
        severity: 'fail',
        data: { accept: accept.text, decline: null },
      });
    } else if (dialog.stepsToAccept !== null && dialog.stepsToDecline !== null && dialog.stepsToDecline > dialog.stepsToAccept) {
      fails += 1;
      findings.push({
        message: `Accepting takes ${plural(dialog.stepsToAccept, 'step')} but declining takes ${plural(dialog.stepsToDecline, 'step')}${!declineOnFirstScreen && manage ? ` (through "${manage.text}")` : ''}.`,
        evidence: [...refs, ...dialog.declineScreens.map((file) => ({ kind: 'screenshot' as const, file }))],
        severity: 'fail',
        data: { stepsToAccept: dialog.stepsToAccept, stepsToDecline: dialog.stepsToDecline },
      });
    } else if (dialog.stepsToAccept === null && dialog.stepsToDecline !== null && dialog.stepsToDecline > 1) {
      // The capture never accepts, so only the decline path has a length: say so, compare nothing.
      warns += 1;
      findings.push({
        message: `Declining took ${plural(dialog.stepsToDecline, 'step')}${!declineOnFirstScreen && manage ? ` (through "${manage.text}")` : ''}; the steps to accept were not measured, so the lengths of the two paths could not be compared.`,
        evidence: [...refs, ...dialog.declineScreens.map((file) => ({ kind: 'screenshot' as const, file }))],
        severity: 'warn',
        data: { stepsToAccept: null, stepsToDecline: dialog.stepsToDecline },
      });
    }

    // Compare the accept control with whatever the child must press first to decline (one computation, shared with the report).
    let sizeCompared = false;
    if (accept && firstDeclineStep) {
      const comparison = compareAcceptWithDecline(dialog);
      if (comparison) {
        sizeCompared = true;
        const { ratio, shownRatio, acceptArea, declineArea } = comparison;
        if (ratio >= concernAreaRatio) {
          const isNudge = ratio >= nudgeAreaRatio;
          if (isNudge) fails += 1;
          else warns += 1;
          findings.push({
            message: `${comparisonWords(comparison)}${isNudge ? '' : ' (a noticeable difference)'}.`,
            evidence: [buttonRef(accept, shot), buttonRef(firstDeclineStep, shot), ...refs],
            severity: isNudge ? 'fail' : 'warn',
            data: { accept: accept.text, decline: firstDeclineStep.text, areaRatio: shownRatio, acceptArea, declineArea },
          });
        }
      }
      // What the pixels show: prominence counts, not only size (a bright yes, a plain no).
      const acceptLook = accept.pixels?.prominence;
      const declineLook = firstDeclineStep.pixels?.prominence;
      if (acceptLook && declineLook) {
        sizeCompared = true;
        const reasons: string[] = [];
        if (accept.pixels?.shape === 'filled' && firstDeclineStep.pixels?.shape === 'none') reasons.push(`"${accept.text}" is drawn on a filled shape while "${firstDeclineStep.text}" is bare words`);
        if (acceptLook.saturation >= brightSaturation && declineLook.saturation <= plainSaturation) reasons.push(`"${accept.text}" is a bright colour (${acceptLook.colour}) and "${firstDeclineStep.text}" is grey (${declineLook.colour})`);
        if (acceptLook.textHeight >= declineLook.textHeight * 1.5) reasons.push(`its words are ${Math.round((acceptLook.textHeight / declineLook.textHeight) * 10) / 10} times as tall`);
        if (reasons.length > 0) {
          fails += 1;
          findings.push({
            message: `Read from the screenshot: ${reasons.join('; ')}.`,
            evidence: [buttonRef(accept, shot), ...buttonCropRefs(accept), buttonRef(firstDeclineStep, shot), ...buttonCropRefs(firstDeclineStep), ...refs],
            severity: 'fail',
            data: { accept: accept.text, decline: firstDeclineStep.text, acceptColour: acceptLook.colour, declineColour: declineLook.colour, acceptTextHeight: acceptLook.textHeight, declineTextHeight: declineLook.textHeight, acceptConfidence: accept.pixels!.confidence, declineConfidence: firstDeclineStep.pixels!.confidence },
          });
        }
      }
      const viewportHeight = evidence.device.viewport?.height;
      const bounds = firstDeclineStep.bounds;
      if (viewportHeight !== undefined && bounds && bounds.y + bounds.height > viewportHeight && accept.bounds && accept.bounds.y + accept.bounds.height <= viewportHeight) {
        warns += 1;
        findings.push({
          message: `"${firstDeclineStep.text}" sits below the visible screen while "${accept.text}" does not; the child has to scroll to find it.`,
          evidence: [buttonRef(firstDeclineStep, shot), ...refs],
          severity: 'warn',
          data: { declineTop: bounds.y, viewportHeight },
        });
      }
    }

    if (fails > 0) return { outcome: 'fail', summary: 'The consent dialog makes accepting easier or more prominent than declining.', findings };
    if (warns > 0) return { outcome: 'warn', summary: 'Declining is possible, but less prominent than accepting.', findings };
    if (!sizeCompared) {
      return {
        outcome: 'inconclusive',
        summary: 'A decline path exists, but the sizes of the accept and decline controls were not recorded, so their prominence could not be compared.',
        findings: [...findings, { message: 'The size of the accept or decline control was not recorded; compare them on the screenshot.', evidence: refs, severity: 'info' }],
      };
    }
    return {
      outcome: 'pass',
      summary:
        dialog.stepsToAccept === null
          ? 'The first consent dialog offers accept and decline on its first screen with the same prominence, and no pre-ticked boxes; the steps to accept were not measured.'
          : 'The first consent dialog offers accept and decline with the same prominence and number of steps, and no pre-ticked boxes.',
      findings: [
        {
          message: `"${accept!.text}" and "${firstDeclineStep!.text}" are offered at the same level and of similar size.`,
          evidence: [buttonRef(accept!, shot), buttonRef(firstDeclineStep!, shot), ...refs],
          severity: 'info',
        },
      ],
    };
  },
});
