// Starts the intercepting proxy for one capture: a per-run CA (its private key on disk with mode
// 0600 only while the capture runs), and mockttp in a child process that spools every exchange
// to disk. Implements the CaptureProxy interface the capture session depends on.
//
// The listening socket is bound here, in the capture's process, and handed to the child: its port
// (and the CA's fingerprint) are known at once, so a browser can be started while the child is
// still loading mockttp. Connections made before the child listens wait in the kernel's backlog.
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
// The certificate helpers alone, not the package's entry point (its admin server and client too).
import { generateCACertificate, generateSPKIFingerprint } from 'mockttp/dist/util/certificates';
import type { HarEntry } from '../../evidence/har.ts';
import type { Phase } from '../../plan/schema.ts';
import { UserError } from '../../errors.ts';
import { createOwnedTempFolder, releaseOwnedTempFolder } from '../owned-temp-folder.ts';
import { prepareCaFolder, writePrivateKeyFile } from './ca-folder.ts';
import type { CaptureProxy } from './types.ts';
import type { ChildMessage, ParentMessage, ProxyProcessConfig } from './proxy-messages.ts';
import { indexSpool, spoolEntries } from './spool.ts';
import { ProxyProcessPool, type ProxyProcess } from './proxy-process-pool.ts';

export interface StartProxyOptions {
  /** Where the child appends one HAR entry per line, e.g. <bundle>/.network-spool.ndjson. */
  spoolFile: string;
  /** 127.0.0.1 unless a device on the network must reach the proxy (then a warning is printed). */
  host?: string;
  port?: number;
  /** passthrough: real audits; offline: the demo, answered locally so nothing leaves the machine. */
  upstream: 'passthrough' | 'offline';
  /** Offline mode: https origin → folder of static files. */
  offlineOrigins?: Record<string, string>;
  /** Keep the CA key and certificate after stop (for installing on a device later). */
  keepCa?: boolean;
  /**
   * A device CA kept across runs (ca.pem + ca.key, made here on first use): a phone or emulator
   * trusts a CA installed once, so real-device captures reuse it instead of a per-run CA.
   */
  caDir?: string;
  /**
   * A CA made once for the whole run (createRunCa) and shared by its captures, instead of one per
   * capture; its owner removes it at the run's end. Ignored when caDir names a device CA.
   */
  runCa?: RunCa;
  responseBodyCapBytes?: number;
  requestBodyCapBytes?: number;
  onWarning?: (message: string) => void;
  /**
   * Web captures: leave Chromium's own housekeeping requests out of entries() (they stay in the
   * spool, marked _source "browser-internal"). Never for devices: see browser-housekeeping.ts.
   */
  excludeBrowserHousekeeping?: boolean;
  /** How long the child may take to start listening. */
  startTimeoutSeconds?: number;
  /**
   * The run's proxy processes: the capture takes an idle one (or the pool forks one) and gives
   * it back after a clean stop. Without it the capture has a process of its own, ended at stop.
   */
  processes?: ProxyProcessPool;
}

/** A proxy whose port and CA are settled while its process is still starting. */
export interface StartingCaptureProxy {
  readonly host: string;
  readonly port: number;
  readonly spkiFingerprint: string;
  readonly caCertificatePem: string;
  /** Resolves once the proxy process listens; rejects (and cleans up) when it cannot start. */
  readonly ready: Promise<ProcessCaptureProxy>;
}

export interface ProcessCaptureProxy extends CaptureProxy {
  /** The proxy process, so fault tests (and operators) can see which process it is. */
  readonly pid: number;
  readonly caCertFile: string;
  readonly caKeyFile: string;
  readonly spoolFile: string;
  /** Spool lines that could not be read (a line cut off by a crash). */
  unreadableSpoolLines(): number;
  /** Chromium housekeeping requests left out of entries(). */
  browserHousekeepingCount(): number;
}

