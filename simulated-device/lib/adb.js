// `mobile: shell` on the simulated device: answered from the device file's table of supported
// commands and their recorded outputs, never by running anything. A command may answer
// differently once a screen has been visited (app ops after the game has been played). A command
// the table does not hold is an error naming the nearest supported one, so a capture that asks a
// new question fails loudly instead of reading an empty answer as "nothing there".
// Like UiAutomator2, it needs the insecure feature `adb_shell` (--allow-insecure <automation>:adb_shell).
import { errors } from 'appium/driver.js';

function editDistance(a, b) {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

export function shellCommandLine(command, args) {
  const words = [command, ...(Array.isArray(args) ? args : args === undefined ? [] : [args])].map(String);
  return words.join(' ').trim().replace(/\s+/g, ' ');
}

export function nearestSupportedCommand(table, line) {
  return [...table].sort((a, b) => editDistance(line, a.command) - editDistance(line, b.command))[0]?.command;
}

/** The recorded answer, or an error naming the nearest command the device file supports. */
export function answerShell(table, visitedScreens, line) {
  const entry = table.find((candidate) => candidate.command === line);
  if (!entry) {
    const nearest = nearestSupportedCommand(table, line);
    throw new errors.InvalidArgumentError(
      `The simulated device has no output for "${line}"${nearest ? `; the nearest supported command is "${nearest}"` : '; its device file lists no shell commands'}. ` +
        'Add the command and its output to the shell table of the device file.',
    );
  }
  const later = entry.afterVisiting.filter((step) => visitedScreens.has(step.screen)).pop();
  return later ? later.output : entry.output;
}

export async function mobileShell(command, args, _timeout, _includeStderr) {
  this.assertFeatureEnabled('adb_shell');
  if (typeof command !== 'string' || command === '') throw new errors.InvalidArgumentError('mobile: shell needs a "command"');
  const line = shellCommandLine(command, args);
  const output = answerShell(this.device.shell, this.visitedScreens, line);
  this.record('shell', line);
  return output;
}
