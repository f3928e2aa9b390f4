#!/usr/bin/env node
// Draws the screenshots of the simulated engine game (audits/demo/android/star-engine.device.yaml)
// with the canvas demo game itself (audits/demo/sites/canvas/), at the phone's full 1080 × 2400
// pixels: the engine draws the same consent dialog, game screen and settings on the one
// unitySurfaceView a Unity build shows. The PNGs are committed, so the demo and tests need no
// browser; run this again after editing the canvas game:
//   node --import tsx simulated-device/scripts/render-engine-screens.js
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumExecutable } from '../../src/capture/web/chromium.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.join(root, 'audits/demo/android/engine');
// 432 × 960 CSS pixels at 2.5 device pixels each: a 1080 × 2400 phone, as the page source says.
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: chromiumArgs });
try {
  const page = await browser.newPage({ viewport: { width: 432, height: 960 }, deviceScaleFactor: 2.5, isMobile: true, hasTouch: true });
  await page.route('**/consent?**', (route) => route.fulfill({ status: 204 }));
  await page.route('**/age?**', (route) => route.fulfill({ status: 204 }));
  await page.goto(pathToFileURL(path.join(root, 'audits/demo/sites/canvas/index.html')).href);
  await page.waitForTimeout(300);
  // The web game asks the age first (age-question.js); the engine build's screens start at its
  // consent dialog, so the age is given here: the field, 10, "Continue".
  await page.mouse.click(216, 313);
  await page.keyboard.type('10');
  await page.mouse.click(216, 410);
  await page.waitForTimeout(200);
  const shoot = async (name) => {
    writeFileSync(path.join(out, `${name}.png`), await page.screenshot({ type: 'png' }));
    console.log(`${name}: ${path.relative(process.cwd(), path.join(out, `${name}.png`))}`);
  };
  await shoot('engine-consent');
  // "No thanks", then "Settings": the regions the device file gives these taps, in CSS pixels.
  await page.mouse.click(216, 430);
  await page.waitForTimeout(200);
  await shoot('engine-game');
  await page.mouse.click(347, 102);
  await page.waitForTimeout(200);
  await shoot('engine-settings');
} finally {
  await browser.close();
}
