// Standard 11: where a game has parental controls that let a parent watch, the child is told.
import { defineCheck, type EvidenceRef, type Finding, notCollectedReason, plural } from '../src/check-kit/index.ts';

export default defineCheck({
  id: 'parental-controls.monitoring-sign',
  standard: 11,
  title: 'The child is shown when a parent can monitor them',
  failureTitle: 'Parental monitoring is not signalled to the child',
  requires: ['settings'],
  rationale:
    "Standard 11 of the Children's code (Parental controls) asks that, where parents can monitor a child's activity " +
    'or location, the child gets an obvious sign that this is happening and information suited to their age. We look ' +
    'for parental controls on the settings screens and record whether each one shows the child that monitoring is on. ' +
    'Controls that live outside the game (a parent website or app) cannot be seen in a capture.',
  evaluate({ evidence }) {
    const settings = evidence.settings;
    const shot: EvidenceRef[] = settings.screenshot ? [{ kind: 'screenshot', file: settings.screenshot }] : [];
    if (!settings.readable || settings.source === 'none') {
      return {
        outcome: 'inconclusive',
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
        summary: 'Parental controls were not looked for on this device, so whether the child is shown a sign of monitoring could not be assessed.',
        findings: [{ message: notLookedFor, evidence: shot, severity: 'info' }],
      };
    }
    if (controls.length === 0) {
      return {
        outcome: 'not-applicable',
        summary: 'No parental controls were found in the game’s settings.',
        findings: [{ message: 'No parental controls were found on the settings screens; any outside the game were not examined.', evidence: shot, severity: 'info' }],
      };
    }
    const findings: Finding[] = controls.map((control) => ({
      message:
        control.monitoringSignalled === true
          ? `"${control.label}": the child is shown that monitoring is on.`
          : control.monitoringSignalled === false
            ? `"${control.label}": a parent can use this control, and nothing shows the child that they are being monitored.`
            : `"${control.label}": whether the child is shown that monitoring is on could not be observed.`,
      evidence: [{ kind: 'ui-node', label: control.label, ...(settings.screenshot ? { screenshot: settings.screenshot } : {}) }, ...shot],
      severity: control.monitoringSignalled === false ? 'fail' : 'info',
      data: { control: control.label, monitoringSignalled: control.monitoringSignalled },
    }));
    const unsignalled = controls.filter((control) => control.monitoringSignalled === false).length;
    const unknown = controls.filter((control) => control.monitoringSignalled === null).length;
    if (unsignalled > 0) return { outcome: 'fail', summary: `${plural(unsignalled, 'parental control')} ${unsignalled === 1 ? 'gives' : 'give'} no sign to the child that they are monitored.`, findings };
    if (unknown > 0) return { outcome: 'inconclusive', summary: `Parental controls were found, but for ${plural(unknown, 'control')} the sign to the child could not be observed.`, findings };
    return { outcome: 'pass', summary: controls.length === 1 ? 'The parental control found shows the child when monitoring is on.' : `All ${controls.length} parental controls found show the child when monitoring is on.`, findings };
  },
});
