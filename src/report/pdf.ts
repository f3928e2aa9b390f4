// PDFs of rendered reports, printed by Chromium with the print stylesheet. The browser is passed
// in by the CLI (the composition root), which knows where Debian's Chromium is.
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { UserError } from '../errors.ts';

export interface PdfBrowser {
  executablePath: string;
  args: string[];
}

/** Writes <name>.pdf next to each <name>.html; returns the PDF paths. */
export async function printPdfs(htmlFiles: readonly string[], browserOptions: PdfBrowser | undefined): Promise<string[]> {
  if (!browserOptions) throw new UserError('PDF output needs Chromium; run through `gameaudit report --pdf`, which finds it (or set GAMEAUDIT_CHROMIUM)');
  const browser = await chromium.launch({ executablePath: browserOptions.executablePath, args: browserOptions.args, headless: true });
  const written: string[] = [];
  try {
    // Offline: the report loads nothing remote, and this context refuses anything that is not a file.
    const context = await browser.newContext({ offline: true });
    await context.route(/^(?!file:)/, (route) => route.abort());
    for (const file of htmlFiles) {
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      // Small groups are opened for paper; very large request lists stay folded to keep the PDF readable.
      await page.$$eval('details[data-print-open="yes"]', (elements) => {
        for (const element of elements) element.setAttribute('open', '');
      });
      const pdfPath = file.replace(/\.html$/, '.pdf');
      await page.pdf({ path: pdfPath, format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } });
      await page.close();
      written.push(pdfPath);
    }
  } finally {
    await browser.close();
  }
  return written;
}
