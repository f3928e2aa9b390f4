// What the player sees and touches: the current screen's page source and screenshot, finding
// elements in it, tapping them (by element or by a finger at a point) and the back key. A tap
// moves to another screen only when the device file says so for that element (or the clickable
// parent it belongs to); any other tap leaves the screen as it was, as a tap on a label does on a
// phone. Elements belong to the screen they were found on: after a transition they are stale.
// These functions run with `this` bound to the SimulatedDeviceDriver.
import { errors } from 'appium/driver.js';
import { util } from 'appium/support.js';
import xpath from 'xpath';
import { parseBounds } from './bounds.js';

const { W3C_WEB_ELEMENT_IDENTIFIER } = util;

/** A finger that moves less than this between down and up is a tap, not a swipe (device pixels). */
const tapSlop = 24;

function attribute(node, name) {
  return node.getAttribute?.(name) ?? '';
}

function elementNodes(document) {
  return xpath.select('//*[not(self::hierarchy)]', document);
}

function currentScreen(driver) {
  return driver.device.screens.get(driver.currentScreenId);
}

function select(driver, strategy, selector, contextNode) {
  const screen = currentScreen(driver);
  const scope = contextNode ?? screen.document;
  const within = (nodes) => (contextNode ? nodes.filter((node) => node !== contextNode && isInside(node, contextNode)) : nodes);
  switch (strategy) {
    case 'xpath':
      try {
        return xpath.select(selector, scope).filter((node) => node.nodeType === 1);
      } catch (error) {
        throw new errors.InvalidSelectorError(`${selector} is not a valid XPath (${error.message})`);
      }
    case 'id': {
      // UiAutomator2 accepts a bare id and prefixes the app's package, as `By.id("play_button")` does.
      const wanted = selector.includes(':id/') ? [selector] : [selector, `${driver.device.packageName}:id/${selector}`];
      return within(elementNodes(screen.document)).filter((node) => wanted.includes(attribute(node, 'resource-id')));
    }
    case 'accessibility id':
      return within(elementNodes(screen.document)).filter((node) => attribute(node, 'content-desc') === selector);
    case 'class name':
      return within(elementNodes(screen.document)).filter((node) => attribute(node, 'class') === selector);
    default:
      throw new errors.InvalidSelectorError(`The simulated device finds elements by xpath, id, accessibility id or class name, not by "${strategy}"`);
  }
}

function isInside(node, ancestor) {
  for (let current = node.parentNode; current; current = current.parentNode) if (current === ancestor) return true;
  return false;
}

function wrap(driver, node) {
  for (const [id, known] of driver.elements) {
    if (known.node === node) return { ELEMENT: id, [W3C_WEB_ELEMENT_IDENTIFIER]: id };
  }
  const id = `${driver.currentScreenId}-${driver.elements.size + 1}`;
  driver.elements.set(id, { screenId: driver.currentScreenId, node });
  return { ELEMENT: id, [W3C_WEB_ELEMENT_IDENTIFIER]: id };
}

/** The element as found, only while its screen is shown. */
function liveElement(driver, elementId) {
  const known = driver.elements.get(elementId);
  if (!known) throw new errors.NoSuchElementError(`No element with id ${elementId} was found in this session`);
  if (known.screenId !== driver.currentScreenId) {
    throw new errors.StaleElementReferenceError(`Element ${elementId} was on screen "${known.screenId}"; the device now shows "${driver.currentScreenId}"`);
  }
  return known.node;
}

async function findElOrEls(strategy, selector, multiple, contextId) {
  const contextNode = contextId ? liveElement(this, contextId) : undefined;
  const nodes = select(this, strategy, selector, contextNode);
  if (multiple) return nodes.map((node) => wrap(this, node));
  if (nodes.length === 0) throw new errors.NoSuchElementError(`Nothing on screen "${this.currentScreenId}" matches ${strategy} ${selector}`);
  return wrap(this, nodes[0]);
}

export async function findElement(strategy, selector) {
  return findElOrEls.call(this, strategy, selector, false);
}
export async function findElements(strategy, selector) {
  return findElOrEls.call(this, strategy, selector, true);
}
export async function findElementFromElement(strategy, selector, elementId) {
  return findElOrEls.call(this, strategy, selector, false, elementId);
}
export async function findElementsFromElement(strategy, selector, elementId) {
  return findElOrEls.call(this, strategy, selector, true, elementId);
}

export async function getPageSource() {
  return currentScreen(this).xml;
}

export async function getScreenshot() {
  return currentScreen(this).screenshot.toString('base64');
}

function windowSize(driver) {
  const root = currentScreen(driver).document.documentElement;
  return { width: Number(attribute(root, 'width')) || 1080, height: Number(attribute(root, 'height')) || 2400 };
}

export async function getWindowRect() {
  return { x: 0, y: 0, ...windowSize(this) };
}
export async function getWindowSize() {
  return windowSize(this);
}

