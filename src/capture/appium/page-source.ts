// Reads an Appium page source (UiAutomator2 or XCUITest XML) into plain nodes. Page sources are
// attribute-only XML written by the device's accessibility dump, so a small tokenizer is enough;
// we read them ourselves because one page-source call is far cheaper than one request per
// element attribute, and it is what the screenshot's .xml file beside it shows an investigator.

export interface UiNode {
  /** Element name: android.widget.Switch, XCUIElementTypeSwitch, … */
  tag: string;
  attributes: Record<string, string>;
  children: UiNode[];
  parent: UiNode | undefined;
  /** Position in document order, so "nearest label" can be decided by order as well as geometry. */
  order: number;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return entities[name.toLowerCase()] ?? whole;
  });
}

const tagPattern = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w.:$-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const attributePattern = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Parses the XML into a tree under a synthetic root; unknown constructs are skipped, never fatal. */
export function parsePageSource(xml: string): UiNode {
  const root: UiNode = { tag: '#document', attributes: {}, children: [], parent: undefined, order: 0 };
  let current = root;
  let order = 0;
  for (const match of xml.matchAll(tagPattern)) {
    const [, closing, tag, attributeText, selfClosing] = match;
    if (!tag) continue; // comment, processing instruction, doctype
    if (closing) {
      // Walk up to the matching element; a stray closing tag is ignored.
      let node: UiNode | undefined = current;
      while (node && node.tag !== tag) node = node.parent;
      if (node?.parent) current = node.parent;
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const attribute of (attributeText ?? '').matchAll(attributePattern)) {
      attributes[attribute[1]!] = decodeEntities(attribute[2] ?? attribute[3] ?? '');
    }
    order += 1;
    const node: UiNode = { tag, attributes, children: [], parent: current, order };
    current.children.push(node);
    if (!selfClosing) current = node;
  }
  return root;
}

/** Every node of the tree in document order. */
export function allNodes(root: UiNode): UiNode[] {
  const result: UiNode[] = [];
  const visit = (node: UiNode): void => {
    for (const child of node.children) {
      result.push(child);
      visit(child);
    }
  };
  visit(root);
  return result;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where a node is on screen: UiAutomator2 writes bounds="[x1,y1][x2,y2]"; XCUITest writes
 * x/y/width/height attributes (and so does the simulated device's model).
 */
export function nodeBounds(node: UiNode): Rect | undefined {
  const bounds = node.attributes.bounds?.match(/^\[(-?\d+),(-?\d+)\]\[(-?\d+),(-?\d+)\]$/);
  if (bounds) {
    const [x1, y1, x2, y2] = bounds.slice(1).map(Number) as [number, number, number, number];
    return { x: x1, y: y1, width: Math.max(0, x2 - x1), height: Math.max(0, y2 - y1) };
  }
  const { x, y, width, height } = node.attributes;
  if (x !== undefined && y !== undefined && width !== undefined && height !== undefined) {
    const rect = { x: Number(x), y: Number(y), width: Number(width), height: Number(height) };
    if (Object.values(rect).every(Number.isFinite)) return rect;
  }
  return undefined;
}

/** What a player reads on the node: its text, else its content description / accessibility label. */
export function nodeText(node: UiNode): string {
  const { text, label, name, value } = node.attributes;
  const contentDescription = node.attributes['content-desc'];
  return (text || contentDescription || label || name || value || '').trim();
}

/** All visible text under a node (the node included), in document order, joined by a space. */
export function textUnder(node: UiNode): string {
  const parts: string[] = [];
  const visit = (current: UiNode): void => {
    const own = nodeText(current);
    if (own && !parts.includes(own)) parts.push(own);
    for (const child of current.children) visit(child);
  };
  visit(node);
  return parts.join(' ');
}