const loopbackHosts = new Set(['127.0.0.1', '::1', 'localhost']);
/** Numbers each capture, so its messages are told apart from those of a process's other captures. */
let nextCaptureId = 1;

interface PreparedCa {
  ca: { key: string; cert: string };
  caDir: string;
  caKeyFile: string;
  caCertFile: string;
  /**
   * Removes the CA's folder when it is this capture's own (a per-capture CA, or a run's CA being
   * made) and not kept with --keep-ca; does nothing for a device CA or a run's CA in use.
   */
  discardCa: () => void;
}

function discarder(caDir: string, remove: boolean): () => void {
  return () => {
    if (remove) rmSync(caDir, { recursive: true, force: true });
  };
}

async function prepareCa(options: Pick<StartProxyOptions, 'caDir' | 'keepCa' | 'runCa'>): Promise<PreparedCa> {
  if (options.runCa && !options.caDir) {
    const { key, cert, caDir, caKeyFile, caCertFile } = options.runCa;
    return { ca: { key, cert }, caDir, caKeyFile, caCertFile, discardCa: discarder(caDir, false) };
  }
  if (options.caDir) prepareCaFolder(path.resolve(options.caDir));
  // A temporary CA folder is marked as this process's, so a run killed before removing it (SIGKILL,
  // a second Ctrl-C) has its key removed by the next run; a kept one (--keep-ca) is unmarked at once.
  const caDir = options.caDir ? path.resolve(options.caDir) : createOwnedTempFolder('gameaudit-ca-');
  if (!options.caDir && options.keepCa) releaseOwnedTempFolder(caDir);
  const caKeyFile = path.join(caDir, 'ca.key');
  const caCertFile = path.join(caDir, 'ca.pem');
  if (options.caDir && existsSync(caKeyFile) && existsSync(caCertFile)) {
    return { ca: { key: readFileSync(caKeyFile, 'utf8'), cert: readFileSync(caCertFile, 'utf8') }, caDir, caKeyFile, caCertFile, discardCa: discarder(caDir, false) };
  }
  const label = options.caDir ? 'device CA' : `capture CA ${new Date().toISOString()}`;
  const ca = await generateCACertificate({ subject: { commonName: `gameaudit ${label}`, organizationName: 'gameaudit' }, bits: 2048 });
  writePrivateKeyFile(caKeyFile, ca.key);
  writeFileSync(caCertFile, ca.cert, { mode: 0o644 });
  return { ca, caDir, caKeyFile, caCertFile, discardCa: discarder(caDir, !options.caDir && !options.keepCa) };
}

/**
 * A run's CA, made once and shared by every capture of the run (each still has its own proxy
 * process): one RSA key per run instead of one per game. Same rules as a capture's own CA: its
 * folder 0700 and key 0600 in the temporary folder, removed by dispose() at the run's end
 * unless kept (--keep-ca).
 */
export interface RunCa {
  readonly caDir: string;
  readonly caKeyFile: string;
  readonly caCertFile: string;
  readonly key: string;
  readonly cert: string;
  readonly spkiFingerprint: string;
  dispose(): void;
}

export async function createRunCa(options: { keepCa?: boolean } = {}): Promise<RunCa> {
  const { ca, caDir, caKeyFile, caCertFile, discardCa } = await prepareCa({ keepCa: options.keepCa });
  try {
    const spkiFingerprint = await generateSPKIFingerprint(ca.cert);
    return { caDir, caKeyFile, caCertFile, key: ca.key, cert: ca.cert, spkiFingerprint, dispose: discardCa };
  } catch (error) {
    discardCa();
    throw error;
  }
}

/** Binds the proxy's port on the configured host, refusing clearly when it is taken. */
async function bindListener(host: string, port: number): Promise<net.Server> {
  const listener = net.createServer((socket) => {
    // Only in the moment before the socket is handed over, and before any browser exists: not ours.
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen({ host, port }, () => resolve());
  }).catch((error: unknown) => {
    throw new UserError(`the capture proxy could not start on ${host}: ${(error as Error).message}`);
  });
  return listener;
}

