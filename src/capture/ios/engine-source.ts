// Whether an iOS page source (XCUITest) shows a game drawn by its engine. A Unity game on iOS
// exposes no widget and no words: its source is nested `XCUIElementTypeOther` elements with empty
// names and labels (AirtestProject/iOS-Tagent#60); some apps
// collapse to one root element carrying only the app's name (appium/appium#11965). Either way the
// tree holds nothing the walks can read, so the screen is read from its pixels, as the Android
// path does for a `unitySurfaceView`. Pure, so it is tested on real page sources without a phone.
import { allNodes, nodeBounds, nodeText, type UiNode } from '../appium/page-source.ts';

/** Element types that only hold others; anything else (a button, a text, a switch) is readable interface. */
const containerTypes = /^XCUIElementType(Application|Window|Other)$/;
const typeOf = (node: UiNode): string => node.attributes.type ?? node.tag;

/** Whether the tree is an XCUITest page source at all (its elements are XCUIElementType…). */
export function isXcuitestSource(root: UiNode): boolean {
  return allNodes(root).some((node) => typeOf(node).startsWith('XCUIElementType'));
}

/**
 * An engine-drawn iOS screen: every element is a container, none below the top one names anything
 * (the top one may carry the app's name), and at least one has a size on screen (what is drawn).
 */
export function iosDrawnByEngine(root: UiNode): boolean {
  const elements = allNodes(root).filter((node) => typeOf(node).startsWith('XCUIElementType'));
  const [top, ...inside] = elements;
  if (!top || !elements.every((node) => containerTypes.test(typeOf(node)))) return false;
  if (inside.some((node) => nodeText(node) !== '')) return false;
  return elements.some((node) => {
    const box = nodeBounds(node);
    return box !== undefined && box.width > 0 && box.height > 0;
  });
}
