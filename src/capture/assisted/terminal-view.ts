// What the investigator sees in the terminal during an assisted capture: the phase and what to do
// in it, the requests and companies so far, the question being asked (a reading to confirm, a
// note being typed) and the keys that work now. Redrawn whole each time, so it reads the same in
// any terminal and in `tmux capture-pane`.

export interface AssistedViewState {
  title: string;
  phase: string;
  whatToDo: string;
  requests: number;
  companies: readonly string[];
  screenshots: number;
  screenshotSource: string;
  /** A reading waiting for the investigator's answer, or a line being typed. */
  question: readonly string[];
  keys: string;
  messages: readonly string[];
}

/** Where the session shows its state: the terminal, or a test reading it. */
export interface AssistedDisplay {
  draw(state: AssistedViewState): void;
}

export class AssistedView implements AssistedDisplay {
  constructor(private readonly output: NodeJS.WritableStream) {}

  draw(state: AssistedViewState): void {
    const companies = state.companies.length === 0 ? 'none yet' : state.companies.join(', ');
    const lines = [
      `gameaudit assisted capture: ${state.title}`,
      '',
      `Phase: ${state.phase}`,
      `  ${state.whatToDo}`,
      '',
      `Requests so far: ${state.requests}`,
      `Companies contacted: ${companies}`,
      `Screenshots: ${state.screenshots} (taken with ${state.screenshotSource})`,
      '',
      ...state.question,
      ...(state.question.length > 0 ? [''] : []),
      `Keys: ${state.keys}`,
      '',
      ...state.messages.slice(-4),
    ];
    // Clear and home, then the lines; \r\n because the terminal is in raw mode.
    this.output.write(`\x1b[2J\x1b[H${lines.join('\r\n')}\r\n`);
  }
}
