// A finding about an on-screen element shows the screenshot it is on, with the element's recorded
// box drawn over it; without recorded bounds, the report says where was not recorded. The screen
// stands in for the leaky demo's "Manage your choices" layer (04-consent-consent-options-after-manage.png).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderGameHtml } from '../../src/report/render-game.ts';
import { consentScreen, writeBundle } from '../fixtures/results/build-result.ts';
import { leakyGame } from '../fixtures/results/games.ts';

const optionsScreen = 'screens/04-consent-consent-options-after-manage.png';

function html(platform: 'web' | 'ios' = 'web'): string {
  const leaky = { ...leakyGame(), platform };
  const run = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-outline-'));
  const bundleDir = writeBundle(run, {
    ...leaky,
    screenshots: { ...leaky.screenshots, [optionsScreen]: consentScreen(false) },
    outcomes: {
      'nudge.consent-choice-parity': {
        outcome: 'fail',
        summary: 'Boxes were ticked before the child touched them.',
        findings: [
          { message: 'The box "Personalised ads" was already ticked before the child touched it.', severity: 'fail', evidence: [{ kind: 'ui-node', label: 'Personalised ads', screenshot: optionsScreen, bounds: { x: 36, y: 300, width: 340, height: 28 } }] },
          { message: 'The box "Measure how you play" was already ticked before the child touched it.', severity: 'fail', evidence: [{ kind: 'ui-node', label: 'Measure how you play', screenshot: 'screens/consent.png' }] },
          // A box in page-source pixels of a 1080-px screen (where the simulated Android device records its "Personalised ads" switch), on a far smaller screenshot.
          { message: 'The box "Share with partners" was already ticked before the child touched it.', severity: 'fail', evidence: [{ kind: 'ui-node', label: 'Share with partners', screenshot: optionsScreen, bounds: { x: 860, y: 1210, width: 120, height: 60 } }] },
        ],
      },
    },
  });
  return renderGameHtml(bundleDir);
}

describe('an element outlined on its screenshot', () => {
  it('draws the recorded box over the screen the element is on, in CSS pixels of the 412-px viewport', () => {
    expect(html()).toContain(
      '<figure class="outlined"><svg role="img" aria-label="Screenshot with “Personalised ads” outlined in red" viewBox="0 0 412 732" width="180" height="320"><image href="screens/04-consent-consent-options-after-manage.png" x="0" y="0" width="412" height="732"/><rect x="36" y="300" width="340" height="28" fill="none" stroke="#d00000" stroke-width="3"/></svg>',
    );
  });

  it('says where on the screen was not recorded rather than outline nothing', () => {
    const page = html();
    const finding = page.split('The box &quot;Measure how you play&quot;')[1]!.split('</ul>')[0]!;
    expect(finding).toContain('Where on the screen was not recorded.');
    expect(finding).not.toContain('<svg');
  });
});

describe('an element that cannot be outlined truthfully', () => {
  it('is not outlined where its box does not fit the screenshot, and the report says so', () => {
    const finding = html().split('The box &quot;Share with partners&quot;')[1]!.split('</ul>')[0]!;
    expect(finding).toContain('Not outlined: the recorded box (120 × 60 at 860, 1210) does not fit this 412 × 732 screenshot, so it was measured on another scale.');
    expect(finding).not.toContain('<svg');
  });

  it('is not outlined on iOS, whose points were never checked against a screenshot, and the report says so', () => {
    const finding = html('ios').split('The box &quot;Personalised ads&quot;')[1]!.split('</ul>')[0]!;
    expect(finding).toContain('on the screenshot');
    expect(finding).toContain('Not outlined: an iOS capture records where an element is in points, and how points map onto the screenshot was not checked.');
    expect(finding).not.toContain('<svg');
  });
});
