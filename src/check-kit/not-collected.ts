// Reading the capture's own "not collected" flags (evidence.notCollected), so a check can say
// "was not looked for on this device" where it would otherwise read silence as absence.
import type { Evidence, NotCollectedItem } from '../evidence/schema.ts';

/** The capture's reason for not collecting the item, or undefined when it did collect it. */
export function notCollectedReason(evidence: Pick<Evidence, 'notCollected'>, item: NotCollectedItem): string | undefined {
  return evidence.notCollected.find((entry) => entry.item === item)?.reason;
}