export async function startCaptureProxy(options: StartProxyOptions): Promise<ProcessCaptureProxy> {
  return (await launchCaptureProxy(options)).ready;
}

/**
 * Prepares the CA and the listening port and starts the proxy process, returning before that
 * process is ready (see StartingCaptureProxy.ready), so the caller can start a browser meanwhile.
 */
export async function launchCaptureProxy(options: StartProxyOptions): Promise<StartingCaptureProxy> {
  const host = options.host ?? '127.0.0.1';
  if (!loopbackHosts.has(host)) {
    (options.onWarning ?? ((message: string) => process.stderr.write(`warning: ${message}\n`)))(
      `the capture proxy listens on ${host}, so other machines on that network can use it and read the traffic it records; use 127.0.0.1 unless a device must reach it`,
    );
  }
  const { ca, caKeyFile, caCertFile, discardCa } = await prepareCa(options);
  const spkiFingerprint = options.runCa && !options.caDir ? options.runCa.spkiFingerprint : await generateSPKIFingerprint(ca.cert);
  let listener: net.Server;
  try {
    listener = await bindListener(host, options.port ?? 0);
  } catch (error) {
    discardCa();
    throw error;
  }
  const port = (listener.address() as net.AddressInfo).port;

  const config: ProxyProcessConfig = {
    host,
    port,
    caKeyFile,
    caCertFile,
    spoolFile: path.resolve(options.spoolFile),
    upstream: options.upstream,
    offlineOrigins: Object.fromEntries(Object.entries(options.offlineOrigins ?? {}).map(([origin, folder]) => [origin, path.resolve(folder)])),
    responseBodyCapBytes: options.responseBodyCapBytes ?? 256 * 1024,
    requestBodyCapBytes: options.requestBodyCapBytes ?? 4 * 1024 * 1024,
    markBrowserHousekeeping: options.excludeBrowserHousekeeping ?? false,
  };
  writeFileSync(config.spoolFile, '', { flag: 'a' });

  // A process of the run's pool, or a private pool of one ended at stop: one protocol either way.
  const pool = options.processes ?? new ProxyProcessPool();
  const ownPool = !options.processes;
  let proxyProcess: ProxyProcess;
  try {
    proxyProcess = pool.acquire();
  } catch (error) {
    listener.close();
    discardCa();
    throw error;
  }
  const child: ChildProcess = proxyProcess.child;
  const capture = nextCaptureId++;

  let started = 0;
  let stopping = false;
  let failure: Error | undefined;
  let unreadable = 0;
  let housekeeping = 0;
  // Settled by the child's acknowledgement of stop, or by its exit.
  let acknowledgeStop: (() => void) | undefined;
  const stopAcknowledged = new Promise<boolean>((resolve) => {
    acknowledgeStop = () => resolve(true);
    void proxyProcess.exited.then(() => resolve(false));
  });
  // How the start ends: set while it is pending, so a later message or exit cannot settle it.
  let startAnswer: { resolve: () => void; reject: (error: Error) => void } | undefined;
  let startTimer: NodeJS.Timeout | undefined;

  // This capture's listeners on a process that may serve others after it: removed by detach().
  // Each message names its capture, so one meant for another capture is ignored even if late.
  const onMessage = (message: ChildMessage): void => {
    if (message.capture !== capture) return;
    if (message.type === 'ready') {
      startAnswer?.resolve();
    } else if (message.type === 'error') {
      startAnswer?.reject(new UserError(`the capture proxy could not start on ${host}: ${message.message}`));
    } else if (message.type === 'progress') {
      started = message.started;
    } else {
      started = message.started;
      acknowledgeStop?.();
    }
  };
  const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
    if (!stopping) {
      const last = proxyProcess.lastStderrLine();
      failure = new Error(`the proxy process (pid ${proxyProcess.pid}) exited unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`})${last ? `: ${last}` : ''}`);
    }
    startAnswer?.reject(failure ?? new Error('the capture proxy stopped before it was ready'));
  };
  child.on('message', onMessage);
  child.on('exit', onExit);
  let detached = false;
  /** Ends this capture's hold on the process: none of its handlers fires for a later capture. */
  const detach = (): void => {
    detached = true;
    clearTimeout(startTimer);
    child.off('message', onMessage);
    child.off('exit', onExit);
  };
  /** Gives the process back (only after a clean, acknowledged stop) or ends it; ends a private pool. */
  const release = async (reusable: boolean): Promise<void> => {
    detach();
    await pool.release(proxyProcess, reusable);
    if (ownPool) await pool.dispose();
  };

  const ready = new Promise<void>((resolve, reject) => {
    const settle = (error?: Error): void => {
      startAnswer = undefined;
      clearTimeout(startTimer);
      if (error) reject(error);
      else resolve();
    };
    startAnswer = { resolve: () => settle(), reject: settle };
    startTimer = setTimeout(() => {
      child.kill('SIGKILL');
      settle(new Error(`the capture proxy did not start within ${options.startTimeoutSeconds ?? 30} s`));
    }, (options.startTimeoutSeconds ?? 30) * 1000);
    if (!child.connected) {
      settle(new Error(`the proxy process (pid ${proxyProcess.pid}) was gone before the capture could start`));
      return;
    }
    // The child gets its own copy of the socket; ours is closed once the copy is on its way. The
    // raw handle, not the server: a server sent whole starts accepting in the child at once, before
    // mockttp can take the connections (Node types only the wrappers, hence the cast).
    const handle = (listener as net.Server & { _handle: net.Server })._handle;
    child.send({ type: 'start', capture, config } satisfies ParentMessage, handle, () => listener.close());
  }).catch(async (error: unknown) => {
    listener.close();
    // A process that failed to start a capture is never handed out again.
    await release(false);
    discardCa();
    throw error;
  });

  /** Streams the spool's game entries in start order; the counts are of the spool as indexed now. */
  const entries = (): Iterable<HarEntry> => {
    const index = indexSpool(config.spoolFile);
    unreadable = index.unreadableLines;
    housekeeping = index.lines.filter((line) => line.source === 'browser-internal').length;
    return spoolEntries(index, (source) => source !== 'browser-internal');
  };

  const send = (message: ParentMessage): void => {
    // A stopped capture's late phase change must not reach whatever the process serves next.
    if (!detached && child.connected) child.send(message, () => undefined);
  };

  const proxy: ProcessCaptureProxy = {
    host,
    port,
    pid: proxyProcess.pid,
    spkiFingerprint,
    caCertificatePem: ca.cert,
    caCertFile,
    caKeyFile,
    spoolFile: config.spoolFile,
    setPhase(phase: Phase | null): void {
      send({ type: 'phase', capture, phase, at: Date.now() });
    },
    entries,
    unreadableSpoolLines: () => unreadable,
    browserHousekeepingCount: () => housekeeping,
    requestCount: () => started,
    failure: () => failure,
    async stop(): Promise<void> {
      if (stopping) return;
      stopping = true;
      let reusable = false;
      if (proxyProcess.alive && failure === undefined) {
        send({ type: 'stop', capture });
        // A child that does not acknowledge in time is killed, and so never reused.
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        reusable = await stopAcknowledged;
        clearTimeout(timer);
      }
      // The pool keeps only a process that is still alive.
      await release(reusable);
      discardCa();
    },
  };
  const readyProxy = ready.then(() => proxy);
  // A caller that gives up before awaiting `ready` (its browser failed) must not crash the process.
  readyProxy.catch(() => undefined);
  return { host, port, spkiFingerprint, caCertificatePem: ca.cert, ready: readyProxy };
}
