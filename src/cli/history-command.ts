// gameaudit history <runs-dir>: how every game's standards moved across the runs in a folder.
import type { Command } from 'commander';
import { writeHistory } from '../history/write-history.ts';
import { measuresTable, renderMeasuresTable } from '../report/measures-table.ts';

export function registerHistory(program: Command): void {
  program
    .command('history')
    .description("Every game's status for each standard across the runs in a folder, with what changed: writes <runs-dir>/history.html and history.csv")
    .argument('<runs-dir>', 'the folder holding the run folders (runs/)')
    .addHelpText('after', '\nExample:\n  gameaudit history runs/')
    .action((runsDir: string) => {
      // Each run carries the measures table (one row per game, one column per measure), so a change
      // between runs reads as a changed cell.
      const output = writeHistory(runsDir, { measuresTable: (run) => renderMeasuresTable(measuresTable(run.audits.map((audit) => audit.result)), `Measures table of run ${run.id}`) });
      const notComparable = output.games.flatMap((game) => game.points).filter((point) => point.previous && !point.previous.comparability.comparable).length;
      process.stdout.write(`History of ${output.games.length} game series: ${output.html}\nCSV: ${output.csv}\n`);
      if (notComparable > 0) process.stdout.write(`${notComparable} pair(s) of runs are flagged as not comparable (see the page)\n`);
    });
}
