// The composition root for one capture: picks the concrete proxy and driver for a platform,
// runs the capture session into <runDir>/<game-id>/<platform>/ and always stops the proxy.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.ts';
import { SecretMasker } from '../evidence/secret-masker.ts';
import { resolveCredentials } from '../plan/credentials.ts';
import type { LoadedPlan } from '../plan/load.ts';
import { personaBundleName } from '../plan/persona-plan.ts';
import type { Device, Phase, Platform } from '../plan/schema.ts';
import type { CaptureDriver } from '../capture/driver.ts';
import type { ProxyProcessPool } from '../capture/proxy/proxy-process-pool.ts';
import { launchCaptureProxy, type ProcessCaptureProxy, type RunCa } from '../capture/proxy/start-proxy.ts';
import { runCapture, type CaptureOutcome, type CaptureProgress } from '../capture/session.ts';
import type { BrowserLease, BrowserPool } from '../capture/web/browser-pool.ts';
import { WebDriver } from '../capture/web/web-driver.ts';
import { createAndroidCapture } from '../capture/android/create-android-capture.ts';
import { createIosCapture } from '../capture/ios/create-ios-capture.ts';
import { LazyDriver } from '../capture/lazy-driver.ts';
import { explainAppiumFault } from '../capture/appium/open-session.ts';
import { assistedDriver, type AssistedRunOptions } from './assisted-capture.ts';

/** The proxy's spool sits in the bundle as a dot-file (outside the manifest) until the HAR is written. */
export const spoolFileName = '.network-spool.ndjson';

export interface AuditGameOptions {
  loadedPlan: LoadedPlan;
  platform: Platform;
  runDir: string;
  signal?: AbortSignal;
  onProgress?: (progress: CaptureProgress) => void;
  /** 127.0.0.1 unless a device on the network must reach the proxy. */
  proxyHost?: string;
  keepCa?: boolean;
  /** A device CA kept across runs (see start-proxy.ts); a per-run CA when omitted. */
  caDir?: string;
  /** A real device ran without --ca-dir: the Android capture notes it (device-ca-rule.ts). */
  allowUnreadableHttps?: boolean;
  /** The run's CA, shared by its captures (createRunCa); without it (and caDir) the capture makes its own. */
  runCa?: RunCa;
  /** A fixed proxy port (a USB phone's `adb reverse` or a device's proxy setting names it). */
  proxyPort?: number;
  /** The programme's device for a mobile audit (web audits run locally). */
  device?: Device;
  /** Phases to capture (a single-check re-capture needs fewer); default all four. */
  phases?: readonly Phase[];
  /** Lets fault tests and the batch runner see the proxy (e.g. its pid) once it has started. */
  onProxyStarted?: (proxy: ProcessCaptureProxy) => void;
  /** The run's proxy processes, reused from one capture to the next; without it the capture starts its own. */
  proxies?: ProxyProcessPool;
  /** The run's local browsers, reused from one web capture to the next; without it the capture starts its own. */
  browsers?: BrowserPool;
  /** Lets fault tests see which local browser serves a web capture. */
  onBrowser?: (lease: BrowserLease) => void;
  /** An investigator plays this game by hand (run --assisted, or assisted: true in the plan). */
  assisted?: AssistedRunOptions;
}

/** runs/<run>/<game>/<platform>/, or <platform>-<persona>/ for one persona's capture. */
export function bundleDirFor(runDir: string, gameId: string, platform: Platform, personaId?: string): string {
  return path.join(runDir, gameId, personaId ? personaBundleName(platform, personaId) : platform);
}

/** Demo plans name folders relative to the plan file; the proxy needs them absolute. */
function offlineOrigins(loadedPlan: LoadedPlan): Record<string, string> {
  const origins = loadedPlan.plan.demo?.origins ?? {};
  return Object.fromEntries(Object.entries(origins).map(([origin, folder]) => [origin, path.resolve(path.dirname(loadedPlan.file), folder)]));
}

function driverFor(loadedPlan: LoadedPlan, platform: Platform, proxy: ProcessCaptureProxy, device: Device | undefined, allowUnreadableHttps = false): CaptureDriver {
  const { plan } = loadedPlan;
  switch (platform) {
    case 'web':
      return new WebDriver({ loadedPlan, proxy });
    case 'android':
      return new LazyDriver('android', plan.platforms.android!.package, () => createAndroidCapture({ loadedPlan, device: requireDevice(device, 'android'), proxy, allowUnreadableHttps }), explainAppiumFault);
    case 'ios':
      return new LazyDriver('ios', plan.platforms.ios!.bundleId, () => createIosCapture({ loadedPlan, device: requireDevice(device, 'ios'), proxy, allowUnreadableHttps }), explainAppiumFault);
  }
}

