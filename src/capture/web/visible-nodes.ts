// The DOM's side of the screen model: the elements a child sees at the moment of a screenshot,
// with their text (or accessible name), role and box in screenshot pixels, so readScreen can
// merge them with what OCR reads. Only the main frame: an iframe's boxes are its own.
import type { Page } from 'playwright-core';
import type { AccessibilityNode } from '../../screen/screen-model.ts';

/**
 * Evaluated as text so no transpiler helper leaks into the page. A control (button, link, input,
 * an element with a role) is one node named by its accessible name; other text is the element
 * that holds the words directly. What lies inside a control is the control's, not a node of its own.
 * Boxes are CSS pixels times devicePixelRatio: the screenshot's pixels.
 */
const visibleNodesScript = `(() => {
  const scale = window.devicePixelRatio || 1;
  const clean = (text) => (text || '').replace(/\\s+/g, ' ').trim();
  // Controls a child presses or reads a state from; a dialog or group role is a container, walked into.
  const controlSelector = 'button, a[href], input, select, textarea, [role=button], [role=link], [role=checkbox], [role=radio], [role=switch], '
    + '[role=tab], [role=menuitem], [role=option], [role=combobox], [role=textbox], [role=slider]';
  const roleOf = (element) => {
    const role = element.getAttribute('role');
    if (role) return role;
    const tag = element.tagName.toLowerCase();
    if (tag === 'a') return 'link';
    if (tag === 'select') return 'combobox';
    if (tag === 'textarea') return 'textbox';
    if (tag === 'input') {
      const type = (element.getAttribute('type') || 'text').toLowerCase();
      return type === 'checkbox' || type === 'radio' ? type : type === 'button' || type === 'submit' ? 'button' : 'textbox';
    }
    return tag;
  };
  const nameOf = (element) => {
    const labelledBy = element.getAttribute('aria-labelledby');
    if (labelledBy) {
      const text = clean(labelledBy.split(/\\s+/).map((id) => document.getElementById(id)?.innerText || '').join(' '));
      if (text) return text;
    }
    const aria = clean(element.getAttribute('aria-label'));
    if (aria) return aria;
    if (element.tagName === 'SELECT') return clean(element.selectedOptions[0]?.text);
    if (element.tagName === 'INPUT') {
      const labels = element.labels ? [...element.labels].map((label) => label.innerText).join(' ') : '';
      return clean(labels || element.value || element.getAttribute('placeholder'));
    }
    return clean(element.innerText);
  };
  const shown = (element) => {
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && Number(style.opacity) > 0
      && box.right > 0 && box.bottom > 0 && box.left < window.innerWidth && box.top < window.innerHeight;
  };
  const locatorOf = (element) => element.id ? '#' + element.id : element.tagName.toLowerCase()
    + (typeof element.className === 'string' && element.className.trim() ? '.' + element.className.trim().split(/\\s+/).join('.') : '');
  const ownText = (element) => clean([...element.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent).join(' '));
  const nodes = [];
  for (const element of document.body ? document.body.querySelectorAll('*') : []) {
    if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'OPTION'].includes(element.tagName)) continue;
    const isControl = element.matches(controlSelector);
    if (element.parentElement && element.parentElement.closest(controlSelector)) continue;
    // Words inside a paragraph that holds words itself (a <strong> in a <p>) are the paragraph's.
    if (!isControl && element.parentElement && ownText(element.parentElement)) continue;
    const text = isControl ? nameOf(element) : ownText(element) ? clean(element.innerText) : '';
    if (!text || !shown(element)) continue;
    const box = element.getBoundingClientRect();
    nodes.push({
      text,
      role: isControl ? roleOf(element) : 'text',
      locator: locatorOf(element),
      bounds: { x: Math.round(box.x * scale), y: Math.round(box.y * scale), width: Math.round(box.width * scale), height: Math.round(box.height * scale) },
    });
  }
  return nodes;
})()`;

/** The visible elements with text of the page now; none when the page cannot be read (it is navigating). */
export async function visibleNodes(page: Page): Promise<AccessibilityNode[]> {
  return ((await page.evaluate(visibleNodesScript).catch(() => [])) as AccessibilityNode[]);
}
