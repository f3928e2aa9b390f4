// The iOS capture for the composition root: the device's Appium URL (a Mac running Appium with
// the XCUITest driver, or a device farm), or a local Appium when one can drive iOS here.
import path from 'node:path';
import { UserError } from '../../errors.ts';
import type { LoadedPlan } from '../../plan/load.ts';
import type { Device } from '../../plan/schema.ts';
import type { CaptureDriver } from '../driver.ts';
import type { CaptureProxy } from '../proxy/types.ts';
import { startLocalAppium } from '../appium/local-appium-server.ts';
import { buildIosCapabilities } from './ios-capabilities.ts';
import { IosCaptureDriver } from './ios-driver.ts';

export interface CreateIosCaptureOptions {
  loadedPlan: LoadedPlan;
  device: Device;
  /** The device's Wi-Fi proxy must point at this proxy (set by hand; see docs/real-devices.md). */
  proxy: CaptureProxy;
  appiumUrl?: string;
  /** Run with --allow-unreadable-https and no device CA: the evidence says so. */
  allowUnreadableHttps?: boolean;
}

export async function createIosCapture(options: CreateIosCaptureOptions): Promise<CaptureDriver> {
  const { loadedPlan, device } = options;
  const ios = loadedPlan.plan.platforms.ios;
  if (!ios) throw new UserError(`${loadedPlan.file}: platforms.ios is missing; add the game's bundleId to audit it on iOS`);
  if (device.platform !== 'ios') throw new UserError(`device "${device.id}" is a ${device.platform} device; an iOS capture needs platform: ios`);
  const capabilities = buildIosCapabilities(ios, device, path.dirname(path.resolve(loadedPlan.file)));
  const server = options.appiumUrl ?? device.appiumUrl ? undefined : await startLocalAppium({ allowInsecure: [] });
  const driver = new IosCaptureDriver({ bundleId: ios.bundleId, device, appiumUrl: options.appiumUrl ?? device.appiumUrl ?? server!.url, capabilities, unreadableHttpsAllowed: options.allowUnreadableHttps === true && !device.simulated, ...(ios.ipa ? { packageFile: path.resolve(path.dirname(path.resolve(loadedPlan.file)), ios.ipa) } : {}) });
  if (!server) return driver;
  const close = driver.close.bind(driver);
  driver.close = async () => {
    await close();
    await server.stop().catch(() => undefined);
  };
  return driver;
}
