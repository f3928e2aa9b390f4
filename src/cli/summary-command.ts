// SCAFFOLD: replaced by the real command; registered so the CLI is whole while it is built.
import type { Command } from 'commander';
import { UserError } from '../errors.ts';

export function registerSummary(program: Command): void {
  program
    .command('summary')
    .description('Write the programme summary, or the publishable one')
    .allowUnknownOption()
    .action(() => {
      throw new UserError('summary is not built yet');
    });
}
