// For a capture made as one of a plan's personas: the game's other persona captures on the same
// platform (its sibling bundles, runs/<run>/<game>/<platform>-<persona>/), each verified, analysed
// and reduced to what the persona comparison compares. A sibling that does not verify or is
// incomplete is still listed, with the reason it cannot be compared, so no comparison rests on it.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { personaTreatmentOf, type PersonaTreatment } from '../check-kit/persona-treatment.ts';
import { readBundleRecords } from '../evidence/bundle-reader.ts';
import { analyseBundleNetwork } from './analyse-bundle-network.ts';
import { bundleFiles } from '../evidence/bundle-writer.ts';
import { verifyBundle } from '../evidence/manifest.ts';
import type { Evidence } from '../evidence/schema.ts';

async function siblingTreatment(dir: string, platform: Evidence['platform']): Promise<PersonaTreatment | undefined> {
  let evidence: Evidence;
  let analysed: ReturnType<typeof analyseBundleNetwork>;
  try {
    ({ evidence } = readBundleRecords(dir));
    if (!evidence.persona || evidence.platform !== platform) return undefined;
    // Streamed, as the bundle being scored is.
    analysed = analyseBundleNetwork(dir, evidence);
  } catch {
    // Not a readable bundle: its persona (and so its age) is unknown, so it cannot stand for anyone.
    return undefined;
  }
  const persona = evidence.persona!;
  const name = path.basename(dir);
  const verification = await verifyBundle(dir);
  const treatment = personaTreatmentOf(persona, name, evidence, analysed.analysis);
  const networkFault = evidence.incompleteReasons.find((reason) => reason.affects.includes('network'));
  const problem = !verification.ok
    ? 'its evidence does not match its manifest'
    : analysed.error !== undefined
      ? // Its traffic is unknown, not empty: nothing may be compared with it.
        `its traffic could not be analysed (${analysed.error})`
      : networkFault
        ? `its capture is incomplete (${networkFault.message})`
        : undefined;
  return problem ? { ...treatment, problem } : treatment;
}

export async function personaCapturesBeside(bundleDir: string, evidence: Evidence): Promise<PersonaTreatment[]> {
  if (!evidence.persona) return [];
  const gameDir = path.dirname(path.resolve(bundleDir));
  const self = path.basename(path.resolve(bundleDir));
  const treatments: PersonaTreatment[] = [];
  for (const entry of readdirSync(gameDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || entry.name === self || entry.name.startsWith('.')) continue;
    const dir = path.join(gameDir, entry.name);
    if (!existsSync(path.join(dir, bundleFiles.evidence))) continue;
    const treatment = await siblingTreatment(dir, evidence.platform);
    if (treatment) treatments.push(treatment);
  }
  return treatments;
}
