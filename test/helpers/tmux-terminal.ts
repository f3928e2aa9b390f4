// A real terminal for tests of the assisted capture: a tmux server of the test's own (its own
// socket, so other tmux sessions on the machine are never touched), keys sent with send-keys and
// the screen read with capture-pane, as an investigator types and reads.
import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

export class TmuxTerminal {
  private readonly socket = `gameaudit-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  constructor(command: string, options: { cwd: string; env?: Record<string, string> }) {
    try {
      execFileSync('tmux', ['-V'], { encoding: 'utf8' });
    } catch {
      throw new Error('The assisted-capture tests need tmux, a real terminal to type and read in: apt-get install -y tmux');
    }
    const environment = Object.entries(options.env ?? {}).flatMap(([name, value]) => ['-e', `${name}=${value}`]);
    this.tmux(['new-session', '-d', '-s', 'test', '-x', '200', '-y', '60', '-c', options.cwd, ...environment, command]);
  }

  private tmux(args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** What the terminal shows now, with the lines tmux wrapped joined back. */
  screen(): string {
    return this.tmux(['capture-pane', '-p', '-J', '-t', 'test']);
  }

  /** Keys by tmux name (Enter, BSpace, C-c) or single characters. */
  keys(...keys: string[]): void {
    this.tmux(['send-keys', '-t', 'test', ...keys]);
  }

  /** Text typed as it is, character by character. */
  type(text: string): void {
    this.tmux(['send-keys', '-t', 'test', '-l', text]);
  }

  /**
   * Adds a control the tool could not read, as the investigator does: `a`, its label, Enter, its
   * value, Enter; waits for each prompt before typing and for the tool to say the reading was added.
   */
  async addControl(label: string, value: string): Promise<void> {
    this.keys('a');
    await this.waitFor(/Control the tool could not read: type its label/);
    this.type(label);
    this.keys('Enter');
    await this.waitFor(new RegExp(`Value of "${escapeRegExp(label)}"`));
    this.type(value);
    this.keys('Enter');
    await this.waitFor(new RegExp(`Reading added: "${escapeRegExp(label)}" = ${escapeRegExp(value)}`));
  }

  async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.screen().match(pattern);
      if (match) return match;
      if (Date.now() > deadline) throw new Error(`The terminal never showed ${pattern}; it shows:\n${this.screen()}`);
      await sleep(250);
    }
  }

  close(): void {
    try {
      this.tmux(['kill-server']);
    } catch {
      // already gone
    }
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
