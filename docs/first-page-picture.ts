// Makes docs/investigator-first-page.png, the README's picture of a run's first page: the run
// index of a demo run, from its top to the end of the key findings, as Debian's Chromium draws it.
//   npm run demo && node --import tsx docs/first-page-picture.ts runs/<run-id>
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumExecutable } from '../src/capture/web/chromium.ts';

const runDir = process.argv[2];
const index = runDir ? path.join(runDir, 'index.html') : '';
if (!runDir || !existsSync(index)) {
  process.stderr.write(`usage: node --import tsx docs/first-page-picture.ts <run-dir>  (a run folder with index.html, e.g. from npm run demo)\n`);
  process.exit(2);
}
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'investigator-first-page.png');
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: chromiumArgs, headless: true });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(pathToFileURL(path.resolve(index)).href);
  // From the top of the page to the end of the key findings: what an investigator sees first.
  const end = await page.locator('#key-findings').evaluate((heading) => {
    const section = heading.closest('section')!;
    return Math.ceil(section.getBoundingClientRect().bottom + window.scrollY);
  });
  await page.screenshot({ path: out, clip: { x: 0, y: 0, width: 1280, height: end }, fullPage: true });
  process.stdout.write(`${out}\n`);
} finally {
  await browser.close();
}
