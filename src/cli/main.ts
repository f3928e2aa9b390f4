// The gameaudit command line. Every command lives in its own file and registers itself here.
// Errors a user can cause print one line and exit with a documented code; only bugs show a stack.
import { Command, CommanderError } from 'commander';
import { ExitCode, UserError } from '../errors.ts';
import { configuredSigner } from '../signing/configured-signer.ts';
import { toolVersion } from '../version.ts';
import { registerCheck } from './check-command.ts';
import { registerChecks } from './checks-command.ts';
import { registerDemo } from './demo-command.ts';
import { registerDevice } from './device-command.ts';
import { registerDiff } from './diff-command.ts';
import { exitCodesHelp } from './exit-codes-help.ts';
import { registerHistory } from './history-command.ts';
import { describeFileSystemRefusal } from './file-system-refusal.ts';
import { registerImportHar } from './import-har-command.ts';
import { registerKeys } from './keys-command.ts';
import { registerPack } from './pack-command.ts';
import { registerInspect } from './inspect-command.ts';
import { registerReport } from './report-command.ts';
import { registerRun } from './run-command.ts';
import { registerSchema } from './schema-command.ts';
import { registerScore } from './score-command.ts';
import { registerSummary } from './summary-command.ts';
import { registerValidate } from './validate-command.ts';
import { registerVerify } from './verify-command.ts';

// `gameaudit checks | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const program = new Command('gameaudit')
  .description("Audits children's games against the UK ICO Children's code (Age Appropriate Design Code)")
  .version(toolVersion)
  .showHelpAfterError('(run with --help for usage)')
  .addHelpText('after', exitCodesHelp)
  .exitOverride();

for (const register of [
  registerRun,
  registerDemo,
  registerScore,
  registerReport,
  registerValidate,
  registerSchema,
  registerVerify,
  registerCheck,
  registerChecks,
  registerDiff,
  registerImportHar,
  registerSummary,
  registerDevice,
  registerHistory,
  registerKeys,
  registerPack,
  registerInspect,
]) {
  register(program);
}
for (const command of program.commands) command.exitOverride().addHelpText('after', exitCodesHelp);
// A signing key that cannot be used is refused before anything is captured or written, not at sealing.
const signingCommands = new Set(['run', 'demo', 'score', 'check', 'import-har', 'pack']);
program.hook('preAction', (_program, action) => {
  if (signingCommands.has(action.name())) configuredSigner();
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit 0; usage errors (unknown option, missing argument) are bad input.
    process.exitCode = error.exitCode === 0 ? ExitCode.ok : ExitCode.badInput;
  } else if (error instanceof UserError) {
    process.stderr.write(`gameaudit: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else if (describeFileSystemRefusal(error)) {
    process.stderr.write(`gameaudit: ${describeFileSystemRefusal(error)}\n`);
    process.exitCode = ExitCode.badInput;
  } else {
    process.stderr.write(`gameaudit: internal error (a bug, please report it with this output):\n${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = ExitCode.internal;
  }
}
