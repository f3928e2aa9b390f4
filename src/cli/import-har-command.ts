// gameaudit import (alias import-har): a file another tool saved becomes an evidence bundle that
// `score` can read: a HAR from any tool, an iOS App Privacy Report, a TrackerControl export.
import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import { importFile } from '../evidence/import-file.ts';
import { importFormatNames } from '../evidence/import/detect-format.ts';
import { phaseNames, platformNames, type Phase, type Platform } from '../plan/schema.ts';

interface ImportFlags {
  game: string;
  platform?: string;
  app?: string;
  identifiers?: string;
  firstParty?: string;
  phase?: string;
  firstChoiceAt?: string;
  out: string;
}

/** A time with its zone: without one, "12:00" on the investigator's laptop and on the phone may differ. */
const zonedTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function firstChoiceTime(value: string): string {
  if (!zonedTime.test(value) || Number.isNaN(Date.parse(value))) {
    throw new UserError(`--first-choice-at: "${value}" is not a time with its time zone; give it as 2024-06-01T12:00:30Z or 2024-06-01T13:00:30+01:00`);
  }
  return new Date(Date.parse(value)).toISOString();
}

export function registerImportHar(program: Command): void {
  program
    .command('import')
    .alias('import-har')
    .description('Turn a capture another tool saved into an evidence bundle: a HAR (HTTP Toolkit, Charles, Proxyman, Fiddler, Chrome/Firefox DevTools, mitmproxy), an iOS App Privacy Report or a TrackerControl export')
    .argument('<file>', 'the file to import; its format is told from its content')
    .requiredOption('--game <id>', 'game id for the bundle (lower-case letters, digits, dashes)')
    .option('--platform <platform>', `platform the traffic came from: ${platformNames.join(', ')}; needed for a HAR (an App Privacy Report is ios, a TrackerControl export android)`)
    .option('--app <id>', "the game's bundle id (App Privacy Report) or package name (TrackerControl): those exports hold every app on the phone")
    .option('--identifiers <ids.yaml>', 'identifiers file of the test device and persona, to search the traffic for (HAR only)')
    .option('--first-party <domains>', "comma-separated registrable domains of the game's own servers, e.g. example.com,example-cdn.net")
    .option('--phase <phase>', `the phase the whole capture was, if you know it: ${phaseNames.join(', ')}; without it (or --first-choice-at) no request is given a phase, and "before any privacy choice" cannot be judged`)
    .option('--first-choice-at <time>', 'when the child made the first privacy choice (e.g. 2024-06-01T12:00:30Z): what came before it counts as launch, the default, and what came after as consent')
    .requiredOption('--out <bundle-dir>', 'new or empty folder to write the bundle to')
    .addHelpText(
      'after',
      '\nExamples:\n  gameaudit import capture.har --game my-game --platform android --identifiers ids.yaml --first-party mygame.com --phase launch --out runs/imported/my-game/android\n  gameaudit import App_Privacy_Report.ndjson --game my-game --app com.example.mygame --first-choice-at 2024-06-01T12:00:30Z --out runs/imported/my-game/ios\n  gameaudit import trackercontrol.csv --game my-game --app com.example.mygame --phase launch --out runs/imported/my-game/android\n  gameaudit score runs/imported/my-game/android --json',
    )
    .action(async (file: string, flags: ImportFlags) => {
      if (flags.platform !== undefined && !(platformNames as readonly string[]).includes(flags.platform)) {
        throw new UserError(`--platform: "${flags.platform}" is not one of ${platformNames.join(', ')}`);
      }
      if (flags.phase !== undefined && !(phaseNames as readonly string[]).includes(flags.phase)) {
        throw new UserError(`--phase: "${flags.phase}" is not one of ${phaseNames.join(', ')}; give the phase the whole capture was, or leave --phase out`);
      }
      if (flags.phase !== undefined && flags.firstChoiceAt !== undefined) {
        throw new UserError('--phase and --first-choice-at both say which phase the requests were in; give one of them');
      }
      if (!/^[a-z0-9][a-z0-9-]*$/.test(flags.game)) throw new UserError(`--game: "${flags.game}" must be lower-case letters, digits and dashes, e.g. candy-crush`);
      const firstPartyDomains = (flags.firstParty ?? '')
        .split(',')
        .map((domain) => domain.trim().toLowerCase())
        .filter(Boolean);
      for (const domain of firstPartyDomains) {
        if (!/^([a-z0-9-]+\.)+[a-z]{2,}$/.test(domain)) throw new UserError(`--first-party: "${domain}" is not a domain such as example.com`);
      }
      const imported = await importFile({
        file,
        gameId: flags.game,
        ...(flags.platform ? { platform: flags.platform as Platform } : {}),
        ...(flags.app ? { app: flags.app } : {}),
        ...(flags.identifiers ? { identifiersFile: flags.identifiers } : {}),
        firstPartyDomains,
        outDir: flags.out,
        ...(flags.phase ? { phase: flags.phase as Phase } : {}),
        ...(flags.firstChoiceAt ? { firstChoiceAt: firstChoiceTime(flags.firstChoiceAt) } : {}),
      });
      for (const warning of imported.warnings) process.stderr.write(`warning: ${file}: ${warning}\n`);
      const phaseWords = flags.phase
        ? `all counted as the ${flags.phase} phase on your word`
        : flags.firstChoiceAt
          ? `split at the first choice you gave (${flags.firstChoiceAt}) into launch and consent`
          : 'with no phase (give --phase or --first-choice-at if you know when the first privacy choice was made)';
      const what = imported.format === 'har' ? `${imported.entryCount} requests recorded with ${imported.creator}` : `${imported.entryCount} contacted hosts from ${file}, an export of type ${importFormatNames[imported.format]},`;
      process.stdout.write(`Imported ${what} into ${imported.directory}, ${phaseWords}\nScore it with: gameaudit score ${imported.directory}\n`);
    });
}
