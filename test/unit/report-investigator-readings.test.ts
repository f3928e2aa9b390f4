// The report's section on an assisted capture, rendered from result.json as every report is: the
// investigator's readings beside the tool's, with who, when and the screenshot, the marked moments,
// settings rows marked "read by the investigator", and captured words escaped like any other.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Observations } from '../../src/scoring/result-schema.ts';
import { renderGameHtml } from '../../src/report/render-game.ts';
import { buildResult } from '../fixtures/results/build-result.ts';
import { hostile, leakyGame } from '../fixtures/results/games.ts';

const bundleDir = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-report-assisted-'));
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

/** What an assisted capture of the simulated game recorded (as in test/integration/assisted-capture.test.ts). */
function assistedObservations(base: Observations): Observations {
  return {
    ...base,
    settings: {
      source: 'investigator',
      readable: true,
      screenshot: 'screens/08-settings-screen-changed-settings.png',
      controls: [
        { name: 'chatWith', label: 'Who can chat with me', kind: 'select', value: 'Friends', readBy: 'investigator', observationId: 'obs-002' },
        { label: 'Profile visibility', kind: 'select', value: 'Public', readBy: 'investigator', observationId: 'obs-003' },
      ],
      parentalControls: [],
      privacyLinks: [],
    },
    assisted: {
      operator: 'Ada Investigator',
      screenshotSource: 'appium',
      automatic: ['Every request the game sent, recorded by the capture proxy, each with the phase the investigator was in.'],
      investigator: ['Answering the consent dialog.'],
      observations: [
        { id: 'obs-001', kind: 'mark', by: 'Ada Investigator', at: '2026-12-02T14:51:07.897Z', phase: 'consent', eventId: 'ev-0025', screenshot: 'screens/07-consent-marked-by-the-investigator.png', note: `Reject all only behind Manage options ${hostile.script}` },
        {
          id: 'obs-002', kind: 'reading', by: 'Ada Investigator', at: '2026-12-02T14:51:32.314Z', phase: 'settings', eventId: 'ev-0032',
          screenshot: 'screens/08-settings-screen-changed-settings.png', crop: 'screens/crop-005-who-can-chat-with-me.png',
          reading: { label: 'Who can chat with me', kind: 'select', value: 'Friends', answer: 'edited', proposed: { label: 'Who can chat with me', value: 'Everyone', source: 'page-source' } },
        },
        { id: 'obs-003', kind: 'reading', by: 'Ada Investigator', at: '2026-12-02T14:51:44.258Z', phase: 'settings', eventId: 'ev-0039', reading: { label: 'Profile visibility', kind: 'select', value: 'Public', answer: 'added' } },
      ],
    },
  };
}

function text(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('report of an assisted capture', () => {
  const leaky = leakyGame();
  const result = buildResult({ ...leaky, observations: assistedObservations(leaky.observations!) });
  const html = renderGameHtml(bundleDir, result);

  it('shows each reading of the investigator beside the tool\'s, with who, when and the screenshot', () => {
    const words = text(html);
    expect(words).toContain('Read by the investigator (assisted capture)');
    expect(words).toContain('Who can chat with me Everyone (from the page source) Friends Corrected the tool’s reading Ada Investigator, 2026-12-02 14:51:32 UTC');
    expect(words).toContain('Profile visibility Not read by the tool Public Added: the tool could not read it Ada Investigator, 2026-12-02 14:51:44 UTC No screenshot');
    expect(html).toContain('Screenshot <code>screens/crop-005-who-can-chat-with-me.png</code> is not in the bundle.');
    expect(words).toContain('Who can chat with me (read by the investigator)');
    expect(html).toContain('<li><a href="#assisted">Read by the investigator</a></li>');
  });

  it('shows the marked moments, escaping what the investigator typed', () => {
    expect(text(html)).toContain('2026-12-02 14:51:07 UTC (consent), Ada Investigator: “Reject all only behind Manage options &lt;script&gt;alert(&quot;xss-script&quot;)&lt;/script&gt;”');
    expect(html).not.toContain(hostile.script);
  });

  it('has no such section for a capture the tool drove alone', () => {
    const automatic = renderGameHtml(bundleDir, buildResult(leaky));
    expect(automatic).not.toContain('id="assisted"');
    expect(automatic).not.toContain('(read by the investigator)');
  });
});
