// The one comparison of a consent dialog's accept control with the way to decline: the nudge check's
// finding and the report's consent section both say this number, so it is computed once, here.
// The accept is compared with what the child must press first to decline: the decline button when
// it is on the first screen, otherwise the control that opens the options ("Manage options").
import type { Button, ConsentDialog } from '../evidence/schema.ts';
import { area } from './evidence-refs.ts';

export interface AcceptDeclineComparison {
  accept: Button;
  /** The first control on the way to declining. */
  declineStep: Button;
  /** Accept area over decline-step area; Infinity when the decline step has no size. */
  ratio: number;
  /** The ratio to one decimal, as every sentence gives it; null when the decline step has no size. */
  shownRatio: number | null;
  acceptArea: number;
  declineArea: number;
}

type Dialog = Pick<ConsentDialog, 'buttons' | 'stepsToDecline'>;

/** The first accept and the first step to decline that the child meets; either may be missing. */
export function acceptAndFirstDeclineStep(dialog: Dialog): { accept?: Button; declineStep?: Button; decline?: Button; manage?: Button; declineOnFirstScreen?: Button } {
  // Captures list the first screen's buttons first and append those found behind "manage", so
  // the first of each role is the one the child meets first.
  const visible = dialog.buttons.filter((button) => button.visible);
  const accept = visible.find((button) => button.role === 'accept');
  const decline = visible.find((button) => button.role === 'decline');
  const manage = visible.find((button) => button.role === 'manage' || button.role === 'link');
  // A decline control that took more than one step to reach (or that the capture found after "manage") is not on the first screen.
  const declineOnFirstScreen = decline && decline.layer !== 'manage' && (dialog.stepsToDecline === null || dialog.stepsToDecline <= 1) ? decline : undefined;
  const declineStep = declineOnFirstScreen ?? manage ?? decline;
  return { ...(accept ? { accept } : {}), ...(declineStep ? { declineStep } : {}), ...(decline ? { decline } : {}), ...(manage ? { manage } : {}), ...(declineOnFirstScreen ? { declineOnFirstScreen } : {}) };
}

/** The size comparison, when both controls were measured. */
export function compareAcceptWithDecline(dialog: Dialog): AcceptDeclineComparison | undefined {
  const { accept, declineStep } = acceptAndFirstDeclineStep(dialog);
  if (!accept || !declineStep) return undefined;
  const acceptArea = area(accept.bounds);
  const declineArea = area(declineStep.bounds);
  if (acceptArea === undefined || declineArea === undefined) return undefined;
  const ratio = declineArea === 0 ? Infinity : acceptArea / declineArea;
  return { accept, declineStep, ratio, shownRatio: Number.isFinite(ratio) ? Math.round(ratio * 10) / 10 : null, acceptArea, declineArea };
}

/** “Accept all & play!” is 24.7 times the area of “Manage options”, the way to decline. */
export function comparisonWords(comparison: AcceptDeclineComparison): string {
  const way = comparison.declineStep.role === 'decline' ? 'the decline button' : 'the way to decline';
  return comparison.shownRatio === null
    ? `“${comparison.accept.text}” has a size on screen while “${comparison.declineStep.text}”, ${way}, has none`
    : `“${comparison.accept.text}” is ${comparison.shownRatio} times the area of “${comparison.declineStep.text}”, ${way}`;
}
