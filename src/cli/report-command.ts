// SCAFFOLD: replaced by the real command; registered so the CLI is whole while it is built.
import type { Command } from 'commander';
import { UserError } from '../errors.ts';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('Render HTML reports for a run directory')
    .allowUnknownOption()
    .action(() => {
      throw new UserError('report is not built yet');
    });
}
