// The publication filter against the programme's real titles and publishers (audits/*.yaml), the
// titles report-reading-2026-12.md (item 5) saw broken, and the test persona's identifiers
// (test/fixtures/results/games.ts, the demo identifiers file's values).
import { describe, expect, it } from 'vitest';
import { publishableText } from '../../src/report/publishable-text.ts';
import { plantedIdentifiers } from '../fixtures/results/games.ts';

describe('publishableText', () => {
  it('leaves real titles, publishers and our own sentences as written', () => {
    const asWritten = [
      'Among Us', 'Brawl Stars', 'Candy Crush Saga', 'Clash of Clans', 'Clash Royale', 'Fortnite', 'Minecraft', 'Pokémon GO', 'Roblox', 'Subway Surfers',
      'Mojang Studios (Microsoft)', 'Niantic (games business acquired by Scopely in 2025)', 'SYBO Games', 'Innersloth',
      'Minecraft: Pocket Edition', 'Sky: Children of the Light', 'Game 1234567890',
      "The child's data is disclosed to third parties by default", 'The game’s age check',
    ];
    for (const text of asWritten) expect(publishableText(text)).toBe(text);
  });

  it('removes whole identifiers, addresses and URLs, never part of a word', () => {
    expect(publishableText(`Player ${plantedIdentifiers.username} on ${plantedIdentifiers.email}`)).toBe('Player [removed] on [removed]');
    expect(publishableText(`ad id ${plantedIdentifiers.advertisingId}, android ${plantedIdentifiers.androidId}`)).toBe('ad id [removed], android [removed]');
    expect(publishableText(`serial ${plantedIdentifiers.serial} phone ${plantedIdentifiers.phone} ip ${plantedIdentifiers.ip}`)).toBe('serial [removed] phone [removed] ip [removed]');
    expect(publishableText('see https://ads.example/track?id=1 or javascript:alert(1)')).toBe('see [removed] or [removed]');
    expect(publishableText(plantedIdentifiers.cookie)).toBe('[removed]');
  });

  it('keeps markup characters, which escaping makes harmless', () => {
    expect(publishableText('Tom & Jerry <Deluxe>')).toBe('Tom & Jerry <Deluxe>');
  });
});
