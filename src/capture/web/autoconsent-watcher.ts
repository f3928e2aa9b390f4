// Known consent platforms (OneTrust, Didomi, Quantcast, …) recognised by DuckDuckGo's
// autoconsent: its content script runs in every frame and reports here through a binding, the
// way its own Playwright runner does. We run it in detect-only mode (autoAction null) so that
// the dialog is recorded as the child saw it, and ask it to opt out only when we decide to.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { filterCompactRules, type ContentScriptMessage, type IndexedCMPRuleset } from '@duckduckgo/autoconsent';
import type { BrowserContext, Frame } from 'playwright-core';

const require = createRequire(import.meta.url);
const distDir = path.dirname(require.resolve('@duckduckgo/autoconsent'));
const contentScript = readFileSync(path.join(distDir, 'autoconsent.playwright.js'), 'utf8');
const compactRules = JSON.parse(readFileSync(require.resolve('@duckduckgo/autoconsent/rules/compact-rules.json'), 'utf8')) as IndexedCMPRuleset;

const detectOnlyConfig = {
  enabled: true,
  autoAction: null,
  disabledCmps: [],
  // Hiding or pre-hiding would change what the child sees; we only observe.
  enablePrehide: false,
  enableCosmeticRules: false,
  enableGeneratedRules: true,
  enableHeuristicDetection: false,
  detectRetries: 20,
  isMainWorld: false,
  visualTest: false,
};

export interface AutoconsentDetection {
  cmp: string;
  url: string;
  frame: Frame;
  optOut?: { result: boolean; totalClicks?: number };
}

export class AutoconsentWatcher {
  readonly detections: AutoconsentDetection[] = [];
  private readonly waiters = new Set<() => void>();

  async install(context: BrowserContext): Promise<void> {
    await context.exposeBinding('autoconsentSendMessage', async (source, message: ContentScriptMessage) => {
      await this.onMessage(source.frame, message).catch(() => undefined);
    });
  }

  /** Injects the content script into a frame (after each navigation). Detached frames are ignored. */
  inject(frame: Frame): void {
    frame.evaluate(contentScript).catch(() => undefined);
  }

  popupFound(): AutoconsentDetection | undefined {
    return this.detections[0];
  }

  /** Asks autoconsent to reject on the popup it found; resolves with whether it succeeded. */
  async optOut(detection: AutoconsentDetection, timeoutMs = 15_000): Promise<{ result: boolean; totalClicks?: number }> {
    await detection.frame.evaluate(`autoconsentReceiveMessage(${JSON.stringify({ type: 'optOut' })})`);
    const deadline = Date.now() + timeoutMs;
    while (!detection.optOut && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 250);
        this.waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return detection.optOut ?? { result: false };
  }

  private wake(): void {
    for (const waiter of this.waiters) waiter();
    this.waiters.clear();
  }

  private async onMessage(frame: Frame, message: ContentScriptMessage): Promise<void> {
    switch (message.type) {
      case 'init': {
        const rules = { compact: filterCompactRules(compactRules, { url: message.url, mainFrame: frame.parentFrame() === null }) };
        await frame.evaluate(`autoconsentReceiveMessage(${JSON.stringify({ type: 'initResp', config: detectOnlyConfig, rules })})`);
        return;
      }
      case 'eval': {
        // Some rules read the CMP's own JavaScript API, which lives in the page's main world.
        const result: unknown = await frame.evaluate(message.code).catch(() => false);
        await frame.evaluate(`autoconsentReceiveMessage(${JSON.stringify({ id: message.id, type: 'evalResp', result })})`);
        return;
      }
      case 'popupFound':
        if (!this.detections.some((detection) => detection.frame === frame && detection.cmp === message.cmp)) {
          this.detections.push({ cmp: message.cmp, url: message.url, frame });
        }
        this.wake();
        return;
      case 'optOutResult': {
        const detection = this.detections.find((candidate) => candidate.frame === frame);
        if (detection) detection.optOut = { result: message.result, totalClicks: detection.optOut?.totalClicks };
        this.wake();
        return;
      }
      case 'autoconsentDone': {
        const detection = this.detections.find((candidate) => candidate.frame === frame);
        if (detection) detection.optOut = { result: detection.optOut?.result ?? true, totalClicks: message.totalClicks };
        this.wake();
        return;
      }
      default:
        return;
    }
  }
}
