// renderGame: one evidence bundle's result.json → report.html (and report.pdf) beside it.
import path from 'node:path';
import { writeFileAtomic } from '../evidence/atomic-write.ts';
import type { Result } from '../scoring/result-schema.ts';
import { toolVersion } from '../version.ts';
import { buildGameView } from './game-view.ts';
import { readResult } from './load-result.ts';
import { pdfHeader } from './pdf-header.ts';
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

export async function renderGame(bundleDir: string, options: RenderOptions = {}): Promise<string> {
  const file = path.join(bundleDir, gameReportFileName);
  const result = readResult(bundleDir);
  writeFileAtomic(file, renderGameHtml(bundleDir, result));
  // A bundle sits at runs/<run-id>/<game>/<platform>: the run is two folders up.
  if (options.pdf) await printPdfs([{ htmlFile: file, header: pdfHeader(result, path.basename(path.resolve(bundleDir, '..', '..'))) }], options.browser);
  return file;
}
