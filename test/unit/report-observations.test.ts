import { describe, expect, it } from 'vitest';
import { EvidenceSchema, type TimelineEvent } from '../../src/evidence/schema.ts';
import { observationsFromEvidence } from '../../src/scoring/observations-from-evidence.ts';
import { ObservationsSchema, type CheckResult } from '../../src/scoring/result-schema.ts';

const evidence = EvidenceSchema.parse({
  schemaVersion: 1,
  game: { id: 'demo-leaky', title: 'Leaky Llama Jump', publisher: 'Demo Games Ltd' },
  platform: 'web',
  target: 'https://leaky.demo.gameaudit.test/',
  device: { kind: 'emulated-browser', name: 'Pixel 7' },
  status: 'complete',
  startedAt: '2026-11-20T09:14:03.120Z',
  phases: [{ name: 'launch', startedAt: '2026-11-20T09:14:03.120Z', endedAt: '2026-11-20T09:14:23.410Z', status: 'complete' }],
  screenshots: [{ file: 'screens/launch.png', phase: 'launch', takenAt: '2026-11-20T09:14:22.900Z', caption: 'Launch' }],
  geolocation: { calls: [] },
  settings: { source: 'recipe', readable: true, controls: [{ name: 'personalisedAds', label: 'Personalised ads', kind: 'switch', value: true }] },
  expectations: { personalisedAds: false },
  knownIdentifiers: { advertisingId: '38400000-8cf0-11bd-b23e-10b96e40000d' },
});

const events: TimelineEvent[] = Array.from({ length: 1000 }, (_, index) => ({
  id: `ev-${index}`,
  at: '2026-11-20T09:14:04.000Z',
  phase: 'launch',
  type: index % 2 ? 'request' : 'cookie-set',
}));

const check: CheckResult = {
  id: 'default-settings.tracking-before-choice', standard: 7, title: 't', outcome: 'fail', summary: 's', rationale: 'r', requires: ['network'],
  findings: [{ message: 'm', severity: 'fail', evidence: [{ kind: 'event', id: 'ev-999' }] }],
};

describe('observations copied into result.json for reports', () => {
  const observations = observationsFromEvidence(evidence, events, [check]);

  it('is valid against the result schema and carries what the report sections need', () => {
    expect(ObservationsSchema.safeParse(observations).success).toBe(true);
    expect(observations.settings.controls[0]?.label).toBe('Personalised ads');
    expect(observations.expectations).toEqual({ personalisedAds: false });
    expect(observations.screenshots).toHaveLength(1);
  });

  it('never copies the identifiers file (reports must not carry the values)', () => {
    expect(JSON.stringify(observations)).not.toContain('38400000-8cf0-11bd-b23e-10b96e40000d');
  });

  it('keeps every event a finding points at, leaves requests to the network table, and caps the rest', () => {
    const ids = observations.events.map((event) => event.id);
    expect(ids).toContain('ev-999');
    expect(observations.events.filter((event) => event.type === 'request').map((event) => event.id)).toEqual(['ev-999']);
    expect(observations.events.length).toBe(401);
  });
});
