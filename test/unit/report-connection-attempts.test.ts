// A refused TLS handshake is a contact, not a request: the per-game report counts it apart
// (the leaky demo result holds one, entry 9 to secure.pinned-sdk.example).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderGameHtml } from '../../src/report/render-game.ts';
import { demoRunDir, hostileRunDir } from '../fixtures/results/generate.ts';
import { copyRun } from '../fixtures/results/temp-run.ts';

describe('connection attempts in the per-game report', () => {
  const run = copyRun(demoRunDir, hostileRunDir);
  const html = renderGameHtml(path.join(run, 'demo-leaky', 'web'));

  it('says a refused handshake was an attempt that received nothing, not a request', () => {
    expect(html).toContain('Other third parties (not in our tracker list) — 1 request, 1 connection attempt (certificate refused, nothing received)');
  });
});
