// CaptureDriver for Android games through Appium (UiAutomator2 on an emulator or phone, or the
// project's simulated driver, simulated-device/, for the demo's simulated device). The phases follow the web driver's: launch
// without touching anything while system permission dialogs are recorded (never granted),
// consent declined, settings read, then the device's own records read through adb.
import type { DeviceInfo, PermissionPrompt } from '../../evidence/schema.ts';
import type { Device } from '../../plan/schema.ts';
import type { CaptureDriver, UiTree } from '../driver.ts';
import { ScreenshotAndSource } from '../appium/screenshot-and-source.ts';
import type { CaptureRecorder } from '../recorder.ts';
import { appiumScreen, pause, type MobileScreen, type ScreenSession } from '../appium/mobile-screen.ts';
import { walkConsent } from '../appium/consent-walk.ts';
import { unreadableHttpsNote } from '../appium/unreadable-https-note.ts';
import { walkSettings } from '../appium/settings-walk.ts';
import { recordMobileNotCollected } from '../appium/mobile-not-collected.ts';
import { openAppiumSession, redactUrl, type AppiumSession } from '../appium/open-session.ts';
import type { Capabilities } from './android-capabilities.ts';
import { AndroidAdbEvidence } from './adb-evidence.ts';
import { appiumAdbShell } from './adb-shell.ts';
import { capturePackage } from './package-capture.ts';
import { findPermissionDialog, isPermissionControllerNode, type PermissionDialog } from './permission-dialog.ts';

export interface AndroidDriverOptions {
  packageName: string;
  device: Device;
  appiumUrl: string;
  capabilities: Capabilities;
  /** Where the device should send its traffic (host as the device sees it, and port). */
  deviceProxy?: { host: string; port: number };
  /** Simulated device: sends the game's recorded traffic through the proxy during launch. */
  replayLaunchTraffic?: (signal: AbortSignal) => Promise<void>;
  /** The run was allowed without a device CA (--allow-unreadable-https): recorded in the evidence. */
  unreadableHttpsAllowed?: boolean;
  /** How often the launch phase looks for system dialogs. */
  pollSeconds?: number;
  /** The plan's own APK or split set (platforms.android.apk); otherwise the installed APKs are pulled. */
  packageFile?: string;
}

interface OpenPrompt {
  prompt: PermissionPrompt;
  dialog: PermissionDialog;
}

export class AndroidCaptureDriver implements CaptureDriver {
  readonly platform = 'android' as const;
  readonly target: string;
  private session: AppiumSession | undefined;
  private screen: MobileScreen | undefined;
  /** Screenshot and page source, the page source's boxes scaled to the last screenshot. */
  private readonly capturedScreen = new ScreenshotAndSource(() => this.requireSession());
  private adb: AndroidAdbEvidence | undefined;
  private captureStartedAt = Date.now();
  private readonly prompts: OpenPrompt[] = [];
  private proxySet = false;

  constructor(private readonly options: AndroidDriverOptions) {
    this.target = options.packageName;
  }

  private get simulated(): boolean {
    return this.options.device.simulated;
  }

  private requireSession(): AppiumSession {
    if (!this.session) throw new Error('The Appium session is not open');
    return this.session;
  }

