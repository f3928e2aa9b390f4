// Progress of a programme run: a live table on a terminal (one line per audit: platform, phase,
// requests captured, elapsed; overall done/total), plain timestamped lines otherwise (CI, pipes).
// Every line also goes to the run's log file, so what happened stays with the evidence.
import { appendFileSync } from 'node:fs';

export type AuditState = 'waiting' | 'starting' | 'opening' | 'launch' | 'consent' | 'settings' | 'play' | 'closing' | 'scoring' | 'complete' | 'incomplete' | 'skipped';

interface AuditLine {
  label: string;
  state: AuditState;
  requests: number;
  startedAt?: number;
  endedAt?: number;
  note?: string;
}

const finished: ReadonlySet<AuditState> = new Set(['complete', 'incomplete', 'skipped']);

export class ProgressView {
  private readonly lines = new Map<string, AuditLine>();
  private drawnLines = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly output: NodeJS.WriteStream = process.stderr,
    private readonly logFile?: string,
    private readonly live: boolean = Boolean(output.isTTY) && process.env.CI === undefined,
  ) {
    if (this.live) this.timer = setInterval(() => this.draw(), 500).unref();
  }

  add(key: string, label: string): void {
    this.lines.set(key, { label, state: 'waiting', requests: 0 });
  }

  update(key: string, state: AuditState, details: { requests?: number; note?: string } = {}): void {
    const line = this.lines.get(key);
    if (!line) return;
    const changed = line.state !== state;
    if (state !== 'waiting' && line.startedAt === undefined) line.startedAt = Date.now();
    if (finished.has(state)) line.endedAt = Date.now();
    line.state = state;
    if (details.requests !== undefined) line.requests = details.requests;
    if (details.note !== undefined) line.note = details.note;
    if (changed) this.log(`${line.label}: ${state}${details.note ? ` (${details.note})` : ''}${line.requests ? `, ${line.requests} requests` : ''}`);
    if (this.live) this.draw();
  }

  /** A message that is not about one audit (run started, report written, …). */
  log(message: string): void {
    const stamped = `${new Date().toISOString().slice(11, 19)} ${message}`;
    if (this.logFile) appendFileSync(this.logFile, `${new Date().toISOString()} ${message}\n`);
    if (this.live) {
      this.clear();
      this.output.write(`${stamped}\n`);
      this.draw();
    } else {
      this.output.write(`${stamped}\n`);
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.live) this.draw();
  }

  private clear(): void {
    if (this.drawnLines > 0) this.output.write(`\x1b[${this.drawnLines}A\x1b[0J`);
    this.drawnLines = 0;
  }

  private draw(): void {
    this.clear();
    const rows = [...this.lines.values()];
    const done = rows.filter((row) => finished.has(row.state)).length;
    const text = [
      ...rows.map((row) => {
        const elapsed = row.startedAt === undefined ? '' : `${Math.round(((row.endedAt ?? Date.now()) - row.startedAt) / 1000)}s`;
        return `  ${row.label.padEnd(34)} ${row.state.padEnd(11)} ${String(row.requests).padStart(6)} req ${elapsed.padStart(6)}${row.note ? `  ${row.note.slice(0, 60)}` : ''}`;
      }),
      `  ${done}/${rows.length} audits done`,
    ];
    this.output.write(`${text.join('\n')}\n`);
    this.drawnLines = text.length;
  }
}
