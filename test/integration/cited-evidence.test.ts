// An investigator's findings that cite files outside the evidence bundle (report-reading-2026-12.md
// item 9: "Evidence relied on: audits/demo/sites/leaky/leaky.js" pointed at nothing from the report's
// folder). Scoring copies each cited file into the bundle's investigator-evidence/ with its SHA-256,
// and the report links to the copy. The cited file is the demo's own leaky.js (audits/demo/sites/leaky/).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../src/evidence/manifest.ts';
import { renderGame } from '../../src/report/render-game.ts';
import { scoreBundle } from '../../src/scoring/score-bundle.ts';
import { writeSealedResult } from '../../src/evidence/result-seal.ts';
import { buildBundle } from './score-fixture-bundle.ts';

const directory = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-cited-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const repository = path.resolve(import.meta.dirname, '../..');

describe('files an investigator cites from outside the bundle', async () => {
  const bundle = await buildBundle(path.join(directory, 'bundle'), 'leaky');
  const findings = path.join(directory, 'demo-leaky.yaml');
  writeFileSync(findings, [
    'game: demo-leaky',
    'assessments:',
    '  - standard: 5',
    '    outcome: concerns',
    '    note: The script sends the score to a partner.',
    '    evidence: [audits/demo/sites/leaky/leaky.js, audits/demo/sites/leaky/index.html, audits/notes/missing.txt, https://example.org/review/42]',
    '    by: A. Investigator',
    '    at: 2026-03-03',
    '',
  ].join('\n'));
  const result = await scoreBundle(bundle, { findingsFile: findings, cwd: repository });
  writeSealedResult(bundle, `${JSON.stringify(result, null, 2)}\n`);
  const html = readFileSync(await renderGame(bundle), 'utf8');
  const leakyJs = readFileSync(path.join(repository, 'audits/demo/sites/leaky/leaky.js'));

  it('copies each cited file into the bundle with its hash, keeps a web page as text, and marks a missing one', () => {
    expect(result.investigatorFindings[0]!.citedFiles).toEqual([
      { cited: 'audits/demo/sites/leaky/leaky.js', found: true, copy: 'investigator-evidence/01-leaky.js', sha256: createHash('sha256').update(leakyJs).digest('hex'), bytes: leakyJs.length },
      expect.objectContaining({ cited: 'audits/demo/sites/leaky/index.html', found: true, copy: 'investigator-evidence/02-index.html.txt' }),
      { cited: 'audits/notes/missing.txt', found: false },
    ]);
    expect(readFileSync(path.join(bundle, 'investigator-evidence/01-leaky.js'))).toEqual(leakyJs);
  });

  it('links the report to the copies, and the capture\'s evidence still verifies', () => {
    expect(html).toContain('<a href="investigator-evidence/01-leaky.js"><code>audits/demo/sites/leaky/leaky.js</code></a>');
    expect(html).toContain('<code>audits/notes/missing.txt</code> <span class="muted">(not found when the findings were scored)</span>');
    expect(verifyBundle(bundle).ok).toBe(true);
  });
});
