import { describe, expect, it } from 'vitest';
import { categoriesOfLabel, classifyControl, matchesExpectation } from '../../src/check-kit/privacy-control-classifier.ts';

describe('privacy control classifier', () => {
  it.each([
    ['Personalised ads', 'personalised-ads'],
    ['Show me ads based on my interests', 'personalised-ads'],
    ['Ad personalization', 'personalised-ads'],
    ['Who can see my profile', 'profile-visibility'],
    ['Profile visibility', 'profile-visibility'],
    ['Who can chat with me', 'contact'],
    ['Who can send me friend requests', 'contact'],
    ['Voice chat', 'voice-chat'],
    ['Share my location', 'location-sharing'],
    ['Send usage data to improve the game', 'data-sharing'],
    ['Push notifications about offers', 'marketing-notifications'],
  ])('places "%s" as %s', (label, category) => {
    expect(categoriesOfLabel(label)[0]).toBe(category);
  });

  it('leaves labels it does not know unplaced rather than guessing', () => {
    expect(categoriesOfLabel('Music volume')).toEqual([]);
    expect(categoriesOfLabel('Push notifications')).toEqual([]);
    expect(classifyControl({ label: 'Music volume', value: true }).judgement).toBe('unknown');
  });

  it('sees two purposes in one bundled label', () => {
    expect(categoriesOfLabel('Personalised ads and analytics')).toEqual(['personalised-ads', 'data-sharing']);
  });

  it('judges switches by whether the label names the protective side', () => {
    expect(classifyControl({ label: 'Personalised ads', value: true }).judgement).toBe('low');
    expect(classifyControl({ label: 'Personalised ads', value: false }).judgement).toBe('high');
    expect(classifyControl({ label: 'Hide my profile', value: true }).judgement).toBe('high');
    expect(classifyControl({ label: 'Limit ad tracking', value: 'Off' }).judgement).toBe('low');
  });

  it('grades audience choices: everyone is low, friends is in between, no one is high', () => {
    expect(classifyControl({ label: 'Who can chat with me', value: 'Everyone' }).judgement).toBe('low');
    expect(classifyControl({ label: 'Who can chat with me', value: 'Friends only' }).judgement).toBe('middle');
    expect(classifyControl({ label: 'Who can chat with me', value: 'No one' }).judgement).toBe('high');
  });

  it('uses the plan name when the label says nothing', () => {
    expect(classifyControl({ label: 'Option 3', name: 'personalisedAds', value: true }).category).toBe('personalised-ads');
  });

  it('compares expectations across on/off spellings and case', () => {
    expect(matchesExpectation('Off', false)).toBe(true);
    expect(matchesExpectation(true, false)).toBe(false);
    expect(matchesExpectation('no one', 'No one')).toBe(true);
    expect(matchesExpectation('Everyone', 'No one')).toBe(false);
  });
});
