// For a capture made as one of a plan's personas: the game's other persona captures on the same
// platform (its sibling bundles, runs/<run>/<game>/<platform>-<persona>/), each verified, analysed
// and reduced to what the persona comparison compares. A sibling that does not verify, is
// incomplete in what is compared, or cannot be read at all is still listed, with the reason it
// cannot be compared, so no comparison rests on it and no check calls the persona absent.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { personaTreatmentOf, type PersonaCapture, type UnreadablePersonaCapture } from '../check-kit/persona-treatment.ts';
import { InputFileError } from '../errors.ts';
import { readEvidence } from '../evidence/bundle-reader.ts';
import { analyseBundleNetwork } from './analyse-bundle-network.ts';
import { bundleFiles } from '../evidence/bundle-writer.ts';
import { describeVerifyProblems, verifyBundle } from '../evidence/manifest.ts';
import type { Evidence, EvidenceArea, PersonaRecord } from '../evidence/schema.ts';

/** The evidence areas the persona comparison reads: a fault in any of them leaves it without its ground. */
const comparedAreas: readonly EvidenceArea[] = ['network', 'identifiers', 'settings', 'age-gate'];

function withoutFullStop(message: string): string {
  return message.trim().replace(/\.$/, '');
}

function unreadable(dir: string, file: string, error: unknown, persona?: PersonaRecord): UnreadablePersonaCapture {
  const problem = !existsSync(path.join(dir, file))
    ? `it holds no ${file} (the capture stopped before writing it; the run's log says why)`
    : `${file} ${withoutFullStop(error instanceof InputFileError ? error.problem : (error as Error).message)}`;
  return { bundle: path.basename(dir), ...(persona ? { persona } : {}), problem: `could not be read: ${problem}`, unreadable: true };
}

async function siblingCapture(dir: string, platform: Evidence['platform']): Promise<PersonaCapture | undefined> {
  // Persona bundles are named <platform>-<persona> (plan/persona-plan.ts): one that cannot be read
  // is still this platform's persona capture, whatever persona it played.
  const personaFolder = path.basename(dir).startsWith(`${platform}-`);
  let evidence: Evidence;
  try {
    evidence = readEvidence(dir);
  } catch (error) {
    return personaFolder ? unreadable(dir, bundleFiles.evidence, error) : undefined;
  }
  if (!evidence.persona || evidence.platform !== platform) return undefined;
  let analysed: ReturnType<typeof analyseBundleNetwork>;
  try {
    // Streamed, as the bundle being scored is.
    analysed = analyseBundleNetwork(dir, evidence);
  } catch (error) {
    return unreadable(dir, bundleFiles.har, error, evidence.persona);
  }
  const verification = verifyBundle(dir);
  const treatment = personaTreatmentOf(evidence.persona, path.basename(dir), evidence, analysed.analysis);
  const faults = evidence.incompleteReasons.filter((reason) => reason.affects.some((area) => comparedAreas.includes(area)));
  const problem = !verification.ok
    ? `does not verify against its manifest (${describeVerifyProblems(verification).join('; ')})`
    : analysed.error !== undefined
      ? // Its traffic is unknown, not empty: nothing may be compared with it.
        `its traffic could not be analysed (${analysed.error})`
      : faults.length > 0
        ? `is incomplete: ${faults.map((fault) => withoutFullStop(fault.message)).join('; ')}`
        : undefined;
  return problem ? { ...treatment, problem } : treatment;
}

export async function personaCapturesBeside(bundleDir: string, evidence: Evidence): Promise<PersonaCapture[]> {
  if (!evidence.persona) return [];
  const gameDir = path.dirname(path.resolve(bundleDir));
  const self = path.basename(path.resolve(bundleDir));
  const captures: PersonaCapture[] = [];
  for (const entry of readdirSync(gameDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || entry.name === self || entry.name.startsWith('.')) continue;
    const capture = await siblingCapture(path.join(gameDir, entry.name), evidence.platform);
    if (capture) captures.push(capture);
  }
  return captures;
}
