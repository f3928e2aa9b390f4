// The CA folders and Chromium profiles a run makes in the OS temporary folder. A run killed with
// SIGKILL, or quit by a second Ctrl-C, cannot remove them; the CA's private key would stay behind.
// Each folder therefore carries a marker naming the process that made it, and the next run
// removes every marked folder whose process is gone. Unmarked folders (someone else's, or a CA
// kept with --keep-ca) are never touched. A process that ends by process.exit (a second Ctrl-C)
// removes its own on the way out; only SIGKILL leaves them for the next run.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const markerFile = '.gameaudit-owner.json';
export const ownedTempPrefixes = ['gameaudit-ca-', 'gameaudit-profile-'] as const;
type OwnedTempPrefix = (typeof ownedTempPrefixes)[number];

/** This process's marked folders: removed as it exits, even by process.exit on a second Ctrl-C. */
const ownFolders = new Set<string>();
let removeOnExit = false;

/** A new 0700 folder under the OS temporary folder, marked as this process's. */
export function createOwnedTempFolder(prefix: OwnedTempPrefix): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), prefix));
  writeFileSync(path.join(directory, markerFile), `${JSON.stringify({ pid: process.pid, host: os.hostname() })}\n`, { mode: 0o600 });
  ownFolders.add(directory);
  if (!removeOnExit) {
    removeOnExit = true;
    process.once('exit', () => {
      for (const folder of ownFolders) rmSync(folder, { recursive: true, force: true });
    });
  }
  return directory;
}

/** The folder stays for good (--keep-ca): no later run may sweep it, nor this one's exit. */
export function releaseOwnedTempFolder(directory: string): void {
  ownFolders.delete(directory);
  rmSync(path.join(directory, markerFile), { force: true });
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, and someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes marked folders left by runs of this user on this machine that are no longer running; returns them. */
export function removeAbandonedTempFolders(temporaryRoot: string = os.tmpdir()): string[] {
  const removed: string[] = [];
  const uid = process.getuid?.();
  let names: string[];
  try {
    names = readdirSync(temporaryRoot);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!ownedTempPrefixes.some((prefix) => name.startsWith(prefix))) continue;
    const directory = path.join(temporaryRoot, name);
    try {
      const status = statSync(directory);
      if (!status.isDirectory() || (uid !== undefined && status.uid !== uid)) continue;
      const owner = JSON.parse(readFileSync(path.join(directory, markerFile), 'utf8')) as { pid?: unknown; host?: unknown };
      if (typeof owner.pid !== 'number' || owner.host !== os.hostname() || processIsAlive(owner.pid)) continue;
      rmSync(directory, { recursive: true, force: true });
      removed.push(directory);
    } catch {
      // No marker (not ours, or kept), or it went away meanwhile: leave it.
    }
  }
  return removed;
}
