// The bundled demo, run for real (real Chromium, proxy and Appium with the simulated device),
// printed to PDF and published, then read the way an ICO investigator and the publishing team
// read it (issue 21; report-reading-2026-12.md): pictures that match their captions, one term
// per status, an overrule said the same way everywhere, numbered PDF pages with no file:// links,
// and published words left whole.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';
import { runCli } from '../helpers/run-cli.ts';

let runDir: string;
let publishedDir: string;
// The demo plays its web games as three personas; the adult's bundles are read here, whose outcomes
// are those of a capture without personas (the persona comparison does not apply to the adult itself).
const games = [
  { id: 'demo-leaky', platform: 'web-adult-25', title: 'Star Catcher Party (demo)' },
  { id: 'demo-careful', platform: 'web-adult-25', title: 'Star Catcher Friends (demo)' },
  { id: 'demo-android', platform: 'android', title: 'Leaky Runner (demo, Android)' },
];

test.beforeAll(() => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-reading-e2e-'));
  const demo = runCli(['demo', '--out', out], { timeoutMs: 540_000 });
  expect(demo.exitCode, demo.stderr).toBe(0);
  runDir = path.join(out, readdirSync(out)[0]!);
  const report = runCli(['report', runDir, '--pdf'], { timeoutMs: 540_000 });
  expect(report.exitCode, report.stderr).toBe(0);
  publishedDir = path.join(out, 'published');
  const published = runCli(['summary', runDir, '--publish', '--out', publishedDir]);
  expect(published.exitCode, published.stderr).toBe(0);
});

const url = (...parts: string[]): string => pathToFileURL(path.join(...parts)).href;
const bundle = (game: (typeof games)[number]): string => path.join(runDir, game.id, game.platform);

async function pdfPages(file: string): Promise<{ pages: string[]; links: string[] }> {
  const pdf = await getDocumentProxy(new Uint8Array(readFileSync(file)));
  const { text } = await extractText(pdf, { mergePages: false });
  // unpdf's extractLinks leaves out file: links as unsafe; the annotations keep them (unsafeUrl).
  const links: string[] = [];
  for (let number = 1; number <= pdf.numPages; number += 1) {
    for (const annotation of (await (await pdf.getPage(number)).getAnnotations()) as { subtype: string; url?: string; unsafeUrl?: string }[]) {
      if (annotation.subtype === 'Link' && (annotation.unsafeUrl ?? annotation.url)) links.push((annotation.unsafeUrl ?? annotation.url)!);
    }
  }
  return { pages: text.map((page) => page.replace(/\s+/g, ' ')), links };
}

/** What a reader sees on the page, with runs of white space as one space. */
async function visibleText(page: Page): Promise<string> {
  return (await page.locator('body').innerText()).replace(/\s+/g, ' ');
}

// Words the December reading found used for a status that has one term (item 17).
const secondTerms = [/\bFails\b/, /\bNot met\b/, /Standards not met/, /Needs a look/];

test('every picture shown is a different image wherever its caption differs', async ({ page }) => {
  for (const game of games) {
    await page.goto(url(bundle(game), 'report.html'));
    const shown = await page.locator('img').evaluateAll((images) => images.map((image) => ({ src: image.getAttribute('src') ?? '', alt: image.getAttribute('alt') ?? '' })));
    expect(shown.length, game.id).toBeGreaterThan(0);
    const captionsByHash = new Map<string, Set<string>>();
    for (const image of shown) {
      const hash = createHash('sha256').update(readFileSync(path.join(bundle(game), image.src))).digest('hex');
      captionsByHash.set(hash, (captionsByHash.get(hash) ?? new Set()).add(image.alt));
    }
    for (const [hash, captions] of captionsByHash) expect([...captions], `${game.id}: ${hash.slice(0, 12)} shown under several captions`).toHaveLength(1);
  }
});

test('the web location request is not quoted as a prompt that was seen', async ({ page }) => {
  await page.goto(url(bundle(games[0]!), 'report.html'));
  const text = await visibleText(page);
  expect(text).not.toContain('wants to know your location');
  expect(text).toMatch(/The page called getCurrentPosition at [\d-]+ [\d:]+ UTC\. A browser would then show its location prompt; a headless capture cannot draw it/);
});

test('one term per status on every page and in every PDF', async ({ page }) => {
  const pages = [url(runDir, 'index.html'), url(publishedDir, 'index.html'), ...games.map((game) => url(bundle(game), 'report.html'))];
  for (const address of pages) {
    await page.goto(address);
    const text = await visibleText(page);
    for (const term of secondTerms) expect(text, `${address}: ${term}`).not.toMatch(term);
  }
  for (const game of games) {
    const { pages: printed } = await pdfPages(path.join(bundle(game), 'report.pdf'));
    for (const term of secondTerms) expect(printed.join(' '), `${game.id}.pdf: ${term}`).not.toMatch(term);
  }
});

