// SCAFFOLD: replaced by the real command; registered so the CLI is whole while it is built.
import type { Command } from 'commander';
import { UserError } from '../errors.ts';

export function registerScore(program: Command): void {
  program
    .command('score')
    .description('Score an evidence bundle and write result.json')
    .allowUnknownOption()
    .action(() => {
      throw new UserError('score is not built yet');
    });
}
