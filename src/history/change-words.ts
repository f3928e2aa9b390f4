// A change of status in the words the history page and CSV share:
// "Default settings: does not conform → conforms on 2027-03-02".
import { statusLabels } from '../report/words.ts';
import type { StandardStatus } from '../scoring/standards.ts';
import type { StatusChange } from './build-history.ts';

function statusWords(status: StandardStatus | null): string {
  return status ? statusLabels[status].words.toLowerCase() : 'not in this result';
}

export function changeWords(change: StatusChange, capturedOn: string): string {
  return `${change.standardName}: ${statusWords(change.before)} → ${statusWords(change.after)} on ${capturedOn}`;
}
