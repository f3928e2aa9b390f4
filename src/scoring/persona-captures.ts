// For a capture made as one of a plan's personas: the game's other persona captures on the same
// platform (its sibling bundles, runs/<run>/<game>/<platform>-<persona>/), each verified, analysed
// and reduced to what the persona comparison compares. A sibling that does not verify or is
// incomplete is still listed, with the reason it cannot be compared, so no comparison rests on it.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { analyseNetwork, analysisContextFromEvidence } from '../analysis/index.ts';
import { personaTreatmentOf, type PersonaTreatment } from '../check-kit/persona-treatment.ts';
import { readBundle } from '../evidence/bundle-reader.ts';
import { bundleFiles } from '../evidence/bundle-writer.ts';
import { verifyBundle } from '../evidence/manifest.ts';
import type { Evidence } from '../evidence/schema.ts';

async function siblingTreatment(dir: string, platform: Evidence['platform']): Promise<PersonaTreatment | undefined> {
  let bundle;
  try {
    bundle = readBundle(dir);
  } catch {
    // Not a readable bundle: its persona (and so its age) is unknown, so it cannot stand for anyone.
    return undefined;
  }
  const { evidence } = bundle;
  if (!evidence.persona || evidence.platform !== platform) return undefined;
  const name = path.basename(dir);
  const verification = await verifyBundle(dir);
  const network = analyseNetwork(bundle.har, analysisContextFromEvidence(evidence));
  const treatment = personaTreatmentOf(evidence.persona, name, evidence, network);
  const networkFault = evidence.incompleteReasons.find((reason) => reason.affects.includes('network'));
  const problem = !verification.ok
    ? 'its evidence does not match its manifest'
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