  async open(recorder: CaptureRecorder): Promise<DeviceInfo> {
    this.captureStartedAt = Date.now();
    const { options } = this;
    const session = await openAppiumSession(options.appiumUrl, options.capabilities);
    this.session = session;
    this.screen = appiumScreen(session as unknown as ScreenSession, 'android');
    recorder.event('appium-session', { url: redactUrl(options.appiumUrl), sessionId: session.sessionId, automationName: options.capabilities['appium:automationName'] });
    recordMobileNotCollected(recorder, 'android');

    if (this.simulated) {
      // The simulated device answers `mobile: shell` itself, from its device file: not a live device.
      this.adb = new AndroidAdbEvidence({ ...appiumAdbShell(session, options.packageName), recorded: true }, options.packageName);
      recorder.note(
        'Simulated device: no phone or emulator was used. The project\'s simulated Appium driver played the game\'s screens ' +
          '(page sources in UiAutomator2\'s format, derived from real dumps where one exists) and answered the adb questions with outputs ' +
          'authored in the format of Android 13; the game\'s requests, authored in the format its SDKs use, were replayed through the capture proxy.',
      );
    } else {
      this.adb = new AndroidAdbEvidence(appiumAdbShell(session, options.packageName), options.packageName);
      if (options.unreadableHttpsAllowed) recorder.note(unreadableHttpsNote);
      await this.pointDeviceAtProxy(recorder);
      // A first run: the app's data is wiped, then it is started (autoLaunch is off in the capabilities).
      await session.execute('mobile: clearApp', { appId: options.packageName });
      recorder.event('app-data-cleared', { package: options.packageName });
    }

    const location = recorder.plan.location;
    if (location) {
      try {
        await session.setGeoLocation({ latitude: location.latitude, longitude: location.longitude, altitude: 10 });
        recorder.event('mock-location', { ...location });
      } catch (error) {
        recorder.markIncomplete(`The mock location could not be set: ${(error as Error).message}`, ['geolocation']);
      }
    }
    // The location service's since-boot counts before the game runs, so only this capture's are charged to it.
    await this.adb.beforeGameStarts(recorder);
    if (!this.simulated) await this.recordBaseline(recorder);
    if (!this.simulated) {
      await session.execute('mobile: activateApp', { appId: options.packageName });
      recorder.event('app-launched', { package: options.packageName });
    }

    const caps = session.capabilities as Record<string, unknown>;
    const serial = options.device.serial ?? (typeof caps.udid === 'string' ? caps.udid : typeof caps['appium:udid'] === 'string' ? (caps['appium:udid'] as string) : undefined);
    const kind: DeviceInfo['kind'] = this.simulated ? 'simulated' : serial?.startsWith('emulator-') || caps.avd || caps['appium:avd'] ? 'emulator' : 'physical';
    const name = String(caps.deviceModel ?? caps['appium:deviceModel'] ?? caps.deviceName ?? caps['appium:deviceName'] ?? options.device.id);
    const osVersion = caps.platformVersion ?? caps['appium:platformVersion'];
    return {
      kind,
      name: this.simulated ? `${name} (simulated device: gameaudit's simulated Appium driver, authored adb outputs)` : name,
      osVersion: typeof osVersion === 'string' ? `Android ${osVersion}` : undefined,
      serial,
    };
  }

  /**
   * The proxy is device-wide: what the device sends with the game not yet running is recorded as
   * a baseline window (as long as the launch window, at most 60 s so opening stays within its
   * step time), and analysis does not charge those hosts to the game (analysis/device-traffic.ts).
   */
  private async recordBaseline(recorder: CaptureRecorder): Promise<void> {
    const seconds = Math.min(recorder.plan.session.launchSeconds, 60);
    const startedAt = new Date().toISOString();
    await pause(seconds, new AbortController().signal);
    const endedAt = new Date().toISOString();
    recorder.draft.android ??= { package: this.options.packageName };
    recorder.draft.android.baselineWindow = { startedAt, endedAt };
    recorder.event('device-baseline', { startedAt, endedAt, seconds });
  }

  /** The device's global HTTP proxy, set over adb; undone in close(). */
  private async pointDeviceAtProxy(recorder: CaptureRecorder): Promise<void> {
    const target = this.options.deviceProxy;
    if (!target) {
      recorder.note('The device proxy was not set by the capture; it is expected to be set already (gameaudit device prepare).');
      return;
    }
    try {
      await this.requireSession().execute('mobile: shell', { command: 'settings', args: ['put', 'global', 'http_proxy', `${target.host}:${target.port}`] });
      this.proxySet = true;
      recorder.event('device-proxy-set', { proxy: `${target.host}:${target.port}` });
    } catch (error) {
      recorder.markIncomplete(
        `The device's proxy could not be set (${(error as Error).message}); start Appium with --allow-insecure uiautomator2:adb_shell or run gameaudit device prepare. Traffic may not have been captured.`,
        ['network', 'identifiers'],
      );
    }
  }

  screenshot(): Promise<Uint8Array> {
    return this.capturedScreen.screenshot();
  }

  uiTree(): Promise<UiTree> {
    return this.capturedScreen.uiTree();
  }

