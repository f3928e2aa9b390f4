// SCAFFOLD: replaced by the real command; registered so the CLI is whole while it is built.
import type { Command } from 'commander';
import { UserError } from '../errors.ts';

export function registerChecks(program: Command): void {
  program
    .command('checks')
    .description('List every check')
    .allowUnknownOption()
    .action(() => {
      throw new UserError('checks is not built yet');
    });
}
