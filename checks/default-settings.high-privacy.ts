// Standard 7: every privacy control, as the child first finds it, is at its most private value.
import { categoryDescriptions, classifyControl, countOfTotal, defineCheck, type Finding, matchesExpectation, notCollectedReason, plural, settingRefs } from '../src/check-kit/index.ts';

export default defineCheck({
  id: 'default-settings.high-privacy',
  standard: 7,
  title: 'Privacy settings are high privacy by default',
  failureTitle: 'Privacy settings are not high privacy by default',
  requires: ['settings'],
  rationale:
    "Standard 7 of the Children's code (Default settings) asks that settings start at high privacy, so a child's " +
    'data is only used more widely if they choose to change it. We read every privacy control on the settings screens ' +
    "without touching it and compare its value with the plan's expected high-privacy value, or, where the plan gives " +
    'none, with the most private value for that kind of control (ads personalisation off, profile and chat limited to ' +
    'no one, location sharing off, analytics sharing off). Controls we cannot place are listed for a person to judge.',
  evaluate({ evidence }) {
    const settings = evidence.settings;
    const screenshot = settings.screenshot;
    // The capture's own flag says why it read nothing; its reason is the most precise one.
    const notRead = notCollectedReason(evidence, 'settings');
    if (notRead !== undefined || settings.source === 'none' || !settings.readable || settings.controls.length === 0) {
      const why = notRead !== undefined
        ? 'the settings were not read in this capture'
        : !settings.readable
        ? 'the settings screen could not be read (for example a game drawn on one canvas)'
        : settings.source === 'none'
          ? 'no settings were read in this capture'
          : 'no privacy controls were found on the settings screens';
      return {
        outcome: 'inconclusive',
        summary: `Default privacy settings could not be assessed: ${why}.`,
        findings: [
          {
            message: `Default privacy settings could not be assessed: ${why}.${notRead !== undefined ? ` ${notRead}` : ''}${settings.note && settings.note !== notRead ? ` ${settings.note}` : ''}`,
            evidence: screenshot ? [{ kind: 'screenshot', file: screenshot }] : [],
            severity: 'info',
          },
        ],
      };
    }

    const findings: Finding[] = [];
    let scored = 0;
    let low = 0;
    let middle = 0;
    for (const control of settings.controls) {
      const refs = settingRefs(control, screenshot);
      const expected = control.name !== undefined ? evidence.expectations[control.name] : undefined;
      // A value read from the screenshot says so, with how sure the reading was.
      const fromPixels = control.pixels ? ` (read from the screenshot's pixels: ${control.pixels.evidence ?? 'drawn control'}; confidence ${control.pixels.confidence})` : '';
      const shown = `"${control.label}" is set to ${JSON.stringify(control.value)}${fromPixels}`;
      if (expected !== undefined) {
        scored += 1;
        if (matchesExpectation(control.value, expected)) continue;
        low += 1;
        findings.push({
          message: `${shown}; the plan expects ${JSON.stringify(expected)} as its high-privacy default.`,
          evidence: refs,
          severity: 'fail',
          data: { setting: control.label, value: String(control.value), expected: String(expected), basis: 'plan' },
        });
        continue;
      }
      const classified = classifyControl(control);
      if (!classified.category || classified.judgement === 'unknown') {
        findings.push({
          message: `${shown}; not scored because ${classified.reason}. A person should judge whether it is a privacy control and its default.`,
          evidence: refs,
          severity: 'info',
          data: { setting: control.label, value: String(control.value), basis: 'unknown' },
        });
        continue;
      }
      scored += 1;
      const about = categoryDescriptions[classified.category];
      if (classified.judgement === 'high') continue;
      if (classified.judgement === 'low') low += 1;
      else middle += 1;
      findings.push({
        message: `${shown}, which is not its high-privacy value for ${about}: ${classified.reason}.`,
        evidence: refs,
        severity: classified.judgement === 'low' ? 'fail' : 'warn',
        data: { setting: control.label, value: String(control.value), category: classified.category, basis: 'label' },
      });
    }

    // A control the plan names but the capture did not read leaves a hole in the picture.
    const readNames = new Set(settings.controls.map((control) => control.name).filter(Boolean));
    const unread = Object.keys(evidence.expectations).filter((name) => !readNames.has(name)).sort();
    for (const name of unread) {
      findings.push({
        message: `The plan expects a setting named "${name}" but it was not read in this capture.`,
        evidence: screenshot ? [{ kind: 'screenshot', file: screenshot }] : [],
        severity: 'info',
        data: { setting: name, basis: 'plan' },
      });
    }

    if (low > 0) {
      const { subject, verb } = countOfTotal(low, scored, 'privacy setting');
      return { outcome: 'fail', summary: `${subject} ${verb} at a low-privacy value.`, findings };
    }
    if (middle > 0) {
      const { subject, verb } = countOfTotal(middle, scored, 'privacy setting');
      return { outcome: 'warn', summary: `${subject} ${verb} at a value that is not the most private.`, findings };
    }
    if (scored === 0) {
      return { outcome: 'inconclusive', summary: 'None of the controls read could be placed as a privacy setting; a person must judge them.', findings };
    }
    if (unread.length > 0) {
      return { outcome: 'inconclusive', summary: `${scored === 1 ? 'The privacy setting that was read is' : `The ${plural(scored, 'privacy setting')} that were read are`} high privacy, but ${plural(unread.length, 'expected setting')} could not be read.`, findings };
    }
    const { subject, verb } = countOfTotal(scored, scored, 'privacy setting', 'privacy settings', { one: 'was read and starts', many: 'that were read start' });
    return { outcome: 'pass', summary: `${subject} ${verb} at ${scored === 1 ? 'its' : 'their'} high-privacy value.`, findings };
  },
});
