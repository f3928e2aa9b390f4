import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pngSize } from '../../src/report/png-size.ts';
import { readResult } from '../../src/report/load-result.ts';
import { fixturesDir, generateFixtures } from '../fixtures/results/generate.ts';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(path.join(dir, entry.name)).map((file) => `${entry.name}/${file}`) : [entry.name]));
}

describe('committed result fixtures', () => {
  it('are what the generator writes today (run `npx tsx test/fixtures/results/generate.ts` after changing it)', () => {
    const fresh = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-fixtures-'));
    generateFixtures(fresh);
    for (const run of ['demo-run', 'hostile-run']) {
      const generated = files(path.join(fresh, run)).sort();
      expect(files(path.join(fixturesDir, run)).filter((file) => !/(report\.(html|pdf)|index\.html|summary\.(json|csv))$/.test(file)).sort()).toEqual(generated);
      for (const file of generated) expect(readFileSync(path.join(fixturesDir, run, file)).equals(readFileSync(path.join(fresh, run, file))), file).toBe(true);
    }
  });

  it('validate against the result schema and carry real PNG screenshots', () => {
    for (const bundle of ['demo-run/demo-leaky/web', 'demo-run/demo-careful/web', 'hostile-run/demo-hostile/web']) {
      const dir = path.join(fixturesDir, bundle);
      const result = readResult(dir);
      for (const shot of result.observations?.screenshots ?? []) expect(pngSize(path.join(dir, shot.file)), shot.file).toEqual({ width: 180, height: 320 });
    }
  });
});
