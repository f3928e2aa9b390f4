// gameaudit validate <files...>: checks plans, programmes, devices and identifiers files.
import type { Command } from 'commander';
import { ExitCode, UserError } from '../errors.ts';
import { validateFile } from '../plan/load.ts';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Check plan, programme, devices and identifiers files; name the file, line, field and fix of each problem')
    .argument('<files...>', 'YAML files to check')
    .action((files: string[]) => {
      let failures = 0;
      for (const file of files) {
        try {
          const kind = validateFile(file);
          process.stdout.write(`ok       ${file} (${kind})\n`);
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
          failures += 1;
          process.stderr.write(`invalid  ${error.message}\n`);
        }
      }
      if (failures > 0) throw new UserError(`${failures} of ${files.length} file(s) are invalid`, ExitCode.badInput);
    });
}
