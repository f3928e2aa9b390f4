// The composition root of an assisted capture (run --assisted, or assisted: true in a plan): picks
// the screenshot source (Appium, else adb or idevicescreenshot when installed, else none), the
// readers that propose settings readings, and the terminal the investigator answers in.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.ts';
import { operatorName } from '../evidence/operator.ts';
import type { DeviceInfo } from '../evidence/schema.ts';
import type { LoadedPlan } from '../plan/load.ts';
import type { Device, Platform } from '../plan/schema.ts';
import type { CaptureDriver } from '../capture/driver.ts';
import type { CaptureProxy } from '../capture/proxy/types.ts';
import { AssistedDriver } from '../capture/assisted/assisted-driver.ts';
import { terminalKeys } from '../capture/assisted/operator-keys.ts';
import { combinedProposer, pageSourceProposer, type ReadingProposer } from '../capture/assisted/reading-proposer.ts';
import { screenshotProposer } from '../capture/assisted/screenshot-proposer.ts';
import { adbScreenshots, appiumScreenshots, idevicescreenshotSource, noScreenshots, type ScreenshotSource } from '../capture/assisted/screenshot-source.ts';
import { AssistedView } from '../capture/assisted/terminal-view.ts';
import { isPermissionControllerNode } from '../capture/android/permission-dialog.ts';
import { adbExecutable } from '../capture/android/adb-runner.ts';
import { contactedCompanies } from './assisted-traffic.ts';

export interface AssistedRunOptions {
  /** No Appium session: the phone was prepared by hand (device prepare, or its Wi-Fi proxy). */
  withoutAppium: boolean;
  input?: NodeJS.ReadStream;
  output?: NodeJS.WriteStream;
}

/** The executable's path when `name` (or an absolute path) can be run, searching PATH as a shell would. */
export function findExecutable(name: string): string | undefined {
  const candidates = name.includes('/') ? [name] : (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((directory) => path.join(directory, name));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Without Appium: the phone's own screenshot tool over USB, when it is installed. */
export function screenshotSourceWithoutAppium(platform: Exclude<Platform, 'web'>, device: Device): ScreenshotSource {
  if (platform === 'android') {
    const adb = findExecutable(adbExecutable());
    return adb ? adbScreenshots(adb, device.serial) : noScreenshots;
  }
  const idevicescreenshot = findExecutable(process.env.GAMEAUDIT_IDEVICESCREENSHOT || 'idevicescreenshot');
  return idevicescreenshot ? idevicescreenshotSource(idevicescreenshot, device.serial) : noScreenshots;
}

function deviceWithoutAppium(device: Device): DeviceInfo {
  const kind: DeviceInfo['kind'] = device.simulated ? 'simulated' : device.serial?.startsWith('emulator-') ? 'emulator' : 'physical';
  return { kind, name: `${device.id} (no Appium session: as named in the programme)`, ...(device.serial ? { serial: device.serial } : {}) };
}

/** Refuses what an assisted capture cannot do, before a run folder is made. */
export function requireAssistedRunnable(
  audits: readonly { loadedPlan: LoadedPlan; platform: Platform }[],
  assistedFlag: boolean,
  setup: { withoutAppium: boolean; proxyPort: number | undefined; devices: readonly Device[] },
  input: NodeJS.ReadStream = process.stdin,
): void {
  const assisted = audits.filter((audit) => assistedFlag || audit.loadedPlan.plan.assisted);
  const web = assisted.find((audit) => audit.platform === 'web');
  if (web) {
    throw new UserError(
      `${web.loadedPlan.file}: the web game "${web.loadedPlan.plan.id}" cannot be captured assisted (the browser runs headless, with no window to play in); ${assistedFlag ? 'leave out --assisted' : 'remove "assisted: true" from the plan'}, or give --platform android or --platform ios`,
    );
  }
  if (setup.withoutAppium) {
    if (assisted.length === 0) throw new UserError('--without-appium is for assisted captures: add --assisted, or "assisted: true" to the game\'s plan');
    const simulated = setup.devices.find((device) => device.simulated);
    if (simulated) throw new UserError(`--without-appium: the device "${simulated.id}" is simulated, and a simulated device exists only through Appium; leave out --without-appium`);
    const unportable = setup.devices.find((device) => device.platform !== 'web' && typeof device.capabilities?.['gameaudit:proxyPort'] !== 'number');
    if (setup.proxyPort === undefined && unportable) {
      throw new UserError(
        `--without-appium: the phone "${unportable.id}" must already send its traffic to a port it knows; give --proxy-port <the port it was prepared with> (gameaudit device prepare --proxy-port, or the port in its Wi-Fi proxy)`,
      );
    }
  }
  if (assisted.length > 0 && !input.isTTY) {
    throw new UserError("an assisted capture needs a terminal for the investigator's keys: run gameaudit in a terminal, not through a pipe or in CI");
  }
}

export interface AssistedDriverRequest {
  loadedPlan: LoadedPlan;
  platform: Exclude<Platform, 'web'>;
  device: Device;
  proxy: CaptureProxy;
  /** The Appium capture driver; undefined with --without-appium. */
  automated: CaptureDriver | undefined;
  options: AssistedRunOptions;
}

export function assistedDriver(request: AssistedDriverRequest): CaptureDriver {
  const { loadedPlan, platform, device, proxy, automated, options } = request;
  const screenshots = automated ? appiumScreenshots(() => automated.screenshot()) : screenshotSourceWithoutAppium(platform, device);
  // The page source is read where Appium gives one; the screenshot (OCR and drawn switches) wherever
  // there is one, so an engine-drawn settings screen is proposed too. The page source's reading wins
  // where both read the same label (combinedProposer).
  const readers: ReadingProposer[] = [...(automated ? [pageSourceProposer(loadedPlan.plan, isPermissionControllerNode)] : []), screenshotProposer(loadedPlan.plan)];
  const companies = contactedCompanies(proxy, loadedPlan.plan.firstPartyDomains);
  return new AssistedDriver({
    platform,
    target: platform === 'android' ? loadedPlan.plan.platforms.android!.package : loadedPlan.plan.platforms.ios!.bundleId,
    automated,
    screenshots,
    device: deviceWithoutAppium(device),
    keys: terminalKeys(options.input ?? process.stdin),
    view: new AssistedView(options.output ?? process.stderr),
    proposer: combinedProposer(readers),
    traffic: () => ({ requests: proxy.requestCount(), companies: companies() }),
    title: `${loadedPlan.plan.title} (${platform})`,
    operator: operatorName(),
    intro: [
      `Traffic is captured by the proxy at ${proxy.host}:${proxy.port}${automated ? '' : ': the phone\'s proxy must point there (gameaudit device prepare, or its Wi-Fi proxy)'}.`,
      screenshots.name === 'none' ? 'No screenshot source: no Appium session, and neither adb nor idevicescreenshot was found. Marks and readings still record.' : `Screenshots: ${screenshots.description}.`,
    ],
  });
}
