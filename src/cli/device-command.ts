// SCAFFOLD: replaced by the real command; registered so the CLI is whole while it is built.
import type { Command } from 'commander';
import { UserError } from '../errors.ts';

export function registerDevice(program: Command): void {
  program
    .command('device')
    .description('Prepare an Android device for capture (proxy, CA)')
    .allowUnknownOption()
    .action(() => {
      throw new UserError('device is not built yet');
    });
}
