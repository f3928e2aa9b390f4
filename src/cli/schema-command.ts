// gameaudit schema --out audits/plan.schema.json: the plan's JSON Schema, for editor completion.
import type { Command } from 'commander';
import { writeFileAtomic } from '../evidence/atomic-write.ts';
import { planJsonSchemaText } from '../plan/json-schema.ts';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('Write the JSON Schema of audit plans (for editor completion)')
    .option('--out <file>', 'where to write it', 'audits/plan.schema.json')
    .action((options: { out: string }) => {
      writeFileAtomic(options.out, planJsonSchemaText());
      process.stdout.write(`wrote ${options.out}\n`);
    });
}
