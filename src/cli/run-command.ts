// SCAFFOLD: replaced by the real command; registered so the CLI is whole while it is built.
import type { Command } from 'commander';
import { UserError } from '../errors.ts';

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('Capture and score games from a programme or plan')
    .allowUnknownOption()
    .action(() => {
      throw new UserError('run is not built yet');
    });
}
