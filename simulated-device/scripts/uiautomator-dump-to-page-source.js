#!/usr/bin/env node
// Turns a `uiautomator dump` file (<node class="android.widget.Button" …>) into the page-source
// format Appium's UiAutomator2 driver returns (<android.widget.Button class="…" … displayed="true">,
// a <hierarchy> root carrying the screen size). Used once to derive the demo's screens from real
// dumps; the derived screens are then edited by hand where the device file says so.
//   node simulated-device/scripts/uiautomator-dump-to-page-source.js <dump.xml> <width> <height> > screen.xml
import { readFileSync } from 'node:fs';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';

const [file, width, height] = process.argv.slice(2);
if (!file || !width || !height) {
  console.error('usage: uiautomator-dump-to-page-source.js <dump.xml> <width> <height>');
  process.exit(2);
}
const dump = new DOMParser().parseFromString(readFileSync(file, 'utf8'), 'text/xml');
const output = new DOMParser().parseFromString('<hierarchy/>', 'text/xml');
const root = output.documentElement;
root.setAttribute('index', '0');
root.setAttribute('class', 'hierarchy');
root.setAttribute('rotation', '0');
root.setAttribute('width', width);
root.setAttribute('height', height);

function convert(node, parent) {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType !== 1) continue;
    const element = output.createElement(child.getAttribute('class') || 'android.view.View');
    for (let index = 0; index < child.attributes.length; index++) {
      const { name, value } = child.attributes[index];
      element.setAttribute(name, value);
    }
    if (!element.hasAttribute('displayed')) element.setAttribute('displayed', 'true');
    parent.appendChild(element);
    convert(child, element);
  }
}
convert(dump.documentElement, root);
process.stdout.write(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${new XMLSerializer().serializeToString(output).replace(/></g, '>\n<')}\n`);
