// SCAFFOLD: replaced by the real command; registered so the CLI is whole while it is built.
import type { Command } from 'commander';
import { UserError } from '../errors.ts';

export function registerImportHar(program: Command): void {
  program
    .command('import-har')
    .description('Turn a HAR file from another tool into an evidence bundle')
    .allowUnknownOption()
    .action(() => {
      throw new UserError('import-har is not built yet');
    });
}
