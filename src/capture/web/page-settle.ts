// After the capture acts on a game (a tap on a consent button, an age answered, a step of the
// settings recipe) it must see what the game did in response before it records the next screen.
// A fixed pause long enough for a slow game wastes most of itself on a quick one, so instead we
// wait until the page has changed and then gone quiet (no DOM change, no request starting or
// finishing) for a short while. The old fixed pause stays as the upper bound: a page that does
// not visibly respond, or never stops changing, is waited for exactly as long as before.
import type { Page, Request } from 'playwright-core';
import { abortablePause } from '../abortable-pause.ts';

export interface SettleOptions {
  /** The longest wait: the fixed pause this replaces. */
  maxMs: number;
  /** How long the page must stay still once it has changed. */
  quietMs?: number;
  /**
   * The change the next step needs (e.g. the dialog gone or showing other buttons). Without it,
   * any DOM change or request after the action counts.
   */
  changed?: () => Promise<boolean>;
  signal?: AbortSignal;
}

const pollMs = 50;

// Evaluated as text, so no transpiler helper leaks into the page. Returns how many ms ago the
// main frame's DOM last changed (a MutationObserver installed on first use, e.g. after a navigation).
const lastMutationScript = `(() => {
  const state = window.__gameauditMutations || (window.__gameauditMutations = (() => {
    const record = { at: performance.now(), count: 0 };
    new MutationObserver(() => { record.at = performance.now(); record.count += 1; })
      .observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    return record;
  })());
  return { quietFor: performance.now() - state.at, count: state.count };
})()`;

interface MutationState {
  quietFor: number;
  count: number;
}

async function mutationState(page: Page): Promise<MutationState | undefined> {
  try {
    return (await page.evaluate(lastMutationScript)) as MutationState;
  } catch {
    // Navigating, or the page is gone: nothing to read this time.
    return undefined;
  }
}

/** Runs `action` on the page, then waits for its effect to settle (see the file comment). */
export async function actAndSettle(page: Page, action: () => Promise<void>, options: SettleOptions): Promise<void> {
  const quietMs = options.quietMs ?? 200;
  let inFlight = 0;
  let requestsSeen = 0;
  let lastNetworkActivity = 0;
  const started = (_request: Request): void => {
    inFlight += 1;
    requestsSeen += 1;
    lastNetworkActivity = Date.now();
  };
  const ended = (_request: Request): void => {
    // Requests already under way before the action end here too: never below zero.
    inFlight = Math.max(0, inFlight - 1);
    lastNetworkActivity = Date.now();
  };
  const before = await mutationState(page);
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  try {
    await action();
    const actedAt = Date.now();
    const deadline = actedAt + options.maxMs;
    while (Date.now() < deadline && !options.signal?.aborted) {
      const now = await mutationState(page);
      const domChanged = !before || !now || now.count !== before.count;
      const changed = options.changed ? await options.changed().catch(() => false) : domChanged || requestsSeen > 0;
      const domQuiet = now !== undefined && now.quietFor >= quietMs;
      const networkQuiet = inFlight === 0 && Date.now() - Math.max(lastNetworkActivity, actedAt) >= quietMs;
      if (changed && domQuiet && networkQuiet) return;
      await abortablePause(Math.min(pollMs, Math.max(0, deadline - Date.now())), options.signal);
    }
  } finally {
    page.off('request', started);
    page.off('requestfinished', ended);
    page.off('requestfailed', ended);
  }
}
