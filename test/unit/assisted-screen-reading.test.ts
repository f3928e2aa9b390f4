// What the assisted capture reads off a screen by itself: whether it changed, which controls the
// page source shows (put to the investigator), and the row cut out for each. On the simulated
// game's settings screen (audits/demo/android/screens/settings.xml, authored in UiAutomator2's
// format, and its screenshot drawn from it) and its other screens, derived from real dumps.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { cropControl } from '../../src/capture/assisted/control-crop.ts';
import { combinedProposer, pageSourceProposer, type ReadingProposer } from '../../src/capture/assisted/reading-proposer.ts';
import { screenChanged, screenSignature } from '../../src/capture/assisted/screen-change.ts';
import { isPermissionControllerNode } from '../../src/capture/android/permission-dialog.ts';
import { loadPlan } from '../../src/plan/load.ts';

const screens = path.resolve('audits/demo/android/screens');
const png = (screen: string): Buffer => readFileSync(path.join(screens, `${screen}.png`));
const xml = (screen: string): string => readFileSync(path.join(screens, `${screen}.xml`), 'utf8');
const plan = loadPlan(path.resolve('audits/demo/demo-android.yaml')).plan;

/** The PNG with a square of `size` pixels painted black at (x, y): a cursor, a ticking clock. */
function withSquare(bytes: Buffer, x: number, y: number, size: number): Buffer {
  const image = PNG.sync.read(bytes);
  for (let row = y; row < y + size; row++)
    for (let column = x; column < x + size; column++) {
      const offset = (row * image.width + column) * 4;
      image.data[offset] = image.data[offset + 1] = image.data[offset + 2] = 0;
    }
  return PNG.sync.write(image);
}

describe('screen change', () => {
  it('sees no change in the same screen, nor in a small blink on it', () => {
    const settings = screenSignature(png('settings'));
    expect(screenChanged(settings, screenSignature(png('settings')))).toBe(false);
    expect(screenChanged(settings, screenSignature(withSquare(png('settings'), 100, 100, 12)))).toBe(false);
  });

  it('sees a new screen: the consent form after the permission dialog, the settings after the game', () => {
    expect(screenChanged(screenSignature(png('location-permission')), screenSignature(png('consent')))).toBe(true);
    expect(screenChanged(screenSignature(png('game')), screenSignature(png('settings')))).toBe(true);
    expect(screenChanged(undefined, screenSignature(png('game')))).toBe(true);
  });

  it('sees a dialog-sized change (a third of the screen)', () => {
    expect(screenChanged(screenSignature(png('settings')), screenSignature(withSquare(png('settings'), 0, 0, 200)))).toBe(true);
  });
});

describe('proposals from the page source', () => {
  it('proposes every control of the settings screen with its value, named by the plan where its locator matches', async () => {
    const proposals = await pageSourceProposer(plan, isPermissionControllerNode).proposeReadings({ uiTree: { text: xml('settings'), extension: 'xml' } });
    expect(proposals.map((proposal) => [proposal.label, proposal.kind, proposal.value, proposal.name ?? null, proposal.about ?? null])).toEqual([
      ['Music', 'switch', true, null, null],
      ['Personalised ads', 'switch', true, 'personalisedAds', 'personalised-ads, low privacy as found'],
      ['Share my location with friends', 'switch', true, 'locationSharing', 'location-sharing, low privacy as found'],
      ['Send usage statistics', 'checkbox', true, 'usageStatistics', null],
      ['Who can chat with me', 'select', 'Everyone', 'chatWith', 'contact, low privacy as found'],
      // A radio button named only by its option ("Public") names no privacy choice: nothing to say about it.
      ['Public', 'radio', true, null, null],
      ['Friends only', 'radio', false, null, null],
    ]);
    expect(proposals[1]).toMatchObject({ bounds: { x: 860, y: 1210, width: 120, height: 60 }, screenWidth: 1080, source: 'page-source' });
  });

  it('proposes nothing on the system permission dialog, nor without a page source', async () => {
    const proposer = pageSourceProposer(plan, isPermissionControllerNode);
    expect(await proposer.proposeReadings({ uiTree: { text: xml('location-permission'), extension: 'xml' } })).toEqual([]);
    expect(await proposer.proposeReadings({ png: png('settings') })).toEqual([]);
  });

  it('keeps the first reader\'s reading where a second reads the same label (a screenshot reader joins the page source)', async () => {
    const screenshotReader: ReadingProposer = {
      proposeReadings: async () => [
        { label: 'personalised ads', kind: 'switch', value: false, source: 'ocr' },
        { label: 'Voice chat', kind: 'switch', value: true, source: 'ocr' },
      ],
    };
    const proposals = await combinedProposer([pageSourceProposer(plan), screenshotReader]).proposeReadings({ uiTree: { text: xml('settings'), extension: 'xml' } });
    expect(proposals.filter((proposal) => /personalised ads/i.test(proposal.label)).map((proposal) => [proposal.value, proposal.source])).toEqual([[true, 'page-source']]);
    expect(proposals.at(-1)).toMatchObject({ label: 'Voice chat', source: 'ocr' });
  });
});

describe('the row cut out for a reading', () => {
  it('cuts the control\'s row across the whole screenshot, scaled from page-source pixels', () => {
    // The screenshot is 360 wide, the page source 1080: bounds y 1210–1270 are rows 403–424, plus 24 above and below.
    const crop = PNG.sync.read(cropControl(png('settings'), { x: 860, y: 1210, width: 120, height: 60 }, 1080)!);
    expect([crop.width, crop.height]).toEqual([360, 448 - 379]);
  });

  it('gives nothing for bounds outside the screenshot or bytes that are no PNG', () => {
    expect(cropControl(png('settings'), { x: 0, y: 5000, width: 10, height: 10 }, 1080)).toBeUndefined();
    expect(cropControl(Buffer.from('not a png'), { x: 0, y: 0, width: 10, height: 10 })).toBeUndefined();
  });
});
