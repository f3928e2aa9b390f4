// The page source's side of the screen model: every node that shows text (or is described by
// an accessibility label) with its box in the screenshot's pixels, so readScreen can merge the
// tree's words with what OCR reads. UiAutomator2 gives device pixels, which a screenshot has
// too; XCUITest gives points, which the screenshot's width turns into pixels.
import type { AccessibilityNode } from '../../screen/screen-model.ts';
import { allNodes, nodeBounds, nodeText, parsePageSource } from './page-source.ts';

/** The nodes of a page source with text and a box, in the pixels of a screenshot `screenshotWidth` wide. */
export function pageSourceNodes(xml: string, screenshotWidth?: number): AccessibilityNode[] {
  const root = parsePageSource(xml);
  // The hierarchy root (UiAutomator2) or the application node (XCUITest) carries the screen's width.
  const screenWidth = Number(root.children[0]?.attributes.width);
  const scale = screenshotWidth && screenWidth > 0 ? screenshotWidth / screenWidth : 1;
  const nodes: AccessibilityNode[] = [];
  for (const node of allNodes(root)) {
    const text = nodeText(node);
    const box = nodeBounds(node);
    if (!text || !box || box.width <= 0 || box.height <= 0) continue;
    const locator = node.attributes['resource-id'] || node.attributes.name;
    nodes.push({
      text,
      role: node.tag,
      ...(locator ? { locator } : {}),
      bounds: { x: Math.round(box.x * scale), y: Math.round(box.y * scale), width: Math.round(box.width * scale), height: Math.round(box.height * scale) },
    });
  }
  return nodes;
}
