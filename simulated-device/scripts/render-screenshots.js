#!/usr/bin/env node
// Draws the screenshot of every screen of a simulated game file from its page source: each node
// at its bounds (texts, buttons, switches, check boxes, radio buttons), an engine surface
// (Unity's unitySurfaceView) as a painted game scene, as a phone would show it. The PNGs are
// committed beside the screens, so the demo and the tests need no browser; run this again after
// editing a screen:
//   node --import tsx simulated-device/scripts/render-screenshots.js audits/demo/android/leaky-runner.device.yaml
// It uses the project's Chromium (GAMEAUDIT_CHROMIUM or Debian's, as the web capture does).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { chromium } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { chromiumArgs, chromiumExecutable } from '../../src/capture/web/chromium.ts';
import { parseBounds } from '../lib/bounds.js';

/** Screenshots are drawn at a third of the device's pixels: enough to read, small to commit. */
const scale = 1 / 3;

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[character]);
}

function box(bounds, style, content = '') {
  return `<div style="position:absolute;left:${bounds.x}px;top:${bounds.y}px;width:${bounds.width}px;height:${bounds.height}px;${style}">${content}</div>`;
}

function shortClass(node) {
  return (node.getAttribute('class') || node.nodeName).split('.').pop();
}

function drawNode(node) {
  const bounds = parseBounds(node.getAttribute('bounds'));
  if (!bounds || node.getAttribute('displayed') === 'false') return '';
  const kind = shortClass(node);
  const text = escapeHtml(node.getAttribute('text') || '');
  const resourceId = node.getAttribute('resource-id') || '';
  const checked = node.getAttribute('checked') === 'true';
  if (/unitySurfaceView|SurfaceView/.test(`${resourceId} ${kind}`)) {
    // Engine-drawn: pixels only. The words here are in the picture, not in the page source.
    return box(bounds, 'background:linear-gradient(#5fb8ff,#bfe7ff 55%,#5cbf4a 55%,#3e8f33);overflow:hidden',
      '<div style="position:absolute;left:120px;top:200px;font:bold 96px sans-serif;color:#fff;text-shadow:4px 4px #235">LEAKY RUNNER</div>' +
      '<div style="position:absolute;left:430px;top:1180px;width:160px;height:260px;background:#e8472f;border-radius:80px 80px 20px 20px"></div>' +
      '<div style="position:absolute;left:240px;top:1900px;width:600px;height:160px;background:#ffb300;border-radius:40px;font:bold 80px sans-serif;text-align:center;line-height:160px;color:#522">PLAY</div>' +
      '<div style="position:absolute;left:120px;top:2150px;font:48px sans-serif;color:#fff">Coins: 250   Daily reward ready!</div>');
  }
  switch (kind) {
    case 'Button':
      return box(bounds, `background:${/accept|confirm/i.test(text) ? '#1a73e8;color:#fff' : '#fff;color:#1a73e8;border:2px solid #1a73e8'};border-radius:24px;font:500 ${Math.min(52, bounds.height * 0.45)}px sans-serif;display:flex;align-items:center;justify-content:center;box-sizing:border-box`, text);
    case 'ImageButton':
      return box(bounds, 'background:#333c;border-radius:50%;color:#fff;font:64px sans-serif;display:flex;align-items:center;justify-content:center', /settings/i.test(node.getAttribute('content-desc') || '') ? '⚙' : '←');
    case 'Switch':
      return box(bounds, `background:${checked ? '#1a73e8' : '#bbb'};border-radius:30px`, `<div style="position:absolute;top:6px;${checked ? 'right' : 'left'}:6px;width:48px;height:48px;border-radius:50%;background:#fff"></div>`);
    case 'CheckBox':
      return box(bounds, 'font:44px sans-serif;display:flex;align-items:center', `<span style="display:inline-block;width:56px;height:56px;margin-right:24px;border:4px solid #1a73e8;background:${checked ? '#1a73e8' : '#fff'};color:#fff;text-align:center">${checked ? '✓' : ''}</span>${text}`);
    case 'RadioButton':
      return box(bounds, 'font:44px sans-serif;display:flex;align-items:center', `<span style="display:inline-block;width:48px;height:48px;margin-right:24px;border-radius:50%;border:4px solid #1a73e8;background:${checked ? 'radial-gradient(#1a73e8 45%,#fff 50%)' : '#fff'}"></span>${text}`);
    case 'Spinner':
      return box(bounds, 'border-bottom:3px solid #555');
    case 'TextView':
      return text ? box(bounds, `font:${text.length > 40 ? 36 : Math.max(28, Math.min(56, bounds.height * 0.6))}px sans-serif;color:${node.getAttribute('clickable') === 'true' ? '#1a73e8;text-decoration:underline' : '#222'};overflow:hidden`, text) : '';
    case 'ScrollView':
    case 'WebView':
      return box(bounds, 'background:#fff');
    default:
      // Dialog and form containers: a white card, so a dialog stands out from what is behind it.
      return /grant_dialog|consent-form|consent-options/.test(resourceId) ? box(bounds, 'background:#fff;border-radius:36px;box-shadow:0 8px 40px #0008') : '';
  }
}

function screenHtml(document) {
  const root = document.documentElement;
  const width = Number(root.getAttribute('width')) || 1080;
  const height = Number(root.getAttribute('height')) || 2400;
  const parts = [];
  const walk = (node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType !== 1) continue;
      parts.push(drawNode(child));
      walk(child);
    }
  };
  walk(root);
  // Whatever the page source does not cover is the dimmed screen behind a system dialog.
  return `<!doctype html><meta charset="utf-8"><body style="margin:0;background:#202124"><div style="position:relative;width:${width}px;height:${height}px;transform:scale(${scale});transform-origin:0 0;overflow:hidden">${parts.join('')}</div></body>`;
}

const deviceFile = process.argv[2];
if (!deviceFile) {
  console.error('usage: node --import tsx simulated-device/scripts/render-screenshots.js <game.device.yaml>');
  process.exit(2);
}
const device = parseYaml(readFileSync(deviceFile, 'utf8'));
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: chromiumArgs });
try {
  for (const [id, screen] of Object.entries(device.screens)) {
    const source = path.resolve(path.dirname(deviceFile), screen.source);
    const document = new DOMParser().parseFromString(readFileSync(source, 'utf8'), 'text/xml');
    const width = Number(document.documentElement.getAttribute('width')) || 1080;
    const height = Number(document.documentElement.getAttribute('height')) || 2400;
    const page = await browser.newPage({ viewport: { width: Math.round(width * scale), height: Math.round(height * scale) } });
    await page.setContent(screenHtml(document));
    const target = path.resolve(path.dirname(deviceFile), screen.screenshot);
    writeFileSync(target, await page.screenshot({ type: 'png' }));
    await page.close();
    console.log(`${id}: ${path.relative(process.cwd(), target)}`);
  }
} finally {
  await browser.close();
}
