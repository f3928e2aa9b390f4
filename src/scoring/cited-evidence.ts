// Files an investigator's assessment relies on that live outside the evidence bundle (a game's
// script in the repository, a note): copied into the bundle's investigator-evidence/ folder when
// the findings are scored, with their SHA-256, so the report links to a copy that travels with the
// bundle and anyone can check it is the file the investigator cited. The folder is written by
// scoring, like result.json, and sealed with it (result.seal.json), not by the capture's manifest.
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sha256Hex } from '../evidence/manifest.ts';
import type { InvestigatorFinding } from './result-schema.ts';

export const citedEvidenceFolder = 'investigator-evidence';

type CitedFile = NonNullable<InvestigatorFinding['citedFiles']>[number];

function cite(bundleDir: string, item: string, baseDir: string, index: number): CitedFile | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(item)) return undefined; // a URL: cited as given
  if (existsSync(path.join(bundleDir, item))) return undefined; // already in the bundle
  const source = path.resolve(baseDir, item);
  if (!existsSync(source) || !statSync(source).isFile()) return { cited: item, found: false };
  const bytes = readFileSync(source);
  const name = path.basename(source).replace(/[^A-Za-z0-9._-]+/g, '-');
  // A page a browser would run (the game's own index.html) is kept as text: opened from the report, it must not run.
  const copy = `${citedEvidenceFolder}/${String(index).padStart(2, '0')}-${/\.(html?|xhtml|svg|xml)$/i.test(name) ? `${name}.txt` : name}`;
  mkdirSync(path.join(bundleDir, citedEvidenceFolder), { recursive: true });
  copyFileSync(source, path.join(bundleDir, copy));
  return { cited: item, found: true, copy, sha256: sha256Hex(bytes), bytes: bytes.length };
}

/** The findings with each cited local file copied into the bundle (or marked not found). */
export function copyCitedEvidence(bundleDir: string, findings: InvestigatorFinding[], baseDir: string): InvestigatorFinding[] {
  // A bundle that cannot be written gets no result.json either: writing it next refuses in one
  // line naming result.json, the file the user knows, so nothing is copied first.
  try {
    accessSync(bundleDir, constants.W_OK);
  } catch {
    return findings;
  }
  let index = 0;
  return findings.map((finding) => {
    const citedFiles = finding.evidence.flatMap((item) => {
      const cited = cite(bundleDir, item, baseDir, index + 1);
      if (cited?.found) index += 1;
      return cited ? [cited] : [];
    });
    return citedFiles.length > 0 ? { ...finding, citedFiles } : finding;
  });
}