export async function getAttribute(name, elementId) {
  const node = liveElement(this, elementId);
  return node.hasAttribute(name) ? node.getAttribute(name) : null;
}
export async function getText(elementId) {
  return attribute(liveElement(this, elementId), 'text');
}
export async function getName(elementId) {
  return attribute(liveElement(this, elementId), 'class');
}
export async function elementDisplayed(elementId) {
  return attribute(liveElement(this, elementId), 'displayed') !== 'false';
}
export async function elementEnabled(elementId) {
  return attribute(liveElement(this, elementId), 'enabled') !== 'false';
}
export async function elementSelected(elementId) {
  const node = liveElement(this, elementId);
  return attribute(node, 'selected') === 'true' || attribute(node, 'checked') === 'true';
}
export async function getElementRect(elementId) {
  const bounds = parseBounds(attribute(liveElement(this, elementId), 'bounds'));
  if (!bounds) throw new errors.UnknownError(`Element ${elementId} has no bounds in the page source`);
  return bounds;
}

const inRegion = (region, point) => point && point.x >= region.x && point.x < region.x + region.width && point.y >= region.y && point.y < region.y + region.height;

/**
 * The transition of the tapped node, or of the nearest ancestor that has one (a tap lands on the
 * clickable row). A transition with a region (a button drawn on an engine surface) needs a
 * finger inside it: an element click has no point, so it never presses a drawn button.
 */
function transitionFor(driver, node, point) {
  const { taps } = currentScreen(driver);
  for (let current = node; current && current.nodeType === 1; current = current.parentNode) {
    const keys = [attribute(current, 'resource-id'), attribute(current, 'content-desc'), attribute(current, 'text')].filter(Boolean);
    const tap = taps.find((candidate) => keys.includes(candidate.element) && (!candidate.region || inRegion(candidate.region, point)));
    if (tap) return tap;
  }
  return undefined;
}

function describeNode(node) {
  return attribute(node, 'resource-id') || attribute(node, 'content-desc') || attribute(node, 'text') || attribute(node, 'class');
}

function tapNode(driver, node, how, point) {
  const what = describeNode(node);
  const tap = transitionFor(driver, node, point);
  if (!tap) {
    driver.record('tap', `${how} on "${what}" changed nothing on screen "${driver.currentScreenId}"`);
    return;
  }
  for (const permission of tap.grants) driver.grantPermission(permission, `tap on "${what}"`);
  driver.showScreen(tap.to, `${how} on "${what}"`);
}

export async function click(elementId) {
  const node = liveElement(this, elementId);
  if (attribute(node, 'displayed') === 'false' || attribute(node, 'enabled') === 'false') {
    throw new errors.ElementNotInteractableError(`"${describeNode(node)}" is not displayed or not enabled on screen "${this.currentScreenId}"`);
  }
  tapNode(this, node, 'tap');
}

/** The deepest displayed node under a point: what a finger there touches. */
function nodeAt(driver, x, y) {
  let hit;
  for (const node of elementNodes(currentScreen(driver).document)) {
    if (attribute(node, 'displayed') === 'false') continue;
    const bounds = parseBounds(attribute(node, 'bounds'));
    if (bounds && x >= bounds.x && x < bounds.x + bounds.width && y >= bounds.y && y < bounds.y + bounds.height) hit = node;
  }
  return hit;
}

/** W3C actions: a finger put down and lifted in place is a tap at that point; a move between is a swipe. */
export async function performActions(actions) {
  for (const source of actions ?? []) {
    if (source.type !== 'pointer') continue;
    let position = { x: 0, y: 0 };
    let downAt;
    for (const action of source.actions ?? []) {
      if (action.type === 'pointerMove') position = { x: Number(action.x), y: Number(action.y) };
      if (action.type === 'pointerDown') downAt = { ...position };
      if (action.type === 'pointerUp' && downAt) {
        const moved = Math.hypot(position.x - downAt.x, position.y - downAt.y);
        if (moved <= tapSlop) {
          const node = nodeAt(this, downAt.x, downAt.y);
          if (node) tapNode(this, node, `finger tap at ${downAt.x},${downAt.y}`, downAt);
          else this.record('tap', `finger tap at ${downAt.x},${downAt.y} touched nothing`);
        } else {
          // The screens are whole page sources, so a swipe scrolls nothing in: recorded, screen unchanged.
          this.record('swipe', `from ${downAt.x},${downAt.y} to ${position.x},${position.y} on screen "${this.currentScreenId}" (the simulated screens do not scroll)`);
        }
        downAt = undefined;
      }
    }
  }
}
export async function releaseActions() {}

export async function back() {
  const { back: target } = currentScreen(this);
  if (!target) {
    this.record('back', `back on screen "${this.currentScreenId}" changed nothing (the device file gives it no back transition)`);
    return;
  }
  this.showScreen(target, 'back');
}
