// The run index's first page (issue 21, item 15): the programme's name, capture dates, operator and tool
// version, and games counted as games, not persona bundles. Results are the demo run's (test/fixtures/results/demo-run).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runFacts } from '../../src/report/run-facts.ts';
import { ResultSchema } from '../../src/scoring/result-schema.ts';

const fixtures = new URL('../fixtures/results/demo-run/', import.meta.url).pathname;
const read = (game: string) => ResultSchema.parse(JSON.parse(readFileSync(path.join(fixtures, game, 'web', 'result.json'), 'utf8')));
const leaky = read('demo-leaky');
const careful = read('demo-careful');
const runDir = mkdtempSync(path.join(os.tmpdir(), 'run-facts-'));
afterAll(() => rmSync(runDir, { recursive: true, force: true }));

describe('run facts', () => {
  it('names the programme from programme.yaml and counts a game captured as three personas once', () => {
    writeFileSync(path.join(runDir, 'run.json'), JSON.stringify({ source: { kind: 'programme', file: new URL('../../audits/demo/programme.yaml', import.meta.url).pathname } }));
    const facts = runFacts(runDir, [leaky, { ...leaky }, { ...leaky }, careful]);
    expect(facts.programmeName).toBe('gameaudit demo programme');
    expect(facts.gameCount).toBe(2);
    expect(facts.personasByGame).toEqual({ 'demo-leaky': 3 });
    expect([facts.captureDates, facts.operators, facts.toolVersions]).toEqual([['2026-11-20'], ["investigator-7 (whether this is a person's name or the computer account was not recorded)"], ['0.1.0']]);
  });

  it('has no programme name for a run without run.json, rather than failing', () => {
    expect(runFacts(path.join(runDir, 'missing'), [careful]).programmeName).toBeUndefined();
  });
});