  /** Records a permission dialog once, by its words; never answers it. */
  private async lookForPermissionDialog(recorder: CaptureRecorder): Promise<OpenPrompt | undefined> {
    const { root } = await this.screen!.source();
    const dialog = findPermissionDialog(root);
    if (!dialog) return undefined;
    const known = this.prompts.find((open) => open.dialog.text === dialog.text);
    if (known) return known;
    const screenshot = await recorder.snapshot(`System permission dialog: ${dialog.group}`);
    const eventId = recorder.event('permission-prompt', { text: dialog.text, group: dialog.group, buttons: dialog.buttons.map((button) => button.text) });
    const prompt: PermissionPrompt = {
      eventId,
      phase: recorder.phaseOrLaunch,
      at: new Date().toISOString(),
      permission: `android.permission-group.${dialog.group.toUpperCase().replace(/-/g, '_')}`,
      group: dialog.group,
      text: dialog.text,
      buttons: dialog.buttons,
      answer: 'unanswered',
      screenshot,
    };
    recorder.draft.permissionPrompts.push(prompt);
    const open = { prompt, dialog };
    this.prompts.push(open);
    return open;
  }

  async observeLaunch(recorder: CaptureRecorder, seconds: number, signal: AbortSignal): Promise<void> {
    const launchStartedAt = Date.now();
    const replay = this.options.replayLaunchTraffic?.(signal).catch((error: unknown) => {
      recorder.markIncomplete(`The recorded device traffic could not be replayed: ${(error as Error).message}`, ['network', 'identifiers']);
    });
    const deadline = launchStartedAt + seconds * 1000;
    const poll = this.options.pollSeconds ?? 1;
    // Watch only: the launch phase is what a child gets without touching anything.
    do {
      await this.lookForPermissionDialog(recorder);
      await pause(Math.min(poll, Math.max(0, (deadline - Date.now()) / 1000)), signal);
    } while (Date.now() < deadline && !signal.aborted);
    await replay;
    await this.adb?.afterLaunch(recorder, launchStartedAt);
  }

  /** Refuses every system permission dialog still open: the audit never grants a permission. */
  private async denyPermissionDialogs(recorder: CaptureRecorder): Promise<void> {
    for (let round = 0; round < 4; round++) {
      const open = await this.lookForPermissionDialog(recorder);
      if (!open) return;
      if (open.prompt.answer !== 'unanswered') {
        recorder.note(
          this.simulated
            ? 'The simulated device\'s screen model does not change after a tap, so the denied permission dialog stays in its page source.'
            : `The permission dialog "${open.dialog.text}" was still shown after it was denied.`,
        );
        return;
      }
      if (!open.dialog.denyXpath) {
        recorder.note(`The permission dialog "${open.dialog.text}" offers no way to refuse; it was left unanswered.`);
        return;
      }
      await this.screen!.tap(open.dialog.denyXpath);
      open.prompt.answer = 'denied';
      recorder.event('permission-denied', { text: open.dialog.text, promptEventId: open.prompt.eventId });
    }
  }

  async handleConsent(recorder: CaptureRecorder): Promise<void> {
    await this.denyPermissionDialogs(recorder);
    await walkConsent(this.screen!, recorder, isPermissionControllerNode);
  }

  async readSettings(recorder: CaptureRecorder, signal: AbortSignal): Promise<void> {
    await walkSettings(this.screen!, recorder, isPermissionControllerNode, signal);
  }

  async play(recorder: CaptureRecorder, seconds: number, signal: AbortSignal): Promise<void> {
    // No scripted play on Android yet: the game is left running and watched, dialogs still recorded.
    recorder.note('Android play phase: the game was left running without scripted input.');
    const deadline = Date.now() + seconds * 1000;
    while (Date.now() < deadline && !signal.aborted) {
      await this.lookForPermissionDialog(recorder);
      await pause(Math.min(5, Math.max(0, (deadline - Date.now()) / 1000)), signal);
    }
  }

  async collectFinal(recorder: CaptureRecorder): Promise<void> {
    await this.adb?.final(recorder, this.captureStartedAt);
    // Which build was audited: its APKs, hashed into the bundle and inspected (package-capture.ts).
    await capturePackage(recorder, this.requireSession(), this.options.packageName, this.options.packageFile);
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (!session) return;
    if (this.proxySet) {
      // Leave the device as we found it: no proxy (":0" is what Android's own settings write to clear it).
      await session.execute('mobile: shell', { command: 'settings', args: ['put', 'global', 'http_proxy', ':0'] }).catch(() => undefined);
    }
    await session.deleteSession().catch(() => undefined);
  }
}

