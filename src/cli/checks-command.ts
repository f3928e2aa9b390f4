// gameaudit checks: every check with its standard, title, the evidence it needs and why it
// tests that standard.
import type { Command } from 'commander';
import { allChecks } from '../../checks/index.ts';
import { standardName } from '../scoring/standards.ts';

export function checkCatalogue(): { id: string; standard: number; standardName: string; title: string; failureTitle: string; requires: string[]; rationale: string }[] {
  return [...allChecks]
    .sort((a, b) => a.standard - b.standard || a.id.localeCompare(b.id))
    .map((check) => ({
      id: check.id,
      standard: check.standard,
      standardName: standardName(check.standard),
      title: check.title,
      failureTitle: check.failureTitle,
      requires: [...check.requires],
      rationale: check.rationale,
    }));
}

export function registerChecks(program: Command): void {
  program
    .command('checks')
    .description('List every check: id, Children\'s code standard, title, the evidence it needs and its rationale')
    .option('--json', 'print the list as JSON')
    .addHelpText('after', '\nExamples:\n  gameaudit checks\n  gameaudit checks --json')
    .action((options: { json?: boolean }) => {
      const catalogue = checkCatalogue();
      if (options.json) {
        process.stdout.write(`${JSON.stringify(catalogue, null, 2)}\n`);
        return;
      }
      // One write, so piping into `head` does not cut a line in half.
      const blocks = catalogue.map(
        (check) => `${check.id}\n  standard ${check.standard} (${check.standardName}) — ${check.title}\n  needs: ${check.requires.join(', ')}\n  why: ${check.rationale}\n`,
      );
      process.stdout.write(
        `${blocks.join('\n')}\n${catalogue.length} checks. Standards 1, 2, 5, 6, 14 and 15 are assessed by investigators in audits/findings/<game-id>.yaml.\n`,
      );
    });
}
