// gameaudit import-har: a HAR from another tool becomes an evidence bundle that `score` can read.
import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import { importHar } from '../evidence/import-har.ts';
import { phaseNames, platformNames, type Phase, type Platform } from '../plan/schema.ts';

interface ImportHarFlags {
  game: string;
  platform: string;
  identifiers?: string;
  firstParty?: string;
  phase?: string;
  out: string;
}

export function registerImportHar(program: Command): void {
  program
    .command('import-har')
    .description('Turn a HAR file from HTTP Toolkit, Charles, Chrome DevTools or mitmproxy into an evidence bundle')
    .argument('<file.har>', 'the HAR file to import')
    .requiredOption('--game <id>', 'game id for the bundle (lower-case letters, digits, dashes)')
    .requiredOption('--platform <platform>', `platform the traffic came from: ${platformNames.join(', ')}`)
    .option('--identifiers <ids.yaml>', 'identifiers file of the test device and persona, to search the traffic for')
    .option('--first-party <domains>', "comma-separated registrable domains of the game's own servers, e.g. example.com,example-cdn.net")
    .option('--phase <phase>', `the phase the whole capture was, if you know it: ${phaseNames.join(', ')}; without it no request is given a phase, and "before any privacy choice" cannot be judged`)
    .requiredOption('--out <bundle-dir>', 'new or empty folder to write the bundle to')
    .addHelpText('after', '\nExample:\n  gameaudit import-har capture.har --game my-game --platform android --identifiers ids.yaml --first-party mygame.com --phase launch --out runs/imported/my-game/android\n  gameaudit score runs/imported/my-game/android --json')
    .action(async (file: string, flags: ImportHarFlags) => {
      if (!(platformNames as readonly string[]).includes(flags.platform)) {
        throw new UserError(`--platform: "${flags.platform}" is not one of ${platformNames.join(', ')}`);
      }
      if (flags.phase !== undefined && !(phaseNames as readonly string[]).includes(flags.phase)) {
        throw new UserError(`--phase: "${flags.phase}" is not one of ${phaseNames.join(', ')}; give the phase the whole capture was, or leave --phase out`);
      }
      if (!/^[a-z0-9][a-z0-9-]*$/.test(flags.game)) throw new UserError(`--game: "${flags.game}" must be lower-case letters, digits and dashes, e.g. candy-crush`);
      const firstPartyDomains = (flags.firstParty ?? '')
        .split(',')
        .map((domain) => domain.trim().toLowerCase())
        .filter(Boolean);
      for (const domain of firstPartyDomains) {
        if (!/^([a-z0-9-]+\.)+[a-z]{2,}$/.test(domain)) throw new UserError(`--first-party: "${domain}" is not a domain such as example.com`);
      }
      const imported = await importHar({
        harFile: file,
        gameId: flags.game,
        platform: flags.platform as Platform,
        ...(flags.identifiers ? { identifiersFile: flags.identifiers } : {}),
        firstPartyDomains,
        outDir: flags.out,
        ...(flags.phase ? { phase: flags.phase as Phase } : {}),
      });
      for (const warning of imported.warnings) process.stderr.write(`warning: ${file}: ${warning}\n`);
      const phaseWords = flags.phase ? `all counted as the ${flags.phase} phase on your word` : 'with no phase (give --phase if you know which phase the capture was)';
      process.stdout.write(`Imported ${imported.entryCount} requests recorded with ${imported.creator} into ${imported.directory}, ${phaseWords}\nScore it with: gameaudit score ${imported.directory}\n`);
    });
}
