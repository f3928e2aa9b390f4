// The one consent-button classifier, held to the real wordings of the common consent platforms
// (test/fixtures/consent/cmp-button-texts.json: platform, text, expected role, where the wording
// comes from). Web and native consent code both call buttonRole, so one table tests both.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buttonRole } from '../../src/capture/button-role.ts';
import type { Button } from '../../src/evidence/schema.ts';

interface CorpusEntry {
  cmp: string;
  text: string;
  role: Button['role'];
  source: string;
  screen?: 'first' | 'manage';
  note?: string;
}

const corpus = JSON.parse(readFileSync(new URL('../fixtures/consent/cmp-button-texts.json', import.meta.url), 'utf8')) as { entries: CorpusEntry[] };

describe('buttonRole on real consent-platform wordings', () => {
  it.each(corpus.entries.map((entry) => [entry.cmp, entry.text, entry.screen ?? 'first', entry.role] as const))('%s: "%s" on the %s screen is %s', (_cmp, text, screen, role) => {
    expect(buttonRole(text, { screen })).toBe(role);
  });

  it('names a source for every wording and covers every platform the issue lists', () => {
    expect(corpus.entries.every((entry) => entry.source.length > 10)).toBe(true);
    const platforms = new Set(corpus.entries.map((entry) => entry.cmp));
    for (const platform of ['Google Funding Choices', 'Google UMP (apps)', 'OneTrust', 'Didomi', 'Quantcast Choice', 'Sourcepoint', 'Usercentrics', 'TrustArc']) {
      expect(platforms).toContain(platform);
    }
  });
});

describe('buttonRole on the words that used to be misread (review H2, Appendix A #8)', () => {
  it('reads every refusal that contains an accept word as a decline', () => {
    expect(['Do not consent', 'Don’t consent', "Don't consent", 'Continue without accepting', 'Accept only essential cookies', 'Allow necessary cookies only'].map((text) => buttonRole(text))).toEqual([
      'decline',
      'decline',
      'decline',
      'decline',
      'decline',
      'decline',
    ]);
  });

  it('gives "Learn more", "No" and "Not now" one role whoever asks', () => {
    expect([buttonRole('Learn more'), buttonRole('No'), buttonRole('Not now')]).toEqual(['manage', 'decline', 'decline']);
  });

  it('treats a save-my-choices button as the decline step only on a manage screen', () => {
    expect([buttonRole('Confirm choices', { screen: 'manage' }), buttonRole('Confirm choices'), buttonRole('Save & exit', { screen: 'manage' }), buttonRole('Save & exit')]).toEqual(['decline', 'other', 'decline', 'other']);
  });

  it('calls an anchor that leaves the dialog a link, and the same words on a button what they say', () => {
    expect(buttonRole('More information', { tag: 'a', href: 'https://example.com/privacy' })).toBe('link');
    expect(buttonRole('More information', { tag: 'button' })).toBe('manage');
    expect(buttonRole('Partners', { tag: 'a', href: '#partners' })).toBe('link');
    expect(buttonRole('Play now', { tag: 'a', href: 'javascript:void(0)' })).toBe('other');
  });

  it('does not take a game menu\'s "Privacy" or a sign-in sheet\'s "Cancel" for an answer to consent', () => {
    expect([buttonRole('Privacy'), buttonRole('Cancel'), buttonRole('Play'), buttonRole('')]).toEqual(['other', 'close', 'other', 'other']);
  });
});
