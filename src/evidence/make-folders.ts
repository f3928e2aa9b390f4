// mkdir -p without Node 20's recursive mkdirSync, which spins for ever on a path under /proc
// (`--out /proc/x` hung silently). Each missing folder is made on its own, so the first one the
// system refuses fails at once with its own error code.
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

export function makeFolders(folder: string, mode = 0o777): void {
  const missing: string[] = [];
  let current = path.resolve(folder);
  while (!statSync(current, { throwIfNoEntry: false })) {
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  // The nearest part that exists must be a folder: a file there would only fail later, less clearly.
  if (!statSync(current).isDirectory()) {
    throw Object.assign(new Error(`${current} is a file, not a folder`), { code: 'ENOTDIR' });
  }
  for (const directory of missing) {
    try {
      mkdirSync(directory, { mode });
    } catch (error) {
      // Made meanwhile by another process: as good as made here.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
