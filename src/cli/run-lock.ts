// One writer per run folder. Two processes writing the same run folder interleave their timelines
// and move each other's live bundles aside, and both still seal "complete" evidence; so whoever
// writes a run folder first takes run.lock (created exclusively), and a second writer is refused,
// naming the holder. A lock left by a process that no longer runs (SIGKILL, a crash) is taken over.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../errors.ts';

export const runLockFile = 'run.lock';

interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export interface RunLock {
  readonly file: string;
  /** Removes the lock if it is still ours; safe to call twice. */
  release(): void;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof holder.pid === 'number' && typeof holder.host === 'string' ? (holder as LockHolder) : undefined;
  } catch {
    // Being written this instant, or not ours: treated as held.
    return undefined;
  }
}

function tryCreate(file: string, holder: LockHolder): boolean {
  let descriptor: number;
  try {
    descriptor = openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new UserError(`${path.dirname(file)}: the run folder cannot be locked for writing (${(error as Error).message}); check that it is a folder you can write to`);
  }
  try {
    writeSync(descriptor, `${JSON.stringify(holder)}\n`);
  } finally {
    closeSync(descriptor);
  }
  return true;
}

/** Takes the run folder's lock for this process, or throws a UserError (exit 2) naming who holds it. */
export function lockRunDir(runDir: string, command: string): RunLock {
  const file = path.join(runDir, runLockFile);
  const me: LockHolder = { pid: process.pid, host: os.hostname(), command, since: new Date().toISOString() };
  if (!tryCreate(file, me)) {
    const holder = readHolder(file);
    const stale = holder !== undefined && holder.host === me.host && !isRunning(holder.pid);
    if (stale) rmSync(file, { force: true });
    if (!stale || !tryCreate(file, me)) {
      const who = holder ? `process ${holder.pid} on ${holder.host} (${holder.command}, since ${holder.since})` : 'another gameaudit process';
      throw new UserError(
        `${runDir} is being written by ${who}; wait for it to finish, or stop it, then run again (a lock left by a process that has ended is taken over by itself)`,
      );
    }
  }
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    process.removeListener('exit', release);
    if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
  };
  // A second Ctrl-C ends the process with process.exit: the lock goes with it.
  process.on('exit', release);
  return { file, release };
}
