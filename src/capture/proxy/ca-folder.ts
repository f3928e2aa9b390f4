// Where a CA's private key may be written. A device CA folder (--ca-dir) is the user's: its mode
// is never changed (chmod of --ca-dir $TMPDIR would lock every other user out of it), so a folder
// others can enter is refused, as is an existing ca.key others can read. A new key file is
// created with O_EXCL and mode 0600, so it never inherits a wider file's mode.
import { closeSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../errors.ts';

const groupOrOther = 0o077;

function modeWords(mode: number): string {
  return (mode & 0o7777).toString(8);
}

/** Refuses a --ca-dir that is not a folder, that others can enter, or whose ca.key others can read; makes a new one 0700. */
export function prepareCaFolder(caDir: string): void {
  const status = statSync(caDir, { throwIfNoEntry: false });
  if (!status) {
    mkdirSync(caDir, { recursive: true, mode: 0o700 });
    return;
  }
  if (!status.isDirectory()) throw new UserError(`--ca-dir ${caDir}: is not a folder; give a folder for the device CA (a new one is made 0700)`);
  if (process.platform !== 'win32' && (status.mode & groupOrOther) !== 0) {
    throw new UserError(`--ca-dir ${caDir}: mode ${modeWords(status.mode)} lets other users in, and the CA's private key goes there; give a new folder, or one only you can open (chmod 700 ${caDir})`);
  }
  const key = statSync(path.join(caDir, 'ca.key'), { throwIfNoEntry: false });
  if (key && process.platform !== 'win32' && (key.mode & groupOrOther) !== 0) {
    throw new UserError(`--ca-dir ${caDir}: ca.key has mode ${modeWords(key.mode)}, so other users can read the CA's private key; remove it (a new CA is made) or chmod 600 ${path.join(caDir, 'ca.key')} if it is yours`);
  }
}

/** Writes a private key into a file created for it (never into an existing file's inode or mode). */
export function writePrivateKeyFile(file: string, key: string): void {
  rmSync(file, { force: true });
  const descriptor = openSync(file, 'wx', 0o600);
  try {
    writeSync(descriptor, key);
  } finally {
    closeSync(descriptor);
  }
}
