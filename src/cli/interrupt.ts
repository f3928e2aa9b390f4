// Ctrl-C (or SIGTERM from a scheduler) stops captures at their next step; they still write and
// seal what they captured, marked incomplete. A second Ctrl-C quits at once.
import { ExitCode } from '../errors.ts';

export function interruptSignal(log: (line: string) => void = (line) => void process.stderr.write(`${line}\n`)): AbortSignal {
  const controller = new AbortController();
  const onSignal = (name: string) => () => {
    log(`\n${name}: finishing the current capture step and writing what was captured (Ctrl-C again to quit now)`);
    controller.abort();
    process.once('SIGINT', () => process.exit(ExitCode.interrupted));
  };
  process.once('SIGINT', onSignal('interrupted'));
  process.once('SIGTERM', onSignal('terminated'));
  return controller.signal;
}
