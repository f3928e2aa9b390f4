// Reliability probe 2026-12, defect 3: screens/*.html were the game's live HTML, linked from every
// report; opening one loaded the game's remote script and an ad URL carrying the advertising id,
// and a captured onerror handler ran. A snapshot is now stored as text in a page that allows
// nothing to run or load. Opened here in real Chromium (file://, as from a report), with every
// request watched. Fixture: test/fixtures/snapshots/ (README says which samples it comes from).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumArgs, chromiumExecutable } from '../../src/capture/web/chromium.ts';
import { BundleWriter } from '../../src/evidence/bundle-writer.ts';
import { SecretMasker } from '../../src/evidence/secret-masker.ts';

const capturedHtml = readFileSync(path.resolve('test/fixtures/snapshots/hostile-page.html'), 'utf8');
const workDir = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-snapshot-'));
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumExecutable(), args: chromiumArgs });
});
afterAll(async () => {
  await browser.close();
  rmSync(workDir, { recursive: true, force: true });
});

/** Opens a file as an investigator would from a report; returns every request beyond the file itself and the title. */
async function open(file: string): Promise<{ requests: string[]; title: string; text: string }> {
  const page = await browser.newPage();
  const url = pathToFileURL(file).href;
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.url() !== url) requests.push(request.url());
  });
  await page.goto(url);
  // Long enough for an error handler, a script load and a meta refresh's first steps.
  await page.waitForTimeout(1500);
  const result = { requests, title: await page.title(), text: await page.locator('body').innerText() };
  await page.close();
  return result;
}

it('the captured page itself, opened from disk, runs its handler and reaches the network (what the snapshot must not do)', async () => {
  const writer = new BundleWriter(path.join(workDir, 'raw-bundle'));
  writer.file('screens/raw.html', capturedHtml);
  const { requests, title } = await open(path.join(writer.directory, 'screens/raw.html'));
  expect(title).toMatch(/^PWNED/);
  expect(requests).toContain('https://cdn.demo-games.test/star-catcher.js');
});

it('a UI-tree snapshot opens with no request at all, runs nothing, and still shows every tag as text, credentials masked', async () => {
  const writer = new BundleWriter(path.join(workDir, 'bundle'), new SecretMasker([{ name: 'password', variable: 'GAME_PASSWORD', value: 's3cr3t-Value-123' }]));
  const file = writer.uiTree('screens/03-consent-consent-dialog.html', capturedHtml);
  const { requests, title, text } = await open(path.join(writer.directory, file));
  expect(requests).toEqual([]);
  expect(title).toBe('UI tree snapshot (the captured HTML, shown as text)');
  expect(text).toContain('<script src="https://cdn.demo-games.test/star-catcher.js"></script>');
  expect(text).toContain('<img id="evil" src="x" onerror="if(location.protocol===\'file:\')');
  expect(text).not.toContain('s3cr3t-Value-123');
  expect(readFileSync(path.join(writer.directory, file), 'utf8')).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
});
