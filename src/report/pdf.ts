// PDFs of rendered reports, printed by Chromium with the print stylesheet. The browser is passed
// in by the CLI (the composition root), which knows where Debian's Chromium is.
import { pathToFileURL } from 'node:url';
import Handlebars from 'handlebars';
import { chromium } from 'playwright-core';
import { UserError } from '../errors.ts';

export interface PdfBrowser {
  executablePath: string;
  args: string[];
}

/** A report to print, with the running header every page carries (game, run, capture date). */
export interface PdfJob {
  htmlFile: string;
  header: string;
}

const headerStyle = 'font-family: sans-serif; font-size: 8px; color: #333; width: 100%; margin: 0 12mm; display: flex; justify-content: space-between;';

function headerTemplate(header: string): string {
  return `<div style="${headerStyle}"><span>${Handlebars.escapeExpression(header)}</span></div>`;
}

// Chromium fills the pageNumber and totalPages spans itself.
const footerTemplate = `<div style="${headerStyle}"><span>gameaudit report</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;

/**
 * A printed link to a file would be an absolute file:// path of this machine: broken once the PDF
 * is sent, and it reveals the local folders. Links to files become their bundle-relative name in
 * text; links within the page stay (Chromium turns them into jumps inside the PDF).
 */
function unlinkFiles(): void {
  for (const link of Array.from(document.querySelectorAll('a[href]'))) {
    const href = link.getAttribute('href') ?? '';
    if (href.startsWith('#')) continue;
    const namesItself = link.textContent?.includes(href) ?? false;
    const note = document.createElement('span');
    note.textContent = ` (file in the evidence bundle: ${href})`;
    note.className = 'muted';
    const text = document.createElement('span');
    text.append(...Array.from(link.childNodes));
    link.replaceWith(text, ...(namesItself ? [] : [note]));
  }
}

/** Writes <name>.pdf next to each <name>.html; returns the PDF paths. */
export async function printPdfs(jobs: readonly PdfJob[], browserOptions: PdfBrowser | undefined): Promise<string[]> {
  if (!browserOptions) throw new UserError('PDF output needs Chromium; run through `gameaudit report --pdf`, which finds it (or set GAMEAUDIT_CHROMIUM)');
  const browser = await chromium.launch({ executablePath: browserOptions.executablePath, args: browserOptions.args, headless: true });
  const written: string[] = [];
  try {
    // Offline: the report loads nothing remote, and this context refuses anything that is not a file.
    const context = await browser.newContext({ offline: true });
    await context.route(/^(?!file:)/, (route) => route.abort());
    for (const { htmlFile: file, header } of jobs) {
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      // Small groups are opened for paper; very large request lists stay folded to keep the PDF readable.
      await page.$$eval('details[data-print-open="yes"]', (elements) => {
        for (const element of elements) element.setAttribute('open', '');
      });
      await page.evaluate(unlinkFiles);
      const pdfPath = file.replace(/\.html$/, '.pdf');
      await page.pdf({
        path: pdfPath,
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: headerTemplate(header),
        footerTemplate,
        margin: { top: '18mm', bottom: '18mm', left: '12mm', right: '12mm' },
      });
      await page.close();
      written.push(pdfPath);
    }
  } finally {
    await browser.close();
  }
  return written;
}
