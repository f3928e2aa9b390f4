// Proxy processes kept for reuse across the captures of a run. Loading node, tsx and mockttp
// costs about a core-second and a second of wall time per process; a batch runs at most N
// captures at once, so N processes can serve every capture of the run, one capture at a time each.
//
// The pool only keeps processes; the capture protocol (start, phase, stop, and what counts as a
// clean stop) is start-proxy.ts's. A process comes back here only through release(…, true),
// which start-proxy.ts calls after the child acknowledged a clean stop; one that died, was
// killed, failed to start or did not answer is ended instead, and the next acquire forks anew.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const childModule = fileURLToPath(new URL('./proxy-process.ts', import.meta.url));
// ESM hooks only: our sources are ES modules, and leaving CommonJS to Node's own loader halves
// the time the child takes to load mockttp (about 0.25 s of CPU for each proxy process).
const tsxLoader = import.meta.resolve('tsx/esm');
/** How long an ended process may take to go before it is killed outright. */
const endGraceMs = 5000;

/** One proxy process, and what the pool knows of it whoever it is serving. */
export class ProxyProcess {
  readonly child: ChildProcess;
  /** Resolves when the process has exited, however it went. */
  readonly exited: Promise<void>;
  private stderrTail = '';

  constructor() {
    // Its own process: a crash of the proxy is a fault the capture survives, not the capture's death.
    this.child = fork(childModule, [], {
      // Resolved from this project, not the working directory, so runs work from any folder.
      execArgv: ['--import', tsxLoader],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
      // Its own process group: a terminal's Ctrl-C or a group SIGTERM reaches gameaudit alone, which
      // stops the proxy once the capture has what it saw. If gameaudit dies, the IPC channel closes
      // and the proxy exits (proxy-process.ts), so none is left behind.
      detached: true,
    });
    // Read all the time, also while idle, so a chatty child never blocks on a full pipe.
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-2000);
    });
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last line the process wrote to stderr since its current capture began. */
  lastStderrLine(): string | undefined {
    return this.stderrTail.trim().split('\n').slice(-1)[0] || undefined;
  }

  /** A new capture: what the process said to an earlier one is not this one's to report. */
  beginCapture(): void {
    this.stderrTail = '';
    this.keepParentAlive(true);
  }

  /**
   * While it serves a capture the process holds the parent's event loop like any child; idle, it
   * does not, so a pool that nobody disposed cannot keep a finished run from exiting (the child
   * then ends itself when the parent's IPC channel goes).
   */
  keepParentAlive(keep: boolean): void {
    const handles: Array<{ ref(): void; unref(): void } | null | undefined> = [this.child, this.child.channel, this.child.stderr as { ref(): void; unref(): void } | null];
    for (const handle of handles) {
      if (keep) handle?.ref();
      else handle?.unref();
    }
  }

  /** Ends the process (it has nothing to flush when no capture is running) and waits until it is gone. */
  async end(): Promise<void> {
    if (!this.alive) return this.exited;
    // Held again until it is gone: whoever awaits the end must not find an empty event loop.
    this.keepParentAlive(true);
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), endGraceMs);
    timer.unref();
    await this.exited;
    clearTimeout(timer);
  }
}

export class ProxyProcessPool {
  private readonly idle: ProxyProcess[] = [];
  private readonly busy = new Set<ProxyProcess>();
  private readonly ending = new Set<Promise<void>>();
  private disposed = false;

  /** An idle live process, or a newly forked one; it serves only the caller until released. */
  acquire(): ProxyProcess {
    if (this.disposed) throw new Error('the proxy process pool was disposed; no capture may start from it');
    let process = this.idle.pop();
    while (process && !process.alive) process = this.idle.pop();
    process ??= new ProxyProcess();
    process.beginCapture();
    this.busy.add(process);
    return process;
  }

  /**
   * Gives a process back after its capture. Only a process whose capture stopped cleanly (the
   * child acknowledged) is kept, and only while the pool lives; any other is ended, and the
   * returned promise resolves once it is gone.
   */
  async release(process: ProxyProcess, reusable: boolean): Promise<void> {
    this.busy.delete(process);
    if (reusable && process.alive && !this.disposed) {
      process.keepParentAlive(false);
      this.idle.push(process);
      return;
    }
    await this.end(process);
  }

  /** How many processes are waiting for a capture (for tests and figures). */
  idleCount(): number {
    return this.idle.filter((process) => process.alive).length;
  }

  /**
   * Ends every process the pool holds: idle ones at once, and any still serving a capture (a run
   * that failed or was interrupted before its captures stopped; those captures then report the
   * proxy's exit). Resolves when all are gone. Safe to call more than once.
   */
  async dispose(): Promise<void> {
    this.disposed = true;
    const processes = [...this.idle, ...this.busy];
    this.idle.length = 0;
    this.busy.clear();
    await Promise.all([...processes.map((process) => this.end(process)), ...this.ending]);
  }

  private async end(process: ProxyProcess): Promise<void> {
    const ending = process.end();
    this.ending.add(ending);
    try {
      await ending;
    } finally {
      this.ending.delete(ending);
    }
  }
}
