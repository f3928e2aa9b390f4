// Starts the project's own Appium 3 (a dependency, so no global install) as a child process on
// a free 127.0.0.1 port, waits until /status answers, and stops it again. APPIUM_HOME is the
// project directory: Appium 3 then finds drivers installed as the project's npm dependencies
// (the demo's simulated device, simulated-device/, is one; `appium driver install uiautomator2`
// adds real ones to the same place).
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../../errors.ts';

export interface LocalAppiumServer {
  readonly url: string;
  /** The last lines Appium printed, for error messages. */
  logTail(): string;
  stop(): Promise<void>;
}

export interface LocalAppiumOptions {
  /**
   * Insecure features to allow, with Appium 3's driver prefix ("uiautomator2:adb_shell").
   * Only adb_shell is needed: `mobile: shell` runs the read-only dumpsys / appops / settings get,
   * on a real device (UiAutomator2) or on the simulated one (GameauditSimulated), which asks for it too.
   */
  allowInsecure?: string[];
  /** How long to wait for /status; Appium loads its drivers first. */
  startSeconds?: number;
}

export const projectDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Preloaded into Appium: it stops when gameaudit's end of its stdin closes (see the file). */
const exitWithParent = fileURLToPath(new URL('./exit-with-parent.cjs', import.meta.url));

export const defaultInsecureFeatures = ['uiautomator2:adb_shell', 'gameauditsimulated:adb_shell'];

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function appiumEntry(): string {
  try {
    return createRequire(import.meta.url).resolve('appium/index.js');
  } catch {
    throw new UserError('Appium is not installed in this project; run `npm ci` (appium is a dependency of gameaudit).');
  }
}

/** Resolves when GET <url>/status answers with ready=true (Appium 3) or any 200. */
export async function waitForAppiumStatus(url: string, seconds: number, isAlive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  let lastProblem = 'no answer';
  while (Date.now() < deadline && isAlive()) {
    try {
      const response = await fetch(new URL('status', url.endsWith('/') ? url : `${url}/`), { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      lastProblem = `HTTP ${response.status}`;
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Appium at ${url} did not answer /status (${lastProblem})`);
}

export async function startLocalAppium(options: LocalAppiumOptions = {}): Promise<LocalAppiumServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const features = options.allowInsecure ?? defaultInsecureFeatures;
  const args = ['--require', exitWithParent, appiumEntry(), 'server', '--address', '127.0.0.1', '--port', String(port), '--log-no-colors', '--log-level', 'info'];
  if (features.length > 0) args.push('--allow-insecure', features.join(','));
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, APPIUM_HOME: process.env.APPIUM_HOME ?? projectDirectory },
    // Its own process group, so a Ctrl-C does not stop Appium under a capture that is still
    // writing what it saw (it then reported "Appium is not reachable"); stdin is the pipe
    // exit-with-parent.cjs watches, so Appium still ends with gameaudit.
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer): void => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 60) lines.splice(0, lines.length - 60);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => {
    exited = true;
    resolve();
  }));

  const stop = async (): Promise<void> => {
    if (exited) return;
    child.kill('SIGTERM');
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exit;
    clearTimeout(killTimer);
  };

  try {
    await waitForAppiumStatus(url, options.startSeconds ?? 60, () => !exited);
    if (exited) throw new Error('Appium exited while starting');
  } catch (error) {
    await stop();
    throw new UserError(`The local Appium server did not start: ${(error as Error).message}. Last output: ${lines.slice(-5).join(' | ') || '(none)'}`);
  }
  return { url, logTail: () => lines.slice(-20).join('\n'), stop };
}
