// gameaudit demo: runs the bundled offline demo programme end to end (capture through the
// local proxy, scoring, reports) and prints where the run's index.html is.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import { loadProgramme } from '../plan/load.ts';
import { chromiumExecutable, chromiumInstallHelp } from '../capture/web/chromium.ts';
import { createRunDir, exitCodeFor, interruptSignal, printRunEnd, runGames } from './run-command.ts';

export const demoProgrammeFile = fileURLToPath(new URL('../../audits/demo/programme.yaml', import.meta.url));

/**
 * Chromium is the one thing the demo needs from the system. As root with apt (a fresh CI box or
 * container) Debian's package is installed; anywhere else we say exactly what to do.
 */
export function ensureChromium(log: (line: string) => void): string {
  try {
    return chromiumExecutable();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
    if (!canInstall) throw new UserError(chromiumInstallHelp);
    log('Chromium is missing: installing Debian\'s package (apt-get update && apt-get install -y chromium)…');
    const install = spawnSync('sh', ['-c', 'apt-get update && apt-get install -y chromium'], { stdio: 'inherit' });
    if (install.status !== 0) throw new UserError(`installing Chromium with apt-get failed (exit ${install.status ?? 'signal'}). ${chromiumInstallHelp}`);
    return chromiumExecutable();
  }
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Run the bundled offline demo programme end to end (capture, score, report)')
    .option('--out <dir>', 'where the run folder is written', 'runs')
    .addHelpText('after', '\nExample:\n  gameaudit demo --out runs   # then open runs/<run-id>/index.html')
    .action(async (options: { out: string }) => {
      const log = (line: string): void => void process.stdout.write(`${line}\n`);
      const browser = ensureChromium(log);
      const { plans } = loadProgramme(demoProgrammeFile);
      const webPlans = plans.filter((loadedPlan) => loadedPlan.plan.platforms.web);
      const runDir = createRunDir(options.out, 'demo');
      log(`gameaudit demo: ${webPlans.length} web game(s), offline, with ${browser}`);
      log(`Run folder: ${runDir}`);
      const signal = interruptSignal();
      const outcome = await runGames({ plans: webPlans, platform: 'web', runDir, signal, log });
      printRunEnd(outcome, log);
      process.exitCode = exitCodeFor(outcome, signal);
    });
}
