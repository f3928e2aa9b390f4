// The Children's code's 15 standards (ICO, in force since 2 September 2021) and the one rule that
// turns check outcomes and investigators' findings into a status per standard.
import type { Outcome } from '../check-kit/contract.ts';

export const standards = [
  { number: 1, name: 'Best interests of the child', automatable: false },
  { number: 2, name: 'Data protection impact assessments', automatable: false },
  { number: 3, name: 'Age appropriate application', automatable: true },
  { number: 4, name: 'Transparency', automatable: true },
  { number: 5, name: 'Detrimental use of data', automatable: false },
  { number: 6, name: 'Policies and community standards', automatable: false },
  { number: 7, name: 'Default settings', automatable: true },
  { number: 8, name: 'Data minimisation', automatable: true },
  { number: 9, name: 'Data sharing', automatable: true },
  { number: 10, name: 'Geolocation', automatable: true },
  { number: 11, name: 'Parental controls', automatable: true },
  { number: 12, name: 'Profiling', automatable: true },
  { number: 13, name: 'Nudge techniques', automatable: true },
  { number: 14, name: 'Connected toys and devices', automatable: false },
  { number: 15, name: 'Online tools', automatable: false },
] as const;
export type StandardNumber = (typeof standards)[number]['number'];

export const standardStatuses = ['conforms', 'concerns', 'does-not-conform', 'not-assessed', 'error'] as const;
export type StandardStatus = (typeof standardStatuses)[number];

export function standardName(number: number): string {
  return standards.find((standard) => standard.number === number)?.name ?? `Standard ${number}`;
}

/**
 * The rule, in one place: the worst outcome decides. fail → does-not-conform; warn or
 * inconclusive → concerns (inconclusive never counts as conforming: something could not be
 * seen); error → error (shown as such, never hidden); all pass/not-applicable → conforms
 * (all not-applicable, or nothing at all → not-assessed).
 */
export function statusFromOutcomes(outcomesSeen: readonly Outcome[]): StandardStatus {
  if (outcomesSeen.length === 0) return 'not-assessed';
  if (outcomesSeen.includes('fail')) return 'does-not-conform';
  if (outcomesSeen.includes('error')) return 'error';
  if (outcomesSeen.includes('warn') || outcomesSeen.includes('inconclusive')) return 'concerns';
  if (outcomesSeen.every((outcome) => outcome === 'not-applicable')) return 'not-assessed';
  return 'conforms';
}
