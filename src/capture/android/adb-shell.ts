// Where the device's adb outputs come from: Appium's `mobile: shell` (Appium started with
// --allow-insecure uiautomator2:adb_shell). The demo's simulated device answers the same command
// from the outputs its device file holds, authored in the Android formats.

/** The read-only questions the capture asks the device. */
export type AdbQuery = 'dumpsys-package' | 'appops' | 'dumpsys-location' | 'android-id';
/** When it asks: right after the launch phase, and at the end of the capture. */
export type AdbStage = 'after-launch' | 'final';

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
    case 'android-id':
      return { command: 'settings', args: ['get', 'secure', 'android_id'] };
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
