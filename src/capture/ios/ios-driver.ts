// CaptureDriver for iOS games through Appium's XCUITest driver. UNTESTED on a device here (no
// Mac or iPhone): it is built on the same walks as Android and documented in docs/real-devices.md.
// System permission alerts are read through `mobile: alert` and refused, never accepted.
import { unreadableHttpsNote } from '../appium/unreadable-https-note.ts';
import type { DeviceInfo, PermissionPrompt } from '../../evidence/schema.ts';
import type { Device } from '../../plan/schema.ts';
import type { CaptureDriver, UiTree } from '../driver.ts';
import { ScreenshotAndSource } from '../appium/screenshot-and-source.ts';
import type { CaptureRecorder } from '../recorder.ts';
import { walkConsent } from '../appium/consent-walk.ts';
import { appiumScreen, pause, type MobileScreen, type ScreenSession } from '../appium/mobile-screen.ts';
import { openAppiumSession, redactUrl, type AppiumSession } from '../appium/open-session.ts';
import { walkSettings } from '../appium/settings-walk.ts';
import { recordMobileNotCollected } from '../appium/mobile-not-collected.ts';
import { copyPackageIntoBundle, recordPackageInspection } from '../appium/package-evidence.ts';
import { describeIosAlert, iosPermissionName } from './permission-alert.ts';

export interface IosDriverOptions {
  bundleId: string;
  device: Device;
  appiumUrl: string;
  capabilities: Record<string, unknown>;
  /** The run was allowed without a device CA (--allow-unreadable-https): recorded in the evidence. */
  unreadableHttpsAllowed?: boolean;
  /** The plan's .ipa (platforms.ios.ipa): copied into the bundle and inspected. */
  packageFile?: string;
}

/** XCUITest shows no in-app node for system alerts, so nothing in the tree needs excluding. */
const noSystemNodes = (): boolean => false;

export class IosCaptureDriver implements CaptureDriver {
  readonly platform = 'ios' as const;
  readonly target: string;
  private session: AppiumSession | undefined;
  private screen: MobileScreen | undefined;
  /** Screenshot and page source, the page source's boxes scaled to the last screenshot. */
  private readonly capturedScreen = new ScreenshotAndSource(() => this.requireSession());
  private readonly prompts: PermissionPrompt[] = [];

  constructor(private readonly options: IosDriverOptions) {
    this.target = options.bundleId;
  }

  private requireSession(): AppiumSession {
    if (!this.session) throw new Error('The Appium session is not open');
    return this.session;
  }

  async open(recorder: CaptureRecorder): Promise<DeviceInfo> {
    const session = await openAppiumSession(this.options.appiumUrl, this.options.capabilities);
    this.session = session;
    this.screen = appiumScreen(session as unknown as ScreenSession, 'ios');
    recorder.event('appium-session', { url: redactUrl(this.options.appiumUrl), sessionId: session.sessionId, automationName: 'XCUITest' });
    recordMobileNotCollected(recorder, 'ios');
    if (this.options.unreadableHttpsAllowed) recorder.note(unreadableHttpsNote);
    const location = recorder.plan.location;
    if (location) {
      try {
        await session.execute('mobile: setSimulatedLocation', { latitude: location.latitude, longitude: location.longitude });
        recorder.event('mock-location', { ...location });
      } catch (error) {
        recorder.markIncomplete(`The mock location could not be set: ${(error as Error).message}`, ['geolocation']);
      }
    }
    const caps = session.capabilities as Record<string, unknown>;
    const udid = this.options.device.serial ?? (typeof caps.udid === 'string' ? caps.udid : undefined);
    const simulator = caps.simulatorVersion !== undefined || (udid !== undefined && /^[0-9A-F]{8}-[0-9A-F]{4}-/i.test(udid));
    const osVersion = caps.platformVersion;
    return {
      kind: this.options.device.simulated ? 'simulated' : simulator ? 'emulator' : 'physical',
      name: String(caps.deviceName ?? this.options.device.id),
      osVersion: typeof osVersion === 'string' ? `iOS ${osVersion}` : undefined,
      serial: udid,
    };
  }

