// Errors a user can cause carry their exit code and a one-line message naming the file,
// the field and the fix. The CLI prints them without a stack trace.

/** Documented exit codes (README and `gameaudit --help`). */
export const ExitCode = {
  ok: 0,
  internal: 1,
  badInput: 2,
  incomplete: 3,
  failOn: 4,
  notVerified: 5,
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue = ExitCode.badInput,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** Bad content in a file the user gave us. */
export class InputFileError extends UserError {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`, ExitCode.badInput);
    this.name = 'InputFileError';
  }
}
