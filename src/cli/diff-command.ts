// SCAFFOLD: replaced by the real command; registered so the CLI is whole while it is built.
import type { Command } from 'commander';
import { UserError } from '../errors.ts';

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('Compare two evidence bundles')
    .allowUnknownOption()
    .action(() => {
      throw new UserError('diff is not built yet');
    });
}
