// Standard 10: the game does not ask for, or use, the child's location as soon as it starts.
import { defineCheck, type EvidenceRef, type Finding, locationRequests, notCollectedReason, phaseCompleted, phaseScreenshotRefs, plural } from '../src/check-kit/index.ts';

/** API calls that actually ask for a position (and so trigger a prompt where none was given yet). */
const positionApis = new Set(['getCurrentPosition', 'watchPosition', 'android-location-request', 'ios-location-request']);

export default defineCheck({
  id: 'geolocation.permission-at-launch',
  standard: 10,
  title: 'Location is not requested at launch',
  failureTitle: 'Location is requested at launch, before any feature needs it',
  requires: ['geolocation', 'permissions'],
  optional: ['screenshots'],
  rationale:
    "Standard 10 of the Children's code (Geolocation) asks that location options are off by default and only used " +
    'when the child turns on a feature that needs them. A game that asks for, or reads, the location as soon as it ' +
    'opens has not waited for the child to choose such a feature. We record every location API call and permission ' +
    'prompt with the phase it happened in; any in the launch phase fails, and any before play began raises a concern.',
  evaluate({ evidence }) {
    const findings: Finding[] = [];
    let atLaunch = 0;
    let beforePlay = 0;
    /** Phases in which a position call was counted: its prompt is the same request. */
    const phasesWithCall = new Set<string>();
    let probes = 0;
    for (const request of locationRequests(evidence.geolocation.calls)) {
      const call = request[0]!;
      if (call.phase === 'play') continue;
      const where = call.frameUrl ? ` from ${call.frameUrl}` : '';
      if (!positionApis.has(call.api)) {
        // permissions.query only reads the permission state; it shows no prompt, but it is the
        // first step of asking, so it is reported without failing the check.
        probes += 1;
        findings.push({
          message: `The game checked the location permission state (${call.api})${where} during the ${call.phase} phase.`,
          evidence: [{ kind: 'event', id: call.eventId }],
          severity: 'info',
          data: { api: call.api, phase: call.phase },
        });
        continue;
      }
      const isLaunch = call.phase === 'launch';
      if (isLaunch) atLaunch += 1;
      else beforePlay += 1;
      phasesWithCall.add(call.phase);
      findings.push({
        message: `The game asked for the device position (${call.api})${where} during the ${call.phase} phase, before the player started any feature${request.length > 1 ? ` (one request, recorded by the device as ${request.length} entries in the same second)` : ''}.`,
        evidence: request.map((record) => ({ kind: 'event', id: record.eventId })),
        severity: isLaunch ? 'fail' : 'warn',
        data: { api: call.api, phase: call.phase, ...(call.frameUrl ? { frameUrl: call.frameUrl } : {}) },
      });
    }
    for (const prompt of evidence.permissionPrompts) {
      if (prompt.group !== 'location' || prompt.phase === 'play') continue;
      const isLaunch = prompt.phase === 'launch';
      // A position call shows the prompt it causes (review M4): the call and its prompt are one request, counted once.
      if (!phasesWithCall.has(prompt.phase)) {
        if (isLaunch) atLaunch += 1;
        else beforePlay += 1;
      }
      const evidenceRefs: EvidenceRef[] = [{ kind: 'event', id: prompt.eventId }];
      if (prompt.screenshot) evidenceRefs.push({ kind: 'screenshot', file: prompt.screenshot });
      findings.push({
        // On the web the prompt is the capture's record of a call, not something seen: a headless browser draws no prompt.
        message:
          evidence.platform === 'web'
            ? `The page's request for location during the ${prompt.phase} phase would make a browser show its location prompt; a headless capture cannot draw it, so no prompt was seen.`
            : `A location permission prompt (${prompt.permission}) appeared during the ${prompt.phase} phase: "${prompt.text}".`,
        evidence: evidenceRefs,
        severity: isLaunch ? 'fail' : 'warn',
        data: { permission: prompt.permission, phase: prompt.phase },
      });
    }

    if (atLaunch > 0) {
      return { outcome: 'fail', summary: `Location was requested ${plural(atLaunch, 'time')} at launch, before the player did anything.`, findings };
    }
    if (beforePlay > 0) {
      return { outcome: 'warn', summary: `Location was requested ${plural(beforePlay, 'time')} on the consent or settings screens, before play started.`, findings };
    }
    // A capture that could not see the system's dialogs (an assisted capture without Appium) saw no prompt, which is not "none".
    const promptsNotSeen = notCollectedReason(evidence, 'permission-prompts');
    if (promptsNotSeen) {
      return {
        outcome: 'inconclusive',
        summary: 'No location request was seen, but this capture could not see the system permission dialogs.',
        findings: [...findings, { message: promptsNotSeen, evidence: phaseScreenshotRefs(evidence, 'launch'), severity: 'info' }],
      };
    }
    if (!phaseCompleted(evidence, 'launch')) {
      return {
        outcome: 'inconclusive',
        summary: 'No location request was seen, but the launch phase was not observed in full.',
        findings: [...findings, { message: 'The launch phase did not complete, so a request may have been missed.', evidence: phaseScreenshotRefs(evidence, 'launch'), severity: 'info' }],
      };
    }
    return {
      outcome: 'pass',
      summary: probes > 0 ? 'Location was not requested at launch (the permission state was only checked).' : 'Location was neither requested nor used at launch.',
      findings,
    };
  },
});