  screenshot(): Promise<Uint8Array> {
    return this.capturedScreen.screenshot();
  }

  uiTree(): Promise<UiTree> {
    return this.capturedScreen.uiTree();
  }

  /** The open system alert, recorded once by its words; undefined when none is shown. */
  private async lookForAlert(recorder: CaptureRecorder): Promise<{ prompt: PermissionPrompt; declineLabel?: string } | undefined> {
    const session = this.requireSession();
    let text: string;
    try {
      text = await session.getAlertText();
    } catch {
      return undefined; // no alert open
    }
    const labels = await session.execute('mobile: alert', { action: 'getButtons' }).catch(() => []);
    const alert = describeIosAlert(text, Array.isArray(labels) ? labels.map(String) : []);
    const known = this.prompts.find((prompt) => prompt.text === text);
    if (known) return { prompt: known, declineLabel: alert.declineLabel };
    const screenshot = await recorder.snapshot(`System permission alert: ${alert.group}`);
    const eventId = recorder.event('permission-prompt', { text, group: alert.group, buttons: alert.buttons.map((button) => button.text) });
    const prompt: PermissionPrompt = { eventId, phase: recorder.phaseOrLaunch, at: new Date().toISOString(), permission: iosPermissionName(alert.group), group: alert.group, text, buttons: alert.buttons, answer: 'unanswered', screenshot };
    this.prompts.push(prompt);
    recorder.draft.permissionPrompts.push(prompt);
    return { prompt, declineLabel: alert.declineLabel };
  }

  async observeLaunch(recorder: CaptureRecorder, seconds: number, signal: AbortSignal): Promise<void> {
    const deadline = Date.now() + seconds * 1000;
    do {
      await this.lookForAlert(recorder);
      await pause(Math.min(1, Math.max(0, (deadline - Date.now()) / 1000)), signal);
    } while (Date.now() < deadline && !signal.aborted);
  }

  async handleConsent(recorder: CaptureRecorder): Promise<void> {
    for (let round = 0; round < 4; round++) {
      const open = await this.lookForAlert(recorder);
      if (!open || open.prompt.answer !== 'unanswered') break;
      if (open.declineLabel) {
        await this.requireSession().execute('mobile: alert', { action: 'dismiss', buttonLabel: open.declineLabel });
        open.prompt.answer = 'denied';
      } else {
        await this.requireSession().dismissAlert();
        open.prompt.answer = 'dismissed';
      }
      recorder.event('permission-denied', { text: open.prompt.text, promptEventId: open.prompt.eventId });
    }
    await walkConsent(this.screen!, recorder, noSystemNodes);
  }

  async readSettings(recorder: CaptureRecorder, signal: AbortSignal): Promise<void> {
    await walkSettings(this.screen!, recorder, noSystemNodes, signal);
  }

  async play(recorder: CaptureRecorder, seconds: number, signal: AbortSignal): Promise<void> {
    recorder.note('iOS play phase: the game was left running without scripted input.');
    await pause(seconds, signal);
  }

  async collectFinal(recorder: CaptureRecorder): Promise<void> {
    // iOS offers no adb: the permission state is what the alerts showed and how they were answered.
    recorder.note('iOS: permissions are taken from the system alerts seen during the capture; the device exposes no per-app permission dump.');
    // An iOS device gives no installed app back (no pm path, no pull): only the plan's own IPA can be inspected.
    if (this.options.packageFile) await recordPackageInspection(recorder, 'copied', () => copyPackageIntoBundle(recorder, this.options.packageFile!));
    else recorder.note('iOS: the app package was not inspected: an iOS device does not hand back an installed app; name the .ipa in platforms.ios.ipa to inspect it.');
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.deleteSession().catch(() => undefined);
  }
}
