// Standard 11: where a game has parental controls that let a parent watch, the child is told.
import { allOf, defineCheck, type EvidenceRef, type Finding, notCollectedReason, plural } from '../src/check-kit/index.ts';

export default defineCheck({
  id: 'parental-controls.monitoring-sign',
  standard: 11,
  title: 'The settings say the child is shown when a parent monitors them',
  failureTitle: 'The settings do not say the child is shown when a parent monitors them',
  requires: ['settings'],
  rationale:
    "Standard 11 of the Children's code (Parental controls) asks that, where parents can monitor a child's activity " +
    'or location, the child gets an obvious sign that this is happening and information suited to their age. We look ' +
    'for parental controls on the settings screens and record whether their text says that monitoring is shown to the ' +
    'child. Whether a sign then appears while a parent monitors is not tested, and controls that live outside the game ' +
    '(a parent website or app) cannot be seen in a capture.',
  evaluate({ evidence }) {
    const settings = evidence.settings;
    const shot: EvidenceRef[] = settings.screenshot ? [{ kind: 'screenshot', file: settings.screenshot }] : [];
    if (!settings.readable || settings.source === 'none') {
      return {
        outcome: 'inconclusive',
        title: 'Parental controls could not be looked for: the settings were not read',
        summary: 'The settings could not be read, so parental controls could not be looked for.',
        findings: [{ message: 'The settings screen could not be read.', evidence: shot, severity: 'info' }],
      };
    }
    const controls = settings.parentalControls;
    // An empty list from a capture that never looked for them says nothing about the game.
    const notLookedFor = controls.length === 0 ? notCollectedReason(evidence, 'parental-controls') : undefined;
    if (notLookedFor) {
      return {
        outcome: 'inconclusive',
        title: 'Parental controls were not looked for in this capture',
        summary: 'Parental controls were not looked for on this device, so whether the child is shown a sign of monitoring could not be assessed.',
        findings: [{ message: notLookedFor, evidence: shot, severity: 'info' }],
      };
    }
    if (controls.length === 0) {
      return {
        outcome: 'not-applicable',
        title: 'No parental controls were found in the settings',
        summary: 'No parental controls were found in the game’s settings.',
        findings: [{ message: 'No parental controls were found on the settings screens; any outside the game were not examined.', evidence: shot, severity: 'info' }],
      };
    }
    const findings: Finding[] = controls.map((control) => ({
      message:
        control.monitoringSignalled === true
          ? `"${control.label}": the settings text says that monitoring is shown to the child; whether a sign appears during monitoring was not tested.`
          : control.monitoringSignalled === false
            ? `"${control.label}": the settings text does not say that monitoring is shown to the child; whether a sign appears during monitoring was not tested.`
            : `"${control.label}": whether the settings text says that monitoring is shown to the child could not be read; whether a sign appears during monitoring was not tested.`,
      evidence: [{ kind: 'ui-node', label: control.label, ...(settings.screenshot ? { screenshot: settings.screenshot } : {}) }, ...shot],
      severity: control.monitoringSignalled === false ? 'fail' : 'info',
      data: { control: control.label, monitoringSignalled: control.monitoringSignalled },
    }));
    const unsignalled = controls.filter((control) => control.monitoringSignalled === false).length;
    const unknown = controls.filter((control) => control.monitoringSignalled === null).length;
    const ofControls = (count: number) => (controls.length === 1 ? 'the parental control found' : count === controls.length ? allOf(count, 'parental control') : `${count} of the ${controls.length} parental controls found`);
    if (unsignalled > 0) return { outcome: 'fail', summary: `The settings text of ${ofControls(unsignalled)} does not say that monitoring is shown to the child; whether a sign appears during monitoring was not tested.`, findings };
    if (unknown > 0) return { outcome: 'inconclusive', title: 'Parental controls were found; what their text says could not be read', summary: `Parental controls were found, but for ${plural(unknown, 'control')} what the settings text says about monitoring could not be read; whether a sign appears during monitoring was not tested.`, findings };
    return { outcome: 'pass', summary: `The settings text of ${ofControls(controls.length)} says that monitoring is shown to the child; whether a sign appears during monitoring was not tested.`, findings };
  },
});
