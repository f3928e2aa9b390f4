// SCAFFOLD: replaced by the real command; registered so the CLI is whole while it is built.
import type { Command } from 'commander';
import { UserError } from '../errors.ts';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Run the bundled offline demo programme end to end')
    .allowUnknownOption()
    .action(() => {
      throw new UserError('demo is not built yet');
    });
}
