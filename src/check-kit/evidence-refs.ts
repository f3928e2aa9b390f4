// Small shared helpers for checks: how to point a finding at the piece of evidence it relies on,
// and how to ask whether a phase was observed in full. Kept out of checks/ so that folder holds
// one file per check (design.md).
import type { Bounds, Button, ConsentDialog, Evidence, SettingControl } from '../evidence/schema.ts';
import type { Phase } from '../plan/schema.ts';
import type { EvidenceRef } from './contract.ts';

/** The phases that show the defaults: nothing a player did has changed anything yet. */
export const defaultPhases: readonly Phase[] = ['launch', 'consent', 'settings'];

export function settingRefs(control: SettingControl, screenshot: string | undefined): EvidenceRef[] {
  const refs: EvidenceRef[] = [{ kind: 'setting', label: control.label, ...(control.name ? { name: control.name } : {}) }];
  // The control on its screenshot, outlined where its bounds were recorded (a drawn control has no locator, only bounds).
  if (control.locator || (control.bounds && screenshot)) {
    refs.push({ kind: 'ui-node', label: control.label, ...(control.locator ? { locator: control.locator } : {}), ...(screenshot ? { screenshot, ...(control.bounds ? { bounds: control.bounds } : {}) } : {}) });
  }
  if (control.eventId) refs.push({ kind: 'event', id: control.eventId });
  // A control read from pixels points at the crop it was read from, beside the whole screen.
  if (control.pixels) refs.push({ kind: 'screenshot', file: control.pixels.crop });
  if (screenshot) refs.push({ kind: 'screenshot', file: screenshot });
  return refs;
}

/** The crop of the screenshot a button was read from, when it was read from pixels. */
export function buttonCropRefs(button: Button): EvidenceRef[] {
  return button.pixels ? [{ kind: 'screenshot', file: button.pixels.crop }] : [];
}

export function buttonRef(button: Button, screenshot: string | undefined): EvidenceRef {
  return { kind: 'ui-node', label: button.text, ...(button.locator ? { locator: button.locator } : {}), ...(screenshot ? { screenshot } : {}) };
}

export function dialogRefs(dialog: ConsentDialog): EvidenceRef[] {
  const refs: EvidenceRef[] = [{ kind: 'event', id: dialog.eventId }];
  if (dialog.screenshot) refs.push({ kind: 'screenshot', file: dialog.screenshot });
  return refs;
}

/** The screenshot taken during a phase, for findings that are about the whole phase. */
export function phaseScreenshotRefs(evidence: Pick<Evidence, 'screenshots'>, phase: Phase): EvidenceRef[] {
  return evidence.screenshots.filter((screen) => screen.phase === phase).map((screen) => ({ kind: 'screenshot', file: screen.file }));
}

/** Whether a phase ran to its end, so that "nothing seen" means "nothing happened". */
export function phaseCompleted(evidence: Pick<Evidence, 'phases'>, phase: Phase): boolean {
  return evidence.phases.some((record) => record.name === phase && record.status === 'complete');
}

export function area(bounds: Bounds | undefined): number | undefined {
  return bounds ? bounds.width * bounds.height : undefined;
}

/** The first consent dialog of the capture: the one a child meets first decides the defaults. */
export function firstConsentDialog(evidence: Pick<Evidence, 'consentDialogs'>): ConsentDialog | undefined {
  return [...evidence.consentDialogs].sort((a, b) => a.at.localeCompare(b.at) || a.eventId.localeCompare(b.eventId))[0];
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
