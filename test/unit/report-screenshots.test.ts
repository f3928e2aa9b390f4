// Screenshots that contradict their captions (issue 21; report-reading-2026-12 items 1, 2, 13),
// on the committed fixture run (test/fixtures/results/demo-run, demo-leaky): the real demo had
// byte-identical pictures under different captions, which is reproduced here by copying one
// fixture screenshot over another and sealing it with its real hash, as the manifest would.
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderGameHtml } from '../../src/report/render-game.ts';
import type { Result } from '../../src/scoring/result-schema.ts';
import { demoRunDir } from '../fixtures/results/generate.ts';
import { copyRun } from '../fixtures/results/temp-run.ts';

function leakyWithIdenticalScreens(edit: (result: Result) => void = () => undefined): string {
  const run = copyRun(demoRunDir);
  const bundle = path.join(run, 'demo-leaky', 'web');
  copyFileSync(path.join(bundle, 'screens/launch.png'), path.join(bundle, 'screens/play.png'));
  const file = path.join(bundle, 'result.json');
  const result = JSON.parse(readFileSync(file, 'utf8')) as Result;
  // Every screenshot's hash as the file on disk has it, as a manifest written at capture would.
  const sha256 = (file: string): string => createHash('sha256').update(readFileSync(path.join(bundle, file))).digest('hex');
  result.bundle.files = result.bundle.files.map((entry) => (entry.path.startsWith('screens/') ? { ...entry, sha256: sha256(entry.path) } : entry));
  edit(result);
  writeFileSync(file, JSON.stringify(result));
  return renderGameHtml(bundle, result);
}

describe('screenshots in the report', () => {
  it('shows byte-identical screenshots once, and says so under the later caption', () => {
    const html = leakyWithIdenticalScreens();
    expect(html.match(/<img src="screens\/launch\.png"/g)).toHaveLength(1);
    expect(html).not.toContain('<img src="screens/play.png"');
    expect(html).toContain('“Play with a banner advert”: the same image, byte for byte, as <a href="#screen-screens-launch-png">“The game screen after launch, before any choice”</a>; shown once, there.');
    expect(html).toContain('1 screenshot is byte-identical to an earlier one with a different caption; each image is shown once.');
  });

  it('says a simulated device’s repeated picture cannot show each screen, and puts a banner at the top', () => {
    const html = leakyWithIdenticalScreens((result) => {
      result.device = { kind: 'simulated', name: 'simulated-android' };
    });
    expect(html).toContain('The simulated device returned the same picture for different screens');
    expect(html.indexOf('Simulated device: no phone or emulator was used.')).toBeLessThan(html.indexOf('<dl class="facts">'));
  });

  it('does not quote a web location prompt the capture composed, and captions its picture truthfully', () => {
    const html = leakyWithIdenticalScreens((result) => {
      result.observations!.geolocation.calls = [{ eventId: 'ev-2', phase: 'launch', at: '2026-11-20T09:14:05.000Z', api: 'getCurrentPosition' }];
      result.observations!.permissionPrompts = [
        { eventId: 'ev-2', phase: 'launch', at: '2026-11-20T09:14:05.000Z', permission: 'geolocation', group: 'location', text: 'leaky.demo-games.test wants to know your location (browser permission prompt, getCurrentPosition)', buttons: [{ text: 'Allow', role: 'accept', visible: true }, { text: 'Block', role: 'decline', visible: true }], answer: 'unanswered', screenshot: 'screens/launch.png' },
      ];
    });
    expect(html).toContain('The page called getCurrentPosition at 2026-11-20 09:14:05 UTC. A browser would then show its location prompt; a headless capture cannot draw it, so no prompt text or buttons were seen.');
    expect(html).not.toContain('wants to know your location');
    expect(html).not.toContain('“Allow”');
    expect(html).toContain('Screen when the page requested location (no prompt is drawn in a headless capture)');
  });

  it('links a finding’s screenshot at full size instead of repeating the picture', () => {
    const html = leakyWithIdenticalScreens();
    const article = /<article class="check" id="check-default-settings-high-privacy"[\s\S]*?<\/article>/.exec(html)![0];
    expect(article).not.toContain('<img');
    expect(article).toContain('<a href="screens/settings.png">The privacy settings screen, untouched (opens full size)</a>');
  });
});
