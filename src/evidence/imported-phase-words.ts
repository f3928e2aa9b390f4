// Sentences for reports about an imported bundle: who vouches for the phases of its requests,
// and what the imported file could never show.
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

/** What the imported file lacks, as one sentence; undefined for bundles imported before this was recorded. */
export function importedLacksWords(imported: ImportedHar): string | undefined {
  if (!imported.lacks?.length) return undefined;
  const hash = imported.sha256 ? ` (sha256 ${imported.sha256}, kept unchanged in the bundle)` : '';
  return `${imported.file}${hash} does not hold ${imported.lacks.join('; ')}: what it lacks was not seen, which is not the same as absent.`;
}
