// SCAFFOLD: replaced by the real command; registered so the CLI is whole while it is built.
import type { Command } from 'commander';
import { UserError } from '../errors.ts';

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('Re-run one check on a saved bundle')
    .allowUnknownOption()
    .action(() => {
      throw new UserError('check is not built yet');
    });
}
