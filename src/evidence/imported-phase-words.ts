// One sentence saying who vouches for the phases of an imported bundle's requests, for reports.
import type { ImportedHar } from './imported-har-schema.ts';

export function importedPhaseWords(imported: ImportedHar): string {
  switch (imported.phaseSource) {
    case 'operator':
      return `The traffic was imported from ${imported.file} (recorded with ${imported.creator}); the operator said the whole capture was the ${imported.operatorPhase} phase, which gameaudit did not observe.`;
    case 'har-file':
      return `The traffic was imported from ${imported.file} (recorded with ${imported.creator}); each request's phase is as the file recorded it.`;
    case 'first-choice-time':
      return `The traffic was imported from ${imported.file} (recorded with ${imported.creator}); the operator said the first privacy choice was made at ${imported.firstChoiceAt}, which gameaudit did not observe, so what came before it counts as launch and what came after as consent.`;
    case 'not-recorded':
      return `The traffic was imported from ${imported.file} (recorded with ${imported.creator}), which does not say which phase any request was sent in, so nothing here says what happened before a privacy choice.`;
  }
}
