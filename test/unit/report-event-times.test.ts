// The times the report prints for an event are the event's own (events.ndjson), as in the real
// demo captures where a location call's record and its event differed by two seconds and the
// consent dialog's first sighting and its event by several (report reading, item 23).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderGameHtml } from '../../src/report/render-game.ts';
import { writeBundle } from '../fixtures/results/build-result.ts';
import { leakyGame } from '../fixtures/results/games.ts';

function html(): string {
  const leaky = leakyGame();
  const observations = leaky.observations!;
  const events = observations.events.map((event) =>
    event.id === 'ev-2' ? { ...event, at: '2026-11-20T09:14:06.120Z' } : event.id === 'ev-6' ? { ...event, at: '2026-11-20T09:14:29.500Z' } : event,
  );
  const run = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-times-'));
  return renderGameHtml(writeBundle(run, { ...leaky, observations: { ...observations, events } }));
}

describe('event times in the report', () => {
  it('prints a location call at its event’s time, not the time its record carries', () => {
    expect(html()).toContain('<tr><td><a href="#event-ev-2">2026-11-20 09:14:06 UTC</a></td>');
  });

  it('gives the consent dialog’s timeline time beside its first sighting', () => {
    expect(html()).toContain('(the timeline records it at 2026-11-20 09:14:29 UTC, once the dialog had been answered)');
  });
});
