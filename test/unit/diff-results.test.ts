import { describe, expect, it } from 'vitest';
import type { SettingControl } from '../../src/evidence/schema.ts';
import { diffAudits, formatDiff } from '../../src/scoring/diff-results.ts';
import type { Result } from '../../src/scoring/result-schema.ts';

function result(outcomes: Record<string, Result['checks'][number]['outcome']>, organisations: Record<string, number>): Result {
  return {
    game: { id: 'demo-leaky', title: 'Leaky', publisher: 'Demo' },
    checks: Object.entries(outcomes).map(([id, outcome]) => ({
      id,
      standard: id.startsWith('geolocation') ? 10 : 7,
      title: id,
      outcome,
      summary: '',
      rationale: '',
      requires: [],
      findings: [],
    })),
    network: {
      entries: [],
      organisations: Object.entries(organisations).map(([organization, defaultPhaseRequests], index) => ({
        organization,
        category: 'advertising',
        familiesCertified: null,
        hosts: [],
        requests: defaultPhaseRequests + 1,
        defaultPhaseRequests,
        identifierKinds: [],
        firstEntryIndex: index,
      })),
    },
  } as unknown as Result;
}

const toggle = (label: string, value: boolean, name?: string): SettingControl => ({ label, kind: 'switch', value, name });

describe('diffAudits', () => {
  it('lists outcome changes, organisations added and removed, and settings whose default changed', () => {
    const before = result({ 'geolocation.permission-at-launch': 'fail', 'default-settings.high-privacy': 'fail' }, { 'Google': 3, 'Unity': 2, 'Kidoz': 0 });
    const after = result({ 'geolocation.permission-at-launch': 'pass', 'default-settings.high-privacy': 'fail' }, { 'Google': 1, 'AppLovin': 4, 'Kidoz': 2 });
    const diff = diffAudits(
      { result: before, settings: [toggle('Personalised ads', true, 'personalisedAds'), toggle('Chat', true)] },
      { result: after, settings: [toggle('Personalised ads', false, 'personalisedAds'), toggle('Chat', true), toggle('Voice chat', false)] },
    );
    expect(diff.outcomeChanges).toEqual([{ check: 'geolocation.permission-at-launch', standard: 10, before: 'fail', after: 'pass' }]);
    // Kidoz was known before but not contacted by default; now it is: that is a new default recipient.
    expect(diff.organisationsAdded).toEqual(['AppLovin', 'Kidoz']);
    expect(diff.organisationsRemoved).toEqual(['Unity']);
    expect(diff.settingsChanged).toEqual([
      { control: 'Personalised ads', before: 'true', after: 'false' },
      { control: 'Voice chat', before: null, after: 'false' },
    ]);
    const text = formatDiff(diff);
    expect(text).toContain('geolocation.permission-at-launch (standard 10): fail → pass');
    expect(text).toContain('+ AppLovin (new)');
    expect(text).toContain('- Unity (no longer contacted)');
    expect(text).toContain('Voice chat: absent → false');
  });

  it('says "no change" for two identical audits', () => {
    const same = result({ 'default-settings.high-privacy': 'pass' }, { Google: 1 });
    const text = formatDiff(diffAudits({ result: same, settings: [] }, { result: same, settings: [] }));
    expect(text.match(/no change/g)).toHaveLength(3);
  });
});