/** The Appium driver, or for an assisted capture the investigator's driver around it (or around none, --without-appium). */
function mobileDriver(options: AuditGameOptions, proxy: ProcessCaptureProxy): CaptureDriver {
  const { loadedPlan, platform, device, assisted } = options;
  if (!assisted || platform === 'web') return driverFor(loadedPlan, platform, proxy, device, options.allowUnreadableHttps);
  const automated = assisted.withoutAppium ? undefined : driverFor(loadedPlan, platform, proxy, device, options.allowUnreadableHttps);
  return assistedDriver({ loadedPlan, platform, device: requireDevice(device, platform), proxy, automated, options: assisted });
}

/** A web "device" may be a remote Playwright server; gameaudit:proxyHost says where it reaches our proxy. */
function remoteBrowserOf(device: Device | undefined): { wsEndpoint: string; proxyHost?: string } | undefined {
  if (!device?.playwrightWsEndpoint) return undefined;
  const proxyHost = device.capabilities?.['gameaudit:proxyHost'];
  return { wsEndpoint: device.playwrightWsEndpoint, ...(typeof proxyHost === 'string' ? { proxyHost } : {}) };
}

/** A device may name its own proxy port (capability gameaudit:proxyPort), as prepared with `device prepare`. */
function devicePort(device: Device | undefined): number | undefined {
  const port = device?.capabilities?.['gameaudit:proxyPort'];
  return typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
}

function requireDevice(device: Device | undefined, platform: 'android' | 'ios'): Device {
  if (!device) throw new UserError(`an ${platform} audit needs a device: list one in the programme's devices or devicesFile (see docs/real-devices.md)`);
  return device;
}

export async function auditGame(options: AuditGameOptions): Promise<CaptureOutcome> {
  const { loadedPlan, platform } = options;
  const { plan } = loadedPlan;
  if (!plan.platforms[platform]) {
    throw new UserError(`${loadedPlan.file}: platforms.${platform} is missing; add it to the plan or choose another --platform`);
  }
  if (platform !== 'web') requireDevice(options.device, platform);
  // Before anything is written: a credential whose variable is unset is bad input, and every
  // credential found is masked out of what the capture writes.
  const masker = new SecretMasker(resolveCredentials(plan, loadedPlan.file));
  const bundleDir = bundleDirFor(options.runDir, plan.id, platform, loadedPlan.persona?.id);
  const spoolFile = path.join(bundleDir, spoolFileName);
  mkdirSync(bundleDir, { recursive: true });
  // The spool holds every exchange unmasked: it never outlives the capture, however the capture
  // ends (a second Ctrl-C leaves through process.exit, which runs only 'exit' listeners).
  const removeSpool = (): void => {
    rmSync(spoolFile, { force: true });
    process.removeListener('exit', removeSpool);
  };
  process.on('exit', removeSpool);
  const starting = await launchCaptureProxy({
    spoolFile,
    host: options.proxyHost,
    upstream: plan.demo ? 'offline' : 'passthrough',
    offlineOrigins: offlineOrigins(loadedPlan),
    keepCa: options.keepCa,
    caDir: options.caDir,
    runCa: options.runCa,
    port: options.proxyPort ?? devicePort(options.device),
    excludeBrowserHousekeeping: platform === 'web',
    processes: options.proxies,
  });
  // Chromium needs only the proxy's port and CA fingerprint, both known now: it starts while the
  // proxy process is still loading, and the game is opened (in runCapture) once both are up.
  let webDriver: WebDriver | undefined;
  let proxy: ProcessCaptureProxy;
  try {
    webDriver =
      platform === 'web'
        ? new WebDriver({ loadedPlan, proxy: starting, remote: remoteBrowserOf(options.device), browsers: options.browsers, onBrowser: options.onBrowser })
        : undefined;
    webDriver?.launchBrowser();
    proxy = await starting.ready;
  } catch (error) {
    await webDriver?.close();
    // A proxy that did start is stopped (and its CA removed) before the error goes up.
    await starting.ready.then((started) => started.stop(), () => undefined);
    removeSpool();
    throw error;
  }
  options.onProxyStarted?.(proxy);
  try {
    const driver = webDriver ?? mobileDriver(options, proxy);
    return await runCapture({ loadedPlan, driver, proxy, bundleDir, masker, phases: options.phases, signal: options.signal, onProgress: options.onProgress });
  } finally {
    // runCapture stopped it before writing network.har; this covers a capture that threw.
    await proxy.stop();
    // network.har was written from the spool at the last checkpoint and sealed in the manifest.
    removeSpool();
  }
}
