// What the captures of one run share, made when the run starts and ended when it ends, however it
// ends: one CA (a key per game cost each audit its own RSA key generation; a device CA folder,
// --ca-dir, replaces it), the proxy processes (proxy-process-pool.ts: each next audit gets a fresh
// proxy server and spool in a running process) and the browsers (browser-pool.ts: a fresh context
// in a running browser). At most one proxy process and one browser per audit running at once.
import { ProxyProcessPool } from '../capture/proxy/proxy-process-pool.ts';
import { createRunCa, type RunCa } from '../capture/proxy/start-proxy.ts';
import { BrowserPool } from '../capture/web/browser-pool.ts';
import { removeAbandonedTempFolders } from '../capture/owned-temp-folder.ts';

export class RunResources {
  private constructor(
    /** Undefined when the run uses a device CA folder instead. */
    readonly runCa: RunCa | undefined,
    readonly proxies: ProxyProcessPool,
    readonly browsers: BrowserPool,
  ) {}

  static async open(options: { caDir?: string; keepCa?: boolean } = {}): Promise<RunResources> {
    // What an earlier run could not remove (killed, or quit by a second Ctrl-C): its CA key and profiles.
    removeAbandonedTempFolders();
    const runCa = options.caDir ? undefined : await createRunCa({ keepCa: options.keepCa });
    return new RunResources(runCa, new ProxyProcessPool(), new BrowserPool());
  }

  /**
   * Call once every capture has stopped its proxy, so ending the processes cuts nothing short.
   * The CA goes last (unless --keep-ca): nothing that trusts it is left running.
   */
  async dispose(): Promise<void> {
    await Promise.all([this.browsers.dispose(), this.proxies.dispose()]);
    this.runCa?.dispose();
  }
}
