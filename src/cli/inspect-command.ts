// gameaudit inspect <file>: what an app package contains (permissions, meta-data, activities,
// classes and the SDKs they reveal; on iOS the plist declarations), without running it.
import type { Command } from 'commander';
import { InputFileError } from '../errors.ts';
import { inspectPackage } from '../inspect/inspect-package.ts';
import { describeInspection } from '../inspect/inspection-text.ts';

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('Read an app package (.apk, .apks, .xapk, a folder of split APKs, or .ipa): versions, permissions, meta-data, SDKs, declarations, hashes')
    .argument('<package>', 'the package file, or a folder holding a base APK and its splits')
    .option('--json', 'print the inventory as JSON (the same object a device capture stores as evidence.packageInspection)')
    .addHelpText('after', '\nExample:\n  gameaudit inspect game.apk --json\n')
    .action(async (input: string, options: { json?: boolean }) => {
      const inspection = await inspectPackage(input);
      // The file given is not an archive at all: the user's mistake, not a package with an unreadable part.
      const whole = inspection.unreadable.find((part) => part.part === input);
      if (whole) throw new InputFileError(input, `${whole.reason}: give the app package itself (an APK or IPA is a zip archive)`);
      process.stdout.write(options.json ? `${JSON.stringify(inspection, null, 2)}\n` : describeInspection(inspection));
    });
}
