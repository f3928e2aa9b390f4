// Where the device's adb outputs come from: Appium's `mobile: shell` (Appium started with
// --allow-insecure uiautomator2:adb_shell). The demo's simulated device answers the same command
// from the outputs its device file holds, authored in the Android formats.

/** The read-only questions the capture asks the device. */
export type AdbQuery = 'dumpsys-package' | 'appops' | 'dumpsys-location' | 'ssaid' | 'ssaid-plain';

/** The SSAID store of the device's first user: every app's own Android id (root only). */
export const ssaidStorePath = '/data/system/users/0/settings_ssaid.xml';
/**
 * When it asks: before the game is started (the since-boot counts to subtract), right after
 * the launch phase, and at the end of the capture.
 */
export type AdbStage = 'before-launch' | 'after-launch' | 'final';

export interface AdbShell {
  /** True when the answers are not a live device's (the simulated device's authored outputs): the report must say so. */
  readonly recorded: boolean;
  ask(query: AdbQuery, stage: AdbStage): Promise<string>;
}

/** The shell command of each query (also what the raw files in the bundle are named after). */
export function adbCommand(query: AdbQuery, packageName: string): { command: string; args: string[] } {
  switch (query) {
    case 'dumpsys-package':
      return { command: 'dumpsys', args: ['package', packageName] };
    case 'appops':
      return { command: 'appops', args: ['get', packageName] };
    case 'dumpsys-location':
      return { command: 'dumpsys', args: ['location'] };
    // Android 12 and later write the store as binary XML: the device's abx2xml prints it as XML.
    case 'ssaid':
      return { command: 'abx2xml', args: [ssaidStorePath, '-'] };
    // Android 8 to 11 write it as plain XML, which abx2xml refuses.
    case 'ssaid-plain':
      return { command: 'cat', args: [ssaidStorePath] };
  }
}

export interface MobileShellExecutor {
  execute(script: string, args: Record<string, unknown>): Promise<unknown>;
}

export function appiumAdbShell(session: MobileShellExecutor, packageName: string): AdbShell {
  return {
    recorded: false,
    async ask(query) {
      const { command, args } = adbCommand(query, packageName);
      const output = await session.execute('mobile: shell', { command, args, includeStderr: false, timeout: 20_000 });
      if (typeof output !== 'string') throw new Error(`mobile: shell ${command} returned no text`);
      return output;
    },
  };
}
