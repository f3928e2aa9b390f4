// The iOS capture's own readings, on real page sources (test/fixtures/real-ui/README.md names
// where each came from): whether a screen is drawn by an engine, and which alert button refuses.
// No iOS device or simulator is used: these are the recognitions alone.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appiumScreen, type ScreenSession } from '../../src/capture/appium/mobile-screen.ts';
import { parsePageSource } from '../../src/capture/appium/page-source.ts';
import { looksCanvasOnly } from '../../src/capture/appium/ui-controls.ts';
import { iosDrawnByEngine } from '../../src/capture/ios/engine-source.ts';
import { iosAlertButtonRole } from '../../src/capture/ios/permission-alert.ts';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/real-ui/${name}`, import.meta.url), 'utf8');

/**
 * The Unity sample is two excerpts of WebDriverAgent's JSON source, each cut mid-document, so it
 * does not parse as JSON. Every object in it that has a `type` becomes one XCUITest element (as
 * Appium's XML source writes it), in the order the objects close; frames are kept, nesting is not
 * (the recognition reads elements, not their nesting). Unmatched braces at the cuts are ignored.
 */
function excerptElementsAsXml(text: string): string {
  type Fields = Record<string, string>;
  const stack: { fields: Fields; frame?: Fields; key?: string }[] = [{ fields: {} }];
  const elements: string[] = [];
  const token = /\{|\}|"(\w+)"\s*:\s*(?:"([^"]*)"|(-?\d+(?:\.\d+)?)|(?=\{))/g;
  for (const match of text.matchAll(token)) {
    if (match[0] === '{') {
      stack.push({ fields: {}, key: stack[stack.length - 1]!.fields.__pendingKey });
      delete stack[stack.length - 2]!.fields.__pendingKey;
      continue;
    }
    if (match[0] === '}') {
      const closed = stack.length > 1 ? stack.pop()! : stack.splice(0, 1, { fields: {} })[0]!;
      const parent = stack[stack.length - 1]!;
      if (closed.key === 'frame') parent.frame = closed.fields;
      else if (closed.fields.type !== undefined) {
        const frame = closed.frame ?? {};
        const attributes = ['name', 'label'].filter((name) => closed.fields[name] !== undefined).map((name) => ` ${name}="${closed.fields[name]}"`).join('');
        const box = frame.width !== undefined ? ` x="${frame.x}" y="${frame.y}" width="${frame.width}" height="${frame.height}"` : '';
        elements.push(`<XCUIElementType${closed.fields.type} type="XCUIElementType${closed.fields.type}"${attributes}${box}/>`);
      }
      continue;
    }
    const [, key, text, number] = match;
    if (text === undefined && number === undefined) stack[stack.length - 1]!.fields.__pendingKey = key!;
    else stack[stack.length - 1]!.fields[key!] = text ?? number!;
  }
  return `<AppiumAUT>${elements.join('')}</AppiumAUT>`;
}

describe('iOS screens drawn by an engine', () => {
  it('recognises a Unity game on iOS (nested empty Other elements, AirtestProject/iOS-Tagent#60)', () => {
    const xml = excerptElementsAsXml(fixture('issue-ios-tagent-60-unity-ios-source.partial.json.txt'));
    const root = parsePageSource(xml);
    // The excerpts hold six elements, all "Other" with empty names; one is framed 375 × 667.
    expect(root.children[0]!.children.map((node) => node.tag)).toEqual(Array(6).fill('XCUIElementTypeOther'));
    expect(xml).toContain('x="0" y="0" width="375" height="667"');
    expect(iosDrawnByEngine(root)).toBe(true);
    expect(looksCanvasOnly(root)).toBe(true);
  });

  it('recognises a source collapsed to one root element carrying only the app name (appium/appium#11965)', () => {
    const root = parsePageSource(fixture('issue-appium-11965-ios-single-root-element.xml'));
    expect(iosDrawnByEngine(root)).toBe(true);
    expect(looksCanvasOnly(root)).toBe(true);
  });

  it('does not take a readable iOS screen for an engine: a system alert, a notification prompt', () => {
    const alert = parsePageSource(fixture('issue-appium-12957-ios13-maps-location-alert.partial.xml.txt'));
    expect(iosDrawnByEngine(alert)).toBe(false);
    expect(looksCanvasOnly(alert)).toBe(false);
    const notification = parsePageSource(fixture('issue-wda-889-ios-wechat-notification-alert.partial.xml.txt'));
    expect(iosDrawnByEngine(notification)).toBe(false);
    expect(looksCanvasOnly(notification)).toBe(false);
  });

  it('does not let one empty Other element below a named one count as a drawn screen', () => {
    const named = parsePageSource('<AppiumAUT><XCUIElementTypeApplication name="Game" x="0" y="0" width="375" height="667"><XCUIElementTypeOther x="0" y="0" width="375" height="667"/><XCUIElementTypeOther name="Play" x="10" y="10" width="50" height="20"/></XCUIElementTypeApplication></AppiumAUT>');
    expect(iosDrawnByEngine(named)).toBe(false);
  });
});

describe('the size an iOS engine screen is tapped in', () => {
  it('is the points of the first sized element under <AppiumAUT>, so screenshot pixels scale to W3C taps', async () => {
    // Only the page source is asked of this session; taps are not part of this test.
    const session = { getPageSource: async () => fixture('issue-appium-11965-ios-single-root-element.xml') } as unknown as ScreenSession;
    const screen = appiumScreen(session, 'ios');
    await screen.source();
    expect(screen.size()).toEqual({ width: 375, height: 667 });
  });
});

describe('iOS alert buttons', () => {
  it('reads the roles of the real alert buttons', () => {
    expect(['Allow Once', 'Allow While Using App', 'Don’t Allow', "Don't Allow", 'Ask App Not to Track', 'OK', 'Not Now'].map(iosAlertButtonRole))
      .toEqual(['accept', 'accept', 'decline', 'decline', 'decline', 'accept', 'decline']);
  });

  it('matches whole words, not words inside longer ones', () => {
    expect(['Allowance', 'Book a table', 'Cancellation policy', 'Continuously', 'Tokens', 'Denying is not possible'].map(iosAlertButtonRole))
      .toEqual(['other', 'other', 'other', 'other', 'other', 'other']);
  });
});
