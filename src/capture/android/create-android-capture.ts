// The Android capture as the composition root (src/cli) asks for it: the device's Appium (or a
// local one started from the project's own dependency), the capabilities, and for the demo's
// simulated device the traffic replayer (the simulated driver itself plays the screens and
// answers adb). Closing the driver also stops the Appium server it started.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UserError } from '../../errors.ts';
import type { LoadedPlan } from '../../plan/load.ts';
import type { Device } from '../../plan/schema.ts';
import type { CaptureDriver } from '../driver.ts';
import type { CaptureProxy } from '../proxy/types.ts';
import { startLocalAppium, type LocalAppiumServer } from '../appium/local-appium-server.ts';
import { buildAndroidCapabilities, gameauditCapabilityPrefix, simulatedAppModel } from './android-capabilities.ts';
import { AndroidCaptureDriver } from './android-driver.ts';
import { loadRecordedTraffic, replayThroughProxy } from './traffic-replayer.ts';

export interface CreateAndroidCaptureOptions {
  loadedPlan: LoadedPlan;
  device: Device;
  proxy: CaptureProxy;
  /** An Appium server the caller manages (a batch shares one); otherwise device.appiumUrl, else a local one. */
  appiumUrl?: string;
  /** Run with --allow-unreadable-https and no device CA: the evidence says so. */
  allowUnreadableHttps?: boolean;
}

/** Where the device reaches the proxy: the emulator's alias for the host, or loopback through `adb reverse`. */
export function proxyHostForDevice(device: Device): string {
  const configured = device.capabilities?.[`${gameauditCapabilityPrefix}proxyHost`];
  if (typeof configured === 'string' && configured) return configured;
  return device.serial?.startsWith('emulator-') ? '10.0.2.2' : '127.0.0.1';
}

/**
 * The requests the simulated game sends at launch: `traffic.launch` of its device file (the driver
 * validates the rest of the file when the session starts).
 */
export function launchTrafficFile(deviceFile: string): string | undefined {
  let document: unknown;
  try {
    document = parseYaml(readFileSync(deviceFile, 'utf8'));
  } catch (error) {
    throw new UserError(`${deviceFile}: the simulated game file is not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
  const traffic = (document as { traffic?: { launch?: unknown } } | null)?.traffic;
  if (traffic?.launch === undefined) return undefined;
  if (typeof traffic.launch !== 'string') throw new UserError(`${deviceFile}: traffic.launch must name a JSON file of requests, relative to the device file`);
  const file = path.resolve(path.dirname(deviceFile), traffic.launch);
  if (!existsSync(file)) throw new UserError(`${deviceFile}: traffic.launch names ${traffic.launch}, which does not exist`);
  return file;
}

export async function createAndroidCapture(options: CreateAndroidCaptureOptions): Promise<CaptureDriver> {
  const { loadedPlan, device, proxy } = options;
  const android = loadedPlan.plan.platforms.android;
  if (!android) throw new UserError(`${loadedPlan.file}: platforms.android is missing; add the game's package to audit it on Android`);
  if (device.platform !== 'android') throw new UserError(`device "${device.id}" is a ${device.platform} device; an Android capture needs platform: android`);
  const planDirectory = path.dirname(path.resolve(loadedPlan.file));

  let replayLaunchTraffic: ((signal: AbortSignal) => Promise<void>) | undefined;
  if (device.simulated) {
    const model = simulatedAppModel(android, planDirectory);
    if (!model || !existsSync(model)) {
      throw new UserError(`${loadedPlan.file}: platforms.android.apk must name an existing simulated game file (*.device.yaml) for the simulated device "${device.id}"`);
    }
    const trafficFile = launchTrafficFile(model);
    if (trafficFile) {
      // The authored requests carry made-up device identifiers to real ad-network hosts: they are
      // only ever replayed into the offline proxy of a demo plan, never out to the internet.
      if (!loadedPlan.plan.demo) {
        throw new UserError(`${loadedPlan.file}: the simulated device replays ${trafficFile} only for an offline demo plan; add "demo: { origins: {} }" to the plan`);
      }
      const traffic = loadRecordedTraffic(trafficFile);
      replayLaunchTraffic = async (signal) => {
        await replayThroughProxy(traffic, proxy, signal);
      };
    }
  }

  const capabilities = buildAndroidCapabilities({ android, device, planDirectory });
  let server: LocalAppiumServer | undefined;
  const appiumUrl = options.appiumUrl ?? device.appiumUrl ?? (server = await startLocalAppium()).url;
  const driver = new AndroidCaptureDriver({
    packageName: android.package,
    device,
    appiumUrl,
    capabilities,
    replayLaunchTraffic,
    deviceProxy: device.simulated ? undefined : { host: proxyHostForDevice(device), port: proxy.port },
    unreadableHttpsAllowed: options.allowUnreadableHttps === true && !device.simulated,
    // A real package named by the plan is copied into the bundle; a simulated game file is not a package.
    ...(android.apk && /\.(apk|apks|xapk)$/i.test(android.apk) ? { packageFile: path.resolve(planDirectory, android.apk) } : {}),
  });
  if (!server) return driver;
  const localServer = server;
  // The same driver, whose close() also stops the Appium server started for it.
  const close = driver.close.bind(driver);
  driver.close = async () => {
    await close();
    await localServer.stop().catch(() => undefined);
  };
  return driver;
}
