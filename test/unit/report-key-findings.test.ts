// The run index's key findings (issue 21, report-reading-2026-12 item 15), from the committed
// fixture result of the leaky demo game (test/fixtures/results/demo-run/demo-leaky, games.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFindings } from '../../src/report/key-findings.ts';
import { ResultSchema } from '../../src/scoring/result-schema.ts';
import { demoRunDir } from '../fixtures/results/generate.ts';

const leaky = ResultSchema.parse(JSON.parse(readFileSync(path.join(demoRunDir, 'demo-leaky', 'web', 'result.json'), 'utf8')));

describe('keyFindings', () => {
  const found = keyFindings(leaky);

  it('names who received the advertising ID and a location, and the consent screenshot', () => {
    expect(found.advertisingIdTo).toEqual(['AppLovin', 'Google']);
    expect(found.locationTo).toEqual(['AppLovin']);
    expect(found.consentScreenshot).toBe('screens/consent.png');
    expect(found.capturedAt).toBe('2026-11-20 09:14:03 UTC');
    expect(found.flags).toEqual([]);
  });

  it('gives each failing standard its reasons in a line, describing an inconclusive test by what it saw', () => {
    expect(found.standards.find((standard) => standard.number === 10)).toEqual({
      number: 10,
      name: 'Geolocation',
      statusWords: 'Does not conform',
      reasons: ['Location is asked for at launch', 'Location is on by default', 'Precise location is sent to third parties'],
    });
    expect(found.standards.find((standard) => standard.number === 3)?.reasons).toEqual([
      'Inconclusive: No age question was seen before play, so we cannot tell whether protections depend on age.',
      'Status set by an investigator',
    ]);
    expect(found.standards.find((standard) => standard.number === 1)?.reasons).toEqual(['Status set by an investigator']);
  });

  it('flags a simulated device first', () => {
    expect(keyFindings({ ...leaky, device: { kind: 'simulated', name: 'simulated-android' } }).flags).toEqual(['Simulated device']);
  });
});
