// gameaudit demo: runs the bundled offline demo programme end to end (capture through the
// local proxy, scoring, reports) and prints where the run's index.html is.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import { loadProgramme } from '../plan/load.ts';
import { chromiumExecutable, chromiumInstallCommand, chromiumInstallHelp } from '../capture/web/chromium.ts';
import { interruptSignal } from './interrupt.ts';
import { createRunDir, writeRunRecord } from './run-dir.ts';
import { lockRunDir } from './run-lock.ts';
import { executeRun } from './run-execution.ts';

export const demoProgrammeFile = fileURLToPath(new URL('../../audits/demo/programme.yaml', import.meta.url));

/**
 * Chromium is the one thing the demo needs from the system. As root with apt (a fresh CI box or
 * container) Debian's package is installed; anywhere else we say exactly what to do.
 */
export function ensureChromium(log: (line: string) => void): string {
  try {
    return chromiumExecutable();
  } catch (error) {
    // A GAMEAUDIT_CHROMIUM that names nothing is the user's to correct, not a reason to install.
    if (!(error instanceof UserError) || process.env.GAMEAUDIT_CHROMIUM) throw error;
    const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
    if (!canInstall) throw new UserError(chromiumInstallHelp);
    log(`Chromium is missing: installing Debian's package (${chromiumInstallCommand})…`);
    const install = spawnSync('sh', ['-c', chromiumInstallCommand], { stdio: 'inherit' });
    if (install.status !== 0) throw new UserError(`installing Chromium with apt-get failed (exit ${install.status ?? 'signal'}). ${chromiumInstallHelp}`);
    return chromiumExecutable();
  }
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Run the bundled offline demo programme end to end (capture, score, report)')
    .option('--out <dir>', 'where the run folder is written', 'runs')
    .option('--only <ids>', 'only these demo games, comma-separated ids')
    .addHelpText('after', '\nExample:\n  gameaudit demo --out runs   # then open runs/<run-id>/index.html')
    .action(async (options: { out: string; only?: string }) => {
      const log = (line: string): void => void process.stdout.write(`${line}\n`);
      const browser = ensureChromium(log);
      const programme = loadProgramme(demoProgrammeFile);
      const only = options.only?.split(',').map((id) => id.trim()).filter(Boolean);
      const runDir = createRunDir(options.out, 'demo');
      const lock = lockRunDir(runDir, 'gameaudit demo');
      writeRunRecord(runDir, { source: { kind: 'programme', file: demoProgrammeFile }, only, startedAt: new Date().toISOString() });
      log(`gameaudit demo: ${programme.plans.length} games, offline, with ${browser}`);
      log(`Run folder: ${runDir}`);
      const outcome = await executeRun({ programme, runDir, signal: interruptSignal(), only }).finally(() => lock.release());
      log(outcome.indexHtml ? `Open the report: ${outcome.indexHtml}` : `No game could be scored; the evidence is in ${runDir}`);
      process.exitCode = outcome.exitCode;
    });
}
