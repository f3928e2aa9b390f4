// evidence.json's record of an import-har bundle: whose file it was, who said which phase its
// requests were sent in, and what the file did not hold. Checks that speak of "before any privacy
// choice" read phaseSource/phasesAssumed; reports show it beside the phases.
import { z } from 'zod';
import { PhaseSchema } from '../plan/schema.ts';
import { importFormats } from './import/detect-format.ts';

/** Where an imported bundle's traffic came from, and how much of it the file really held. */
export const ImportedHarSchema = z.strictObject({
  file: z.string().describe('The imported HAR, kept unchanged as imported/<file>'),
  creator: z.string().describe('The tool that recorded it, as the file names it'),
  phaseSource: z
    .enum(['not-recorded', 'operator', 'har-file', 'first-choice-time'])
    .describe(
      'not-recorded: no request says which phase it was sent in; operator: --phase gave one phase for the whole capture; har-file: every entry carried a gameaudit _phase; first-choice-time: --first-choice-at gave the time of the first privacy choice, so what came before it is launch and what came after it consent',
    ),
  phasesAssumed: z
    .boolean()
    .describe('True unless the file recorded each phase: the phases are unknown or the operator\'s word, not observed, so "before any privacy choice" cannot rest on them'),
  operatorPhase: PhaseSchema.optional().describe('The phase --phase named'),
  firstChoiceAt: z.iso.datetime().optional().describe('The time --first-choice-at gave for the first privacy choice'),
  format: z.enum(importFormats).optional().describe('What the file is, told from its content; absent from bundles older than `gameaudit import`, which were all HAR'),
  sha256: z.string().optional().describe('sha256 of the original file as given, kept byte for byte as imported/<file>'),
  app: z.string().optional().describe('The bundle id or package (--app) whose records a domain-level export was read for'),
  lacks: z.array(z.string()).optional().describe('What this kind of file never holds, whatever the game did (e.g. request contents for an App Privacy Report)'),
  entriesInFile: z.number().int().min(0),
  entriesLeftOut: z
    .array(z.strictObject({ index: z.number().int().min(0), field: z.string(), problem: z.string() }))
    .describe('Entries of the file that name no usable request (no method, no absolute URL), by their index in the file'),
  entriesNotRequests: z.number().int().min(0).optional().describe('Entries of the file that are not network requests (data:, blob: URLs): set aside, not traffic'),
  fieldsMissing: z
    .record(z.string(), z.number().int().min(0))
    .describe('HAR field → how many imported entries lack it (not captured, which is not the same as empty); see each entry\'s _missing'),
});
export type ImportedHar = z.infer<typeof ImportedHarSchema>;
