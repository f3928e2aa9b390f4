// renderGame: one evidence bundle's result.json → report.html (and report.pdf) beside it.
import path from 'node:path';
import { writeFileAtomic } from '../evidence/atomic-write.ts';
import type { Result } from '../scoring/result-schema.ts';
import { toolVersion } from '../version.ts';
import { buildGameView } from './game-view.ts';
import { readResult } from './load-result.ts';
import { pdfHeader } from './pdf-header.ts';
import { buildRequestPageView, requestPageFileName } from './request-page.ts';
import { printPdfs, type PdfBrowser } from './pdf.ts';
import { templates } from './templates.ts';

export interface RenderOptions {
  pdf?: boolean;
  /** Chromium to print PDFs with; the CLI passes Debian's. Required when pdf is true. */
  browser?: PdfBrowser;
}

export const gameReportFileName = 'report.html';

/** The page as a string, for tests and for renderRun (which has already read the result). */
export function renderGameHtml(bundleDir: string, result: Result = readResult(bundleDir)): string {
  const environment = templates();
  const view = buildGameView(result, bundleDir);
  return environment.render.game({ ...view, csp: environment.csp, toolVersionFooter: toolVersion });
}

/** requests.html as a string, or undefined when no finding cites a request (or there is no network.har). */
export function renderRequestPageHtml(bundleDir: string, result: Result): string | undefined {
  const view = buildRequestPageView(bundleDir, result);
  if (!view) return undefined;
  const environment = templates();
  return environment.render.requests({ ...view, game: result.game, pageTitle: `Requests cited: ${result.game.title}`, csp: environment.csp, toolVersionFooter: toolVersion });
}

/** report.html and, beside it, requests.html with the full requests its findings cite. */
export function writeGameReport(bundleDir: string, result: Result): string {
  const file = path.join(bundleDir, gameReportFileName);
  writeFileAtomic(file, renderGameHtml(bundleDir, result));
  const requests = renderRequestPageHtml(bundleDir, result);
  if (requests !== undefined) writeFileAtomic(path.join(bundleDir, requestPageFileName), requests);
  return file;
}

export async function renderGame(bundleDir: string, options: RenderOptions = {}): Promise<string> {
  const file = path.join(bundleDir, gameReportFileName);
  const result = readResult(bundleDir);
  writeGameReport(bundleDir, result);
  // A bundle sits at runs/<run-id>/<game>/<platform>: the run is two folders up.
  if (options.pdf) await printPdfs([{ htmlFile: file, header: pdfHeader(result, path.basename(path.resolve(bundleDir, '..', '..'))) }], options.browser);
  return file;
}
