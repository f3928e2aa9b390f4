// The investigator's keyboard during an assisted capture: single keys, read raw from the terminal
// so that `n` acts at once without Enter. Raw mode turns Ctrl-C into a key, so it is handed back
// to the process as SIGINT: the same interrupt path as any run (what was captured is kept).
import { emitKeypressEvents } from 'node:readline';

export type OperatorKey = { name: 'enter' | 'backspace' | 'escape' } | { name: 'char'; char: string };

export interface OperatorKeys {
  /** The next key pressed; undefined once the signal aborts. */
  nextKey(signal: AbortSignal): Promise<OperatorKey | undefined>;
  /** Gives the terminal back as it was. */
  close(): void;
}

interface KeypressKey {
  name?: string;
  ctrl?: boolean;
  meta?: boolean;
  sequence?: string;
}

export function terminalKeys(input: NodeJS.ReadStream = process.stdin): OperatorKeys {
  const queued: OperatorKey[] = [];
  const waiting: ((key: OperatorKey) => void)[] = [];
  const deliver = (key: OperatorKey): void => {
    const waiter = waiting.shift();
    if (waiter) waiter(key);
    else queued.push(key);
  };
  const onKeypress = (text: string | undefined, key: KeypressKey | undefined): void => {
    if (key?.ctrl && key.name === 'c') {
      process.kill(process.pid, 'SIGINT');
      return;
    }
    if (key?.name === 'return' || key?.name === 'enter') return deliver({ name: 'enter' });
    if (key?.name === 'backspace') return deliver({ name: 'backspace' });
    if (key?.name === 'escape') return deliver({ name: 'escape' });
    if (text && !key?.ctrl && !key?.meta && /^[^\x00-\x1f\x7f]+$/.test(text)) for (const char of text) deliver({ name: 'char', char });
  };
  emitKeypressEvents(input);
  const wasRaw = input.isTTY ? input.isRaw : false;
  if (input.isTTY) input.setRawMode(true);
  input.on('keypress', onKeypress);
  input.resume();
  return {
    nextKey(signal) {
      const key = queued.shift();
      if (key) return Promise.resolve(key);
      if (signal.aborted) return Promise.resolve(undefined);
      return new Promise((resolve) => {
        const onAbort = (): void => {
          waiting.splice(waiting.indexOf(deliverTo), 1);
          resolve(undefined);
        };
        const deliverTo = (pressed: OperatorKey): void => {
          signal.removeEventListener('abort', onAbort);
          resolve(pressed);
        };
        waiting.push(deliverTo);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    },
    close() {
      input.off('keypress', onKeypress);
      if (input.isTTY) input.setRawMode(wasRaw);
      input.pause();
    },
  };
}
