// Renders the fixture runs into scratch folders for the browser tests, and records anything a
// page does that it should not: dialogs, console errors, navigations, requests.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { publishSummary } from '../../src/report/publish.ts';
import { renderRun } from '../../src/report/render-run.ts';
import { demoRunDir, hostileRunDir } from '../fixtures/results/generate.ts';
import { copyRun } from '../fixtures/results/temp-run.ts';
import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import { writeHistory } from '../../src/history/write-history.ts';

export async function renderedDemo(): Promise<{ run: string; index: string; leaky: string; careful: string; published: string }> {
  const run = copyRun(demoRunDir);
  const { indexHtml } = await renderRun(run);
  const publishedDir = path.join(run, '..', `${path.basename(run)}-published`);
  publishSummary(run, publishedDir, { warn: () => undefined });
  const url = (file: string): string => pathToFileURL(file).href;
  return {
    run,
    index: url(indexHtml),
    leaky: url(path.join(run, 'demo-leaky', 'web', 'report.html')),
    careful: url(path.join(run, 'demo-careful', 'web', 'report.html')),
    published: url(path.join(publishedDir, 'index.html')),
  };
}

/** history.html over two copies of the fixture demo run, as `gameaudit history` writes it. */
export function renderedHistory(): string {
  const runs = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-history-e2e-'));
  for (const runId of ['2026-11-20T0914Z-demo', '2026-11-20T0930Z-demo']) cpSync(demoRunDir, path.join(runs, runId), { recursive: true });
  return pathToFileURL(writeHistory(runs).html).href;
}

export async function renderedHostile(): Promise<string> {
  const run = copyRun(hostileRunDir);
  await renderRun(run);
  return pathToFileURL(path.join(run, 'demo-hostile', 'web', 'report.html')).href;
}

export interface Misbehaviour {
  dialogs: string[];
  consoleErrors: string[];
  pageErrors: string[];
  requests: string[];
  navigations: string[];
}

export function watch(page: Page): Misbehaviour {
  const seen: Misbehaviour = { dialogs: [], consoleErrors: [], pageErrors: [], requests: [], navigations: [] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') seen.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => seen.pageErrors.push(error.message));
  page.on('request', (request) => seen.requests.push(request.url()));
  page.on('framenavigated', (frame) => seen.navigations.push(frame.url()));
  return seen;
}
