// The merge of accessibility nodes with OCR, on real page sources and screenshots of the demo:
// a node's words are kept over OCR's reading of them, but a node covering the screen (a Unity
// surface, a WebView) is a container and what is drawn on it is still read from the pixels.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageSourceNodes } from '../../src/capture/appium/page-source-nodes.ts';
import { readScreen } from '../../src/screen/screen-model.ts';

const demo = (file: string): string => path.resolve(import.meta.dirname, '../../audits/demo/android', file);

describe('pageSourceNodes', () => {
  it('reads the leaky runner\'s consent page source (audits/demo/android/screens/consent.xml) in screenshot pixels', () => {
    const nodes = pageSourceNodes(readFileSync(demo('screens/consent.xml'), 'utf8'), 360);
    expect(nodes.map((node) => node.text)).toEqual([
      'Privacy and cookie settings',
      'Leaky Runner',
      'Leaky Runner asks for your consent to use your personal data to:',
      'Personalised advertising and content, advertising and content measurement, audience research and services development',
      'Store and/or access information on a device',
      'Your personal data will be processed and information from your device (cookies, unique identifiers, and other device data) may be stored by, accessed by and shared with 142 TCF vendors and 65 ad partners, or used specifically by this app.',
      'Privacy policy',
      'Accept all',
      'Manage options',
    ]);
    // bounds="[100,1460][980,1640]" on a 1080-wide hierarchy, on a 360-wide screenshot.
    expect(nodes.find((node) => node.text === 'Accept all')).toEqual({ text: 'Accept all', role: 'android.widget.Button', locator: 'accept-all', bounds: { x: 33, y: 487, width: 293, height: 60 } });
  });

  it('keeps device pixels when the screenshot is as wide as the hierarchy (the engine screen, 1080 × 2400)', () => {
    const nodes = pageSourceNodes(readFileSync(demo('engine/engine-surface.xml'), 'utf8'), 1080);
    expect(nodes).toEqual([{ text: 'Game view', role: 'android.view.View', locator: 'com.demogames.starengine:id/unitySurfaceView', bounds: { x: 0, y: 0, width: 1080, height: 2400 } }]);
  });
});

describe('readScreen with the page source\'s nodes', () => {
  it('still reads the consent dialog drawn on a Unity surface whose only node is "Game view"', async () => {
    const png = readFileSync(demo('engine/engine-consent.png'));
    const model = await readScreen(png, [{ text: 'Game view', role: 'android.view.View', bounds: { x: 0, y: 0, width: 1080, height: 2400 } }]);
    expect(model.elements.filter((element) => element.source === 'accessibility').map((element) => element.text)).toEqual(['Game view']);
    expect(model.elements.filter((element) => element.source === 'ocr').map((element) => element.text)).toEqual(expect.arrayContaining(['Accept all', 'No thanks', 'Privacy policy']));
  }, 120_000);
});
