// What the consent and settings walks need from a device screen, over a WebdriverIO session
// to Appium: read the page source, tap an element, scroll, go back. Kept narrow so the walks are
// the same for Android and iOS and can be tested on a page source alone.
import type { MobilePlatform } from './locator-xpath.ts';
import { allNodes, parsePageSource, type UiNode } from './page-source.ts';
import { abortablePause } from '../abortable-pause.ts';

export interface MobileScreen {
  readonly platform: MobilePlatform;
  /** The current page source, parsed (and its raw XML). */
  source(): Promise<{ root: UiNode; xml: string }>;
  tap(xpath: string): Promise<void>;
  /** A finger tap at a point in device pixels (W3C actions): what a game drawn by an engine is tapped with. */
  tapAt(point: { x: number; y: number }): Promise<void>;
  /** The screen's size in device pixels, as the last page source gave it. */
  size(): { width: number; height: number };
  scroll(direction: 'up' | 'down'): Promise<void>;
  back(): Promise<void>;
  /** Types text with W3C key actions into whatever the last tap focused (an engine's own field has no element to send keys to). */
  typeText(text: string): Promise<void>;
  /** What Appium can see of where the device is: the foreground package and activity (Android). Unknown parts are absent. */
  whereNow(): Promise<{ package?: string; activity?: string }>;
  /** A fresh attribute read through the driver, for XPath locators the page-source reader cannot evaluate. */
  attributes(xpath: string, names: string[]): Promise<Record<string, string | null>>;
}

/** The part of a WebdriverIO browser the screen uses. */
export interface ScreenSession {
  getPageSource(): Promise<string>;
  $(selector: string): PromiseLike<ScreenElement> | ScreenElement;
  back(): Promise<unknown>;
  performActions(actions: object[]): Promise<void>;
  releaseActions(): Promise<void>;
  /** UiAutomator2's; absent or refused elsewhere. */
  getCurrentPackage?(): Promise<string>;
  getCurrentActivity?(): Promise<string>;
}
export interface ScreenElement {
  click(): Promise<unknown>;
  isExisting(): Promise<boolean>;
  getAttribute(name: string): Promise<string | null>;
}

export function appiumScreen(session: ScreenSession, platform: MobilePlatform): MobileScreen {
  let lastSize = { width: 1080, height: 2400 };
  return {
    platform,
    async source() {
      const xml = await session.getPageSource();
      const root = parsePageSource(xml);
      // The hierarchy root carries the screen size on UiAutomator2; on XCUITest the first element
      // under <AppiumAUT> does (the application, or the one element a collapsed source keeps), in points.
      const sized = allNodes(root).find((node) => Number(node.attributes.width) > 0 && Number(node.attributes.height) > 0);
      if (sized) lastSize = { width: Number(sized.attributes.width), height: Number(sized.attributes.height) };
      return { root, xml };
    },
    async tap(xpath) {
      const element = await session.$(xpath);
      if (!(await element.isExisting())) throw new Error(`nothing on screen matches ${xpath}`);
      await element.click();
    },
    async tapAt(point) {
      await session.performActions([
        {
          type: 'pointer',
          id: 'finger',
          parameters: { pointerType: 'touch' },
          actions: [
            { type: 'pointerMove', duration: 0, x: Math.round(point.x), y: Math.round(point.y) },
            { type: 'pointerDown', button: 0 },
            { type: 'pause', duration: 80 },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ]);
      await session.releaseActions();
    },
    size() {
      return lastSize;
    },
    async typeText(text) {
      await session.performActions([
        { type: 'key', id: 'keyboard', actions: [...text].flatMap((key) => [{ type: 'keyDown', value: key }, { type: 'keyUp', value: key }]) },
      ]);
      await session.releaseActions();
    },
    async whereNow() {
      const read = async (get: (() => Promise<string>) | undefined): Promise<string | undefined> => (get ? await get.call(session).catch(() => undefined) : undefined);
      const [packageName, activity] = [await read(session.getCurrentPackage), await read(session.getCurrentActivity)];
      return { ...(packageName ? { package: packageName } : {}), ...(activity ? { activity } : {}) };
    },
    async scroll(direction) {
      // A finger swipe through W3C actions works on every Appium driver, unlike the drivers' own scroll commands.
      const x = Math.round(lastSize.width / 2);
      const [fromY, toY] = direction === 'down' ? [lastSize.height * 0.75, lastSize.height * 0.25] : [lastSize.height * 0.25, lastSize.height * 0.75];
      await session.performActions([
        {
          type: 'pointer',
          id: 'finger',
          parameters: { pointerType: 'touch' },
          actions: [
            { type: 'pointerMove', duration: 0, x, y: Math.round(fromY) },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerMove', duration: 400, x, y: Math.round(toY) },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ]);
      await session.releaseActions();
    },
    async back() {
      await session.back();
    },
    async attributes(xpath, names) {
      const element = await session.$(xpath);
      if (!(await element.isExisting())) throw new Error(`nothing on screen matches ${xpath}`);
      const values: Record<string, string | null> = {};
      for (const name of names) values[name] = await element.getAttribute(name);
      return values;
    },
  };
}

export function pause(seconds: number, signal?: AbortSignal): Promise<void> {
  return abortablePause(seconds * 1000, signal);
}
