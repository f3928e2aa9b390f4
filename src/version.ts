// The tool's version and git commit, recorded in every manifest and report header.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export const toolVersion: string = packageJson.version;

let cachedCommit: string | undefined;
export function toolCommit(): string {
  if (cachedCommit === undefined) {
    try {
      const root = new URL('..', import.meta.url).pathname;
      const commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
      const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
      cachedCommit = dirty ? `${commit}-modified` : commit;
    } catch {
      cachedCommit = 'unknown';
    }
  }
  return cachedCommit;
}
