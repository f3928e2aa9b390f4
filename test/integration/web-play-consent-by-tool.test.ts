// The play phase must never answer consent for the child unnoticed (issue 15): on a game whose
// consent prompt is drawn on its canvas (test/fixtures/games/canvas-consent), where play taps land,
// the tap that accepts is recorded as consent-changed-by-tool, with a note, through the real proxy
// and Chromium.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { auditGame } from '../../src/cli/audit-game.ts';
import { readBundle } from '../../src/evidence/bundle-reader.ts';
import { loadPlan } from '../../src/plan/load.ts';

const runDir = mkdtempSync(path.join(os.tmpdir(), 'canvas-consent-'));
afterAll(() => rmSync(runDir, { recursive: true, force: true }));

it('records the play tap after which consent changed, and says the traffic after it is not the default', async () => {
  const outcome = await auditGame({ loadedPlan: loadPlan(path.resolve(import.meta.dirname, '../fixtures/games/canvas-consent/canvas-consent.yaml')), platform: 'web', runDir });
  const bundle = readBundle(outcome.bundleDir);
  const changes = bundle.events.filter((event) => event.type === 'consent-changed-by-tool');
  expect(changes).toHaveLength(1);
  expect(changes[0]).toMatchObject({ phase: 'play' });
  expect(JSON.stringify(changes[0])).toContain('euconsent-v2=CQFakeTcStringAcceptAllAAAA');
  expect(bundle.evidence.notes.join('\n')).toMatch(/play tap at \(\d+, \d+\) was followed by a consent change .*not the game's default/);
  const consentCall = bundle.har.log.entries.find((entry) => entry.request.url.startsWith('https://fundingchoicesmessages.google.com/el/'));
  expect(consentCall?._phase).toBe('play');
  // From the tap on, the traffic is marked as following the tool's consent, never the game's default.
  expect(consentCall?._afterToolConsent).toBe(true);
  const launch = bundle.har.log.entries.filter((entry) => entry._phase === 'launch');
  expect(launch.length).toBeGreaterThan(0);
  expect(launch.some((entry) => entry._afterToolConsent)).toBe(false);
}, 180_000);