test('the investigator’s overrule of standard 3 reads the same in every output', async ({ page }) => {
  const summary = JSON.parse(readFileSync(path.join(runDir, 'summary.json'), 'utf8')) as { games: { id: string; standards: { number: number; setByInvestigator: boolean; overrule: string | null }[] }[] };
  const standard3 = summary.games.find((game) => game.id === 'demo-leaky')!.standards.find((standard) => standard.number === 3)!;
  // The demo's findings file (audits/findings/demo-leaky.yaml) overrules the age check to a fail.
  expect(standard3.setByInvestigator).toBe(true);
  expect(standard3.overrule).toBe('Does not conform: set by B. Reviewer (demo), 2026-03-04 09:30:00 UTC; automatic result: Concerns');
  const sentence = standard3.overrule!;

  expect(readFileSync(path.join(runDir, 'summary.csv'), 'utf8')).toContain(`"${sentence}"`);
  await page.goto(url(runDir, 'index.html'));
  expect(await visibleText(page)).toContain(sentence);
  await page.goto(url(bundle(games[0]!), 'report.html'));
  const report = await visibleText(page);
  expect(report).toContain(sentence);
  // The check's own row and the totals say who changed which result.
  expect(report).toContain('Fail: set by B. Reviewer (demo), 2026-03-04 09:30:00 UTC; automatic result: Warning');
  expect(report).toMatch(/16 × ✖Fail \(1 of them set by an investigator; automatic result: Warning\)/);
  const { pages: printed } = await pdfPages(path.join(bundle(games[0]!), 'report.pdf'));
  expect(printed.join(' ')).toContain(sentence);
  // Published: the same sentence, the investigator unnamed.
  await page.goto(url(publishedDir, 'index.html'));
  expect(await visibleText(page)).toContain('Does not conform: set by an investigator, 2026-03-04 09:30:00 UTC; automatic result: Concerns');
});

test('every PDF page carries the game, the run and its number, and no link is a file:// path', async () => {
  const run = path.basename(runDir);
  for (const game of games) {
    const { pages, links } = await pdfPages(path.join(bundle(game), 'report.pdf'));
    expect(pages.length, game.id).toBeGreaterThan(3);
    pages.forEach((text, position) => {
      expect(text, `${game.id} page ${position + 1}`).toContain(`Page ${position + 1} of ${pages.length}`);
      expect(text, `${game.id} page ${position + 1}`).toContain(`${game.title}`);
      expect(text, `${game.id} page ${position + 1}`).toContain(`run ${run}`);
    });
    expect(links.filter((link) => link.startsWith('file:')), game.id).toEqual([]);
    expect(readFileSync(path.join(bundle(game), 'report.pdf')).toString('latin1'), game.id).not.toMatch(/\/URI\s*\(file:/);
  }
});

test('the link check can fail: a PDF printed with a relative link carries a file:// URI', async ({ page }) => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-link-control-'));
  writeFileSync(path.join(folder, 'page.html'), '<!doctype html><p><a href="network.har">network.har</a></p>');
  await page.goto(url(folder, 'page.html'));
  const file = path.join(folder, 'control.pdf');
  await page.pdf({ path: file });
  const { links } = await pdfPages(file);
  expect(links.some((link) => link.startsWith('file:'))).toBe(true);
});

test('published words stay whole: no "[removed]" inside a word, dates and flags present', async ({ page }) => {
  for (const file of ['index.html', 'summary.csv', 'summary.json']) {
    expect(readFileSync(path.join(publishedDir, file), 'utf8'), file).not.toMatch(/\w\[removed\]|\[removed\]\w/);
  }
  await page.goto(url(publishedDir, 'index.html'));
  const text = await visibleText(page);
  expect(text).toContain("The child's data is disclosed to third parties by default");
  expect(text).toMatch(/Games tested: \d{4}-\d{2}-\d{2}/);
  await expect(page.getByRole('table', { name: /Protective measures found in each game/ }).getByRole('row', { name: /Leaky Runner/ })).toContainText('Simulated device');
});

test('the run index opens with key findings, flags and the PDFs', async ({ page }) => {
  await page.goto(url(runDir, 'index.html'));
  const key = page.getByRole('region', { name: 'Key findings' });
  const android = key.getByRole('article', { name: /Leaky Runner/ });
  await expect(android).toContainText('Simulated device');
  await expect(android).toContainText(/Location received by\s*AppLovin, Google/);
  // A PDF opens as a download in the headless shell: the link must name the printed file.
  const pdfLink = await android.getByRole('link', { name: 'report.pdf' }).getAttribute('href');
  expect(pdfLink).toBe('demo-android/android/report.pdf');
  expect(readFileSync(path.join(runDir, pdfLink!)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(android.getByRole('img', { name: /Consent dialog of Leaky Runner/ })).toBeVisible();
});
