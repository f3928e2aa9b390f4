import { describe, expect, it } from 'vitest';
import type { SettingControl } from '../../src/evidence/schema.ts';
import { formatComparison } from '../../src/cli/recapture.ts';
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
  it('counts an organisation only tried at launch (its certificate refused) as contacted', () => {
    const before = result({}, { Google: 1 });
    const after = result({}, { Google: 1, AppsFlyer: 0 });
    after.network.organisations[1] = { ...after.network.organisations[1]!, requests: 0, attempts: 2, defaultPhaseAttempts: 2 };
    expect(diffAudits({ result: before, settings: [] }, { result: after, settings: [] }).organisationsAdded).toEqual(['AppsFlyer']);
  });

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

  it('says "no change" for two identical audits, and nothing about the capture when it was the same', () => {
    const same = result({ 'default-settings.high-privacy': 'pass' }, { Google: 1 });
    same.device = { kind: 'emulated-browser', name: 'Pixel 7', browserVersion: '156.0.8078.79', browserBuild: 'chromium-headless-shell' };
    const diff = diffAudits({ result: same, settings: [] }, { result: same, settings: [] });
    expect(diff.captureChanges).toEqual([]);
    const text = formatDiff(diff);
    expect(text.match(/no change/g)).toHaveLength(3);
    expect(text).not.toContain('Captured differently');
  });

  it('says when the two audits were captured differently, which may explain a difference', () => {
    const before = result({ 'default-settings.high-privacy': 'pass' }, { Google: 1 });
    const after = result({ 'default-settings.high-privacy': 'pass' }, { Google: 1 });
    // An older bundle, from before the browser build was recorded, in the full browser.
    before.device = { kind: 'emulated-browser', name: 'Pixel 7', browserVersion: '150.0.7871.100' };
    after.device = { kind: 'emulated-browser', name: 'Pixel 7', browserVersion: '156.0.8078.79', browserBuild: 'chromium-headless-shell', serial: 'R58N123ABC' };
    const diff = diffAudits({ result: before, settings: [] }, { result: after, settings: [] });
    expect(diff.captureChanges).toEqual([
      { aspect: 'browser build', before: null, after: 'chromium-headless-shell' },
      { aspect: 'browser version', before: '150.0.7871.100', after: '156.0.8078.79' },
    ]);
    const text = formatDiff(diff);
    expect(text).toContain('Captured differently (a difference above may come from this rather than from the game):');
    expect(text).toContain('  browser build: not recorded → chromium-headless-shell');
    expect(text).toContain('  browser version: 150.0.7871.100 → 156.0.8078.79');
    // A test phone's serial identifies it; a diff never prints it.
    expect(text).not.toContain('R58N123ABC');

    // What a re-capture prints about the earlier capture says the same.
    after.previous = {
      bundle: '/runs/earlier/demo-leaky/web',
      manifestSha256: null,
      startedAt: '2026-11-01T10:00:00.000Z',
      recapturedFor: 'default-settings.high-privacy',
      phases: ['launch'],
      outcomes: [{ check: 'default-settings.high-privacy', standard: 7, outcome: 'pass' }],
      organisationsAdded: [],
      organisationsRemoved: [],
      settingsChanged: null,
      captureChanges: diff.captureChanges,
    };
    expect(formatComparison(after)).toContain('  captured differently, browser build: not recorded → chromium-headless-shell\n');
  });
});

describe('diffAudits: a change of scorer', () => {
  const scorer = (trackerCatalogueSha256: string, trackerDb: { used: boolean; version?: string }) => ({ toolVersion: '0.9.0', toolCommit: 'a1b2c3d4e5f6', trackerCatalogueSha256, trackerDb });
  it('names a different tracker catalogue and a trackerdb no longer used, and says a difference may come from it', () => {
    const before = { ...result({ 'default-settings.tracking-before-choice': 'fail' }, { Google: 1 }), scoredBy: scorer('1111111111111111111111111111111111111111111111111111111111111111', { used: true, version: '1.0.945' }) } as Result;
    const after = { ...result({ 'default-settings.tracking-before-choice': 'pass' }, { Google: 1 }), scoredBy: scorer('2222222222222222222222222222222222222222222222222222222222222222', { used: false }) } as Result;
    const diff = diffAudits({ result: before, settings: [] }, { result: after, settings: [] });
    expect(diff.scorerChanges).toEqual([
      { aspect: 'tracker catalogue sha256', before: '1111111111111111111111111111111111111111111111111111111111111111', after: '2222222222222222222222222222222222222222222222222222222222222222' },
      { aspect: 'Ghostery trackerdb', before: '1.0.945', after: 'not used' },
    ]);
    const text = formatDiff(diff);
    expect(text).toContain('Scored differently (a difference above may come from this rather than from the game):');
    expect(text).toContain('  tracker catalogue sha256: 1111111111111111111111111111111111111111111111111111111111111111 → 2222222222222222222222222222222222222222222222222222222222222222');
    expect(text).toContain('  Ghostery trackerdb: 1.0.945 → not used');
  });

  it('says nothing of the scorer when both results were scored alike', () => {
    const same = scorer('1111111111111111111111111111111111111111111111111111111111111111', { used: true, version: '1.0.945' });
    const before = { ...result({}, {}), scoredBy: same } as Result;
    const diff = diffAudits({ result: before, settings: [] }, { result: { ...before }, settings: [] });
    expect(diff.scorerChanges).toEqual([]);
    expect(formatDiff(diff)).not.toContain('Scored differently');
  });

  it('names a result scored before the scorer was recorded as "not recorded"', () => {
    const after = { ...result({}, {}), scoredBy: scorer('1111111111111111111111111111111111111111111111111111111111111111', { used: false }) } as Result;
    const diff = diffAudits({ result: result({}, {}), settings: [] }, { result: after, settings: [] });
    expect(formatDiff(diff)).toContain('  gameaudit version: not recorded → 0.9.0');
  });
});
