// Writes go to a temporary file in the same folder and are renamed into place, so a crash or a
// kill mid-write never leaves a half-written file where a reader expects a whole one.
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync, type WriteFileOptions } from 'node:fs';
import path from 'node:path';

/**
 * An error about the temporary file is told of the file the user knows: the temporary is ours,
 * and a message naming it (".result.json.1a2b3c4d.tmp") would send the reader looking for it.
 */
function aboutTarget(error: unknown, temporary: string, file: string): unknown {
  const failure = error as NodeJS.ErrnoException;
  if (failure && typeof failure === 'object' && failure.path === temporary) {
    failure.path = file;
    failure.message = failure.message.split(temporary).join(file);
  }
  return error;
}

export function writeFileAtomic(file: string, data: string | Uint8Array, options: WriteFileOptions = {}): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, data, options);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw aboutTarget(error, temporary, file);
  }
}

export function writeJsonAtomic(file: string, value: unknown): void {
  writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Like writeFileAtomic for content produced piece by piece (a large HAR): the pieces are buffered
 * into ~1 MB writes to the temporary file, which is renamed into place only when all went well.
 */
export function writeFileAtomicStream(file: string, produce: (write: (text: string) => void) => void): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  let descriptor: number;
  try {
    descriptor = openSync(temporary, 'w');
  } catch (error) {
    throw aboutTarget(error, temporary, file);
  }
  let buffered: string[] = [];
  let bufferedLength = 0;
  const flush = (): void => {
    if (bufferedLength === 0) return;
    const bytes = Buffer.from(buffered.join(''), 'utf8');
    for (let written = 0; written < bytes.length; ) written += writeSync(descriptor, bytes, written);
    buffered = [];
    bufferedLength = 0;
  };
  try {
    produce((text) => {
      buffered.push(text);
      bufferedLength += text.length;
      if (bufferedLength >= 1024 * 1024) flush();
    });
    flush();
    closeSync(descriptor);
    renameSync(temporary, file);
  } catch (error) {
    try {
      closeSync(descriptor);
    } catch {
      // Already closed.
    }
    rmSync(temporary, { force: true });
    throw aboutTarget(error, temporary, file);
  }
}
