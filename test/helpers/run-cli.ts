// Runs the real gameaudit binary as a user would, capturing its output and exit code.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '../..');
const binary = path.join(projectRoot, 'bin/gameaudit.js');

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string } = {}): CliResult {
  const result = spawnSync(process.execPath, [binary, ...args], {
    cwd: options.cwd ?? projectRoot,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  return { exitCode: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
