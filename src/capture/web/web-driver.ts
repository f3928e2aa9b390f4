// The web capture backend: Debian's Chromium through Playwright, with mobile emulation, a fresh
// browser context (in a browser the run may reuse: browser-pool.ts), the plan's mock location
// (never granted), all traffic through the capture proxy, and init-script hooks that record
// geolocation use. Implements CaptureDriver.
import path from 'node:path';
import { chromium, devices, type BrowserContext, type Page } from 'playwright-core';
import { getDomain } from 'tldts';
import type { DeviceInfo } from '../../evidence/schema.ts';
import { UserError } from '../../errors.ts';
import type { LoadedPlan } from '../../plan/load.ts';
import type { CaptureDriver, UiTree } from '../driver.ts';
import type { CaptureProxy } from '../proxy/types.ts';
import type { CaptureRecorder } from '../recorder.ts';
import { answerAgeGate, recordAgeGate } from './age-gate.ts';
import { AutoconsentWatcher } from './autoconsent-watcher.ts';
import { BrowserPool, type BrowserLease } from './browser-pool.ts';
import { handleConsentDialog } from './consent-handler.ts';
import { GeolocationRecorder, type GeolocationReport } from './geolocation-recorder.ts';
import { geolocationHookScript, pageProbesScript, probe } from './page-probe.ts';
import { readSettings, runStep } from './settings-reader.ts';
import { StorageSnapshots } from './storage-snapshot.ts';
import { abortablePause } from '../abortable-pause.ts';
import { buttonRole } from '../button-role.ts';
import { recordSettingsBehindOpenDialog } from '../settings-behind-open-dialog.ts';
import { handleDrawnConsent, isScreenLocator, readDrawnSettings } from '../drawn-screen.ts';
import { canvasSurface, drawnOnCanvas } from './canvas-surface.ts';
import { visibleNodes } from './visible-nodes.ts';
import { onPrivacyChoice } from '../../screen/finders.ts';
import { readScreen } from '../../screen/screen-model.ts';
import type { ScreenModel } from '../../screen/screen-types.ts';

export interface WebDriverOptions {
  loadedPlan: LoadedPlan;
  proxy: Pick<CaptureProxy, 'host' | 'port' | 'spkiFingerprint'>;
  /**
   * The run's browsers, shared by its web captures. Without one the capture starts (and at close
   * ends) a browser of its own.
   */
  browsers?: BrowserPool;
  /** Lets fault tests see which local browser serves this capture once it has one. */
  onBrowser?: (lease: BrowserLease) => void;
  /** How long the game's URL may take to answer. */
  navigationTimeoutSeconds?: number;
  /**
   * A remote Playwright server (`npx playwright run-server`, a grid of them) instead of the local
   * Chromium; proxyHost is where that machine reaches our proxy.
   */
  remote?: { wsEndpoint: string; proxyHost?: string };
}

export const defaultWebDevice = 'Pixel 7';

/** Cookies in which consent platforms keep the answer (IAB TCF, Google, OneTrust, Didomi, Cookiebot, Usercentrics, Quantcast, CCPA). */
const consentCookie = /^(euconsent(-v2)?|FCCDCF|FCNEC|OptanonConsent|OptanonAlertBoxClosed|didomi_token|CookieConsent|uc_settings|addtl_consent|usprivacy|__cmpconsent.*|_sp_v1_consent|consentUUID)$/i;
/** Hosts the consent platforms record an answer with. */
const consentHost = /(^|\.)(fundingchoicesmessages\.google\.com|onetrust\.com|cookielaw\.org|consensu\.org|privacy-mgmt\.com|didomi\.io|usercentrics\.eu|trustarc\.com|cookiebot\.com|quantcast\.com)$/i;
/** A privacy control the play phase must leave alone even when it is not a consent answer. */
const privacyControlWords = /privacy|cookie|consent|personal data|tracking|your data|partners|vendors/i;
const isConsentAnswer = (text: string): boolean => ['accept', 'decline', 'manage'].includes(buttonRole(text));

/** The Playwright device descriptor for a plan, or a UserError naming a few valid ones. */
export function webDeviceDescriptor(name: string): (typeof devices)[string] {
  const descriptor = devices[name];
  if (!descriptor) {
    const examples = ['Pixel 7', 'Pixel 5', 'Galaxy S9+', 'iPhone 13', 'iPad Mini'].filter((example) => devices[example]);
    throw new UserError(`platforms.web.device: "${name}" is not a Playwright device; use one of ${examples.map((example) => `"${example}"`).join(', ')} (full list: playwright-core devices)`);
  }
  return descriptor;
}


export class WebDriver implements CaptureDriver {
  readonly platform = 'web' as const;
  readonly target: string;
  private context: BrowserContext | undefined;
  /** Chromium starting (launchBrowser), possibly before open(). */
  private launching: Promise<BrowserContext> | undefined;
  private page: Page | undefined;
  private lease: BrowserLease | undefined;
  /** A browser pool of this capture's own, when the run gave none (ended at close). */
  private ownBrowsers: BrowserPool | undefined;
  private geolocation: GeolocationRecorder | undefined;
  private storage: StorageSnapshots | undefined;
  private readonly autoconsent = new AutoconsentWatcher();
  private readonly firstPartyDomains: string[];
  private readonly deviceName: string;
  /** Set by close(): a context that closes before that was crashed or killed. */
  private closing = false;

  constructor(private readonly options: WebDriverOptions) {
    const web = options.loadedPlan.plan.platforms.web;
    if (!web) throw new UserError(`${options.loadedPlan.file}: platforms.web is missing; add platforms.web.url to audit the web version`);
    this.target = web.url;
    this.deviceName = web.device || defaultWebDevice;
    webDeviceDescriptor(this.deviceName);
    const gameDomain = getDomain(new URL(web.url).hostname);
    this.firstPartyDomains = [...new Set([...options.loadedPlan.plan.firstPartyDomains, ...(gameDomain ? [gameDomain] : [])])];
  }

  private get livePage(): Page {
    if (!this.page || this.page.isClosed()) throw new Error('the browser page is gone (the browser closed or crashed)');
    return this.page;
  }

  /** A window a drawn link opened, while it is recorded: snapshots show it instead of the game. */
  private shownInstead: Page | undefined;

  /**
   * Makes the capture's browser context ready without opening the game, so starting a browser
   * (when the run has no idle one) overlaps the proxy's start-up: it needs only the proxy's port
   * and CA fingerprint. open() waits for it; a failure surfaces there, as a game that could not
   * be opened.
   */
  launchBrowser(): void {
    if (this.launching) return;
    this.launching = this.startBrowser();
    // Held for open() (or close()); not an unhandled rejection meanwhile.
    this.launching.catch(() => undefined);
  }

  private contextOptions() {
    const { defaultBrowserType: _browserType, ...emulation } = webDeviceDescriptor(this.deviceName);
    return {
      ...emulation,
      // The mock location is set, but not granted: a child's browser would ask first.
      geolocation: this.options.loadedPlan.plan.location,
      permissions: [],
      locale: 'en-GB',
      timezoneId: 'Europe/London',
    };
  }

  /**
   * A fresh context on a remote Playwright server. We cannot choose its launch flags, so its
   * traffic goes through our proxy by context option and our CA is accepted by ignoring
   * certificate errors in this context only; whether it blocks third-party cookies is the
   * server's profile's choice (the evidence says so).
   */
  private async connectRemote(remote: NonNullable<WebDriverOptions['remote']>): Promise<BrowserContext> {
    const { proxy } = this.options;
    const browser = await chromium.connect(remote.wsEndpoint, { timeout: 30_000 });
    try {
      return await browser.newContext({
        ...this.contextOptions(),
        proxy: { server: `http://${remote.proxyHost ?? proxy.host}:${proxy.port}` },
        ignoreHTTPSErrors: true,
      });
    } catch (error) {
      await browser.close().catch(() => undefined);
      throw error;
    }
  }

  /**
   * A new context in a local browser: nothing in it from any earlier capture, its traffic through
   * this capture's proxy (the browser accepts that proxy's CA by its fingerprint). Playwright's
   * per-context proxy carries loopback addresses too, so a game served from this machine (the
   * demo) is recorded like any other.
   */
  private async startBrowser(): Promise<BrowserContext> {
    const { proxy } = this.options;
    if (this.options.remote) return this.connectRemote(this.options.remote);
    const browsers = this.options.browsers ?? (this.ownBrowsers = new BrowserPool());
    this.lease = await browsers.acquire(proxy.spkiFingerprint);
    this.options.onBrowser?.(this.lease);
    const proxyHost = proxy.host === '0.0.0.0' || proxy.host === '::' ? '127.0.0.1' : proxy.host;
    return this.lease.browser.newContext({ ...this.contextOptions(), proxy: { server: `http://${proxyHost}:${proxy.port}` } });
  }

  async open(recorder: CaptureRecorder): Promise<DeviceInfo> {
    const descriptor = webDeviceDescriptor(this.deviceName);
    this.launchBrowser();
    this.context = await this.launching!;
    this.geolocation = new GeolocationRecorder(recorder);
    const geolocation = this.geolocation;
    await this.context.exposeBinding('__gameauditGeolocation', (source, report: GeolocationReport) => {
      geolocation.handle(source.frame.url(), report);
    });
    await this.autoconsent.install(this.context);
    await this.context.addInitScript({ content: pageProbesScript });
    await this.context.addInitScript({ content: geolocationHookScript });
    const storage = new StorageSnapshots(this.context, this.firstPartyDomains);
    this.storage = storage;
    this.context.on('page', (opened) => storage.watch(opened));
    this.page = this.context.pages()[0] ?? (await this.context.newPage());
    const page = this.page;
    storage.watch(page);
    page.on('framenavigated', (frame) => this.autoconsent.inject(frame));
    // Once the browser is gone the game sends nothing more, so the traffic (and the identifiers
    // searched for in it) is partial too: a check must not read the silence as an all-clear.
    page.on('crash', () => recorder.markIncomplete('The browser tab crashed.', ['network', 'identifiers', 'screenshots', 'settings', 'consent']));
    this.context.on('close', () => {
      recorder.event('browser-closed');
      if (!this.closing) {
        recorder.markIncomplete('The browser closed unexpectedly (it crashed or was killed); nothing after that was observed.', ['network', 'identifiers', 'screenshots']);
      }
    });

    const timeout = (this.options.navigationTimeoutSeconds ?? 30) * 1000;
    try {
      await page.goto(this.target, { waitUntil: 'domcontentloaded', timeout });
    } catch (error) {
      throw new Error(`the game's URL ${this.target} did not answer: ${(error as Error).message.split('\n')[0]}`);
    }
    recorder.event('page-opened', { url: page.url() });
    // A browser has no adb: what the game asked the operating system for is not seen.
    recorder.notCollected('app-ops', 'A browser capture has no Android app-ops; location use is recorded from the page\'s own geolocation calls.');
    recorder.notCollected('location-history', 'A browser capture has no system location history (dumpsys location); location use is recorded from the page\'s own geolocation calls.');
    if (this.options.remote) {
      recorder.note(`The browser ran on a remote Playwright server; its profile decided whether third-party cookies were allowed, and certificate errors were ignored in this capture's context so our proxy could read the traffic.`);
    }
    return {
      kind: 'emulated-browser',
      name: this.deviceName,
      browserVersion: this.context.browser()?.version(),
      // A remote server's executable is not ours to know.
      ...(this.lease ? { browserBuild: path.basename(this.lease.executable) } : {}),
      userAgent: descriptor.userAgent,
      viewport: descriptor.viewport,
    };
  }

  async screenshot(): Promise<Uint8Array> {
    return (this.shownInstead ?? this.livePage).screenshot({ type: 'png', timeout: 15_000 });
  }

  async uiTree(): Promise<UiTree> {
    const page = this.shownInstead ?? this.livePage;
    return { text: await page.content(), extension: 'html', nodes: await visibleNodes(page) };
  }

  async observeLaunch(recorder: CaptureRecorder, seconds: number, signal: AbortSignal): Promise<void> {
    const page = this.livePage;
    await page.waitForLoadState('load', { timeout: seconds * 1000 + 10_000 }).catch(() => undefined);
    await abortablePause(seconds * 1000, signal);
    await recordAgeGate(page, recorder);
    await this.geolocation?.settle();
    await this.storage!.take(recorder);
  }

  async handleConsent(recorder: CaptureRecorder, signal: AbortSignal): Promise<void> {
    const page = this.livePage;
    // A neutral age screen comes before the privacy choices in games that ask; answer it as a child.
    const ageSteps = recorder.plan.ageGate?.steps;
    if (ageSteps) for (const step of ageSteps) await runStep(page, step, recorder);
    else await answerAgeGate(page, recorder);
    if (!recorder.draft.ageGate) recorder.draft.ageGate = { present: false };
    // A game drawn on one canvas has no dialog in its DOM: its consent dialog is read from pixels.
    if (await drawnOnCanvas(page)) {
      const drawn = await handleDrawnConsent(canvasSurface(page, (shown) => { this.shownInstead = shown; }), recorder);
      if (drawn !== 'found') recorder.event('consent-dialog-not-found');
      if (drawn === 'none') recorder.note('No privacy or consent dialog was read on the screen in the consent phase (the game is drawn on a canvas; OCR and the pixel readers looked).');
      if (drawn === 'unreadable') recorder.notCollected('consent-dialog', 'The game is drawn on a canvas and its screenshot could not be read, so no consent dialog could be looked for.');
    } else await handleConsentDialog(page, recorder, this.autoconsent, signal);
    await this.geolocation?.settle();
    await this.storage!.take(recorder);
  }

  async readSettings(recorder: CaptureRecorder, _signal: AbortSignal): Promise<void> {
    // A consent dialog the consent phase could not close covers the game: its purpose switches
    // are consent choices, not settings, and must never be read as the game's defaults.
    if (recorder.draft.consentDialogs.some((dialog) => dialog.closed === false)) {
      await recordSettingsBehindOpenDialog(recorder);
      await this.storage!.take(recorder);
      return;
    }
    const recipe = recorder.plan.settings;
    const recipeReadsScreen = Boolean(recipe && [...recipe.open.flatMap((step) => (step.action === 'tap' ? [step.target] : [])), ...recipe.controls.map((control) => control.target)].some(isScreenLocator));
    if (recipeReadsScreen || (await drawnOnCanvas(this.livePage))) {
      await readDrawnSettings(canvasSurface(this.livePage), recorder);
      await this.storage!.take(recorder);
      return;
    }
    await readSettings(this.livePage, recorder);
    // Back to the game, so play starts where a child would be.
    await this.livePage.keyboard.press('Escape').catch(() => undefined);
    const close = this.livePage.getByRole('button', { name: /back to the game|close|done/i }).first();
    if (await close.isVisible().catch(() => false)) await close.click({ timeout: 3000 }).catch(() => undefined);
    await this.storage!.take(recorder);
  }

  /**
   * Simple play: taps around the game area, never on a dialog nor on a control the classifier
   * reads as a consent answer or a privacy control, for the given time. A tap can still land on
   * a consent button drawn on a canvas: after each one the consent state is compared, and a
   * change is recorded (consent-changed-by-tool) so that what follows is never taken for the
   * game's default.
   */
  async play(recorder: CaptureRecorder, seconds: number, signal: AbortSignal): Promise<void> {
    const page = this.livePage;
    const deadline = Date.now() + seconds * 1000;
    let taps = 0;
    let skipped = 0;
    const consentRequests: string[] = [];
    const onRequest = (request: { url(): string }): void => {
      const url = request.url();
      if (consentHost.test(new URL(url).hostname)) consentRequests.push(url);
    };
    page.on('request', onRequest);
    let consentBefore = await this.consentState();
    let changedByTool = false;
    // On a canvas the DOM cannot say what a tap would press: the screen as read does. Read once,
    // at the start and within the play window, so play never presses a drawn "Accept all".
    const drawnPage = await drawnOnCanvas(page);
    const drawn = drawnPage ? await this.readPlayScreen(deadline) : undefined;
    // Unread, a drawn screen might be showing a consent button anywhere: no tap is safe.
    if (drawnPage && !drawn) recorder.note('The play screen is drawn on a canvas and could not be read within the play window, so play tapped nothing.');
    const scale = drawn && page.viewportSize() ? drawn.width / page.viewportSize()!.width : 1;
    try {
      while (Date.now() < deadline && !signal.aborted) {
        const area = await probe(page, 'playArea');
        const blocked = await probe(page, 'blockingOverlay');
        if (area && !blocked && !(drawnPage && !drawn)) {
          const x = area.x + area.width * (0.2 + 0.6 * ((taps * 37) % 100) / 100);
          const y = area.y + area.height * (0.3 + 0.5 * ((taps * 61) % 100) / 100);
          taps += 1;
          const under = (await page.evaluate(`(() => { const element = document.elementFromPoint(${x}, ${y}); const control = element && element.closest('button, a, [role=button], [role=link], input, label'); return control ? (control.innerText || control.value || control.getAttribute('aria-label') || '').trim().slice(0, 200) : ''; })()`).catch(() => '')) as string;
          const drawnChoice = drawn && onPrivacyChoice(drawn, { x: x * scale, y: y * scale });
          if ((under && (isConsentAnswer(under) || privacyControlWords.test(under))) || drawnChoice) {
            skipped += 1;
          } else {
            consentRequests.length = 0;
            const tappedAt = Date.now();
            await page.mouse.click(x, y).catch(() => undefined);
            await abortablePause(250, signal);
            const consentAfter = await this.consentState();
            if (!changedByTool && (consentAfter !== consentBefore || consentRequests.length > 0)) {
              changedByTool = true;
              recorder.toolConsentAt ??= tappedAt;
              const at = new Date(tappedAt).toISOString();
              recorder.event('consent-changed-by-tool', { at, tap: { x: Math.round(x), y: Math.round(y) }, consentCookiesBefore: consentBefore, consentCookiesAfter: consentAfter, consentRequests: consentRequests.slice(0, 10) });
              recorder.note(`A play tap at (${Math.round(x)}, ${Math.round(y)}) was followed by a consent change (${consentAfter !== consentBefore ? 'consent cookies changed' : 'a request to a consent platform'}) at ${at}; the tool may have answered consent for the child there, so traffic after it is not the game's default.`);
            }
            consentBefore = consentAfter;
          }
        }
        // Never past the play window: the last pause ends with it.
        await abortablePause(Math.min(300, Math.max(0, deadline - Date.now())), signal);
      }
    } finally {
      page.off('request', onRequest);
    }
    recorder.event('play', { seconds, taps, skippedConsentControls: skipped, consentChangedByTool: changedByTool });
    await this.storage!.take(recorder);
  }

  /** The play screen as read from its pixels, or undefined when reading it would outlast the play window. */
  private async readPlayScreen(deadline: number): Promise<ScreenModel | undefined> {
    const png = await this.livePage.screenshot({ type: 'png', timeout: 5000 }).catch(() => undefined);
    if (!png) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), Math.max(0, deadline - Date.now())); });
    const nodes = await visibleNodes(this.livePage);
    return Promise.race([readScreen(png, nodes).catch(() => undefined), late]).finally(() => clearTimeout(timer));
  }

  /** The names and values of the consent platforms' cookies, as one comparable string. */
  private async consentState(): Promise<string> {
    const cookies = await this.context!.cookies().catch(() => []);
    return cookies
      .filter((cookie) => consentCookie.test(cookie.name))
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .sort()
      .join('; ');
  }

  async collectFinal(recorder: CaptureRecorder): Promise<void> {
    const page = this.livePage;
    await this.geolocation?.settle();
    const state = (await page.evaluate("(window.__gameauditSilence = true, navigator.permissions.query({ name: 'geolocation' }).then((status) => { window.__gameauditSilence = false; return status.state; }))").catch(() => 'unknown')) as string;
    const permissionState = state === 'granted' || state === 'denied' || state === 'prompt' ? state : 'unknown';
    recorder.draft.geolocation.permissionState = permissionState;
    recorder.draft.permissions.push({
      name: 'geolocation',
      group: 'location',
      requested: recorder.draft.geolocation.calls.some((call) => call.api !== 'permissions.query'),
      runtime: true,
      granted: permissionState === 'unknown' ? null : permissionState === 'granted',
      source: 'permissions API (navigator.permissions.query) at the end of the capture',
    });
    if (!recorder.draft.storage.some((snapshot) => snapshot.phase === recorder.phaseOrLaunch)) {
      await this.storage!.take(recorder);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    try {
      // A browser still starting (its proxy failed, or open() never ran) is closed once it is up.
      const context = this.context ?? (await this.launching?.catch(() => undefined));
      const browser = context?.browser();
      await context?.close();
      // A connected remote browser is only disconnected by close(); the server keeps running.
      if (this.options.remote) await browser?.close();
    } catch {
      // Closing a crashed browser can fail; the lease below still lets it go.
    } finally {
      this.context = undefined;
      this.launching = undefined;
      this.page = undefined;
      await this.lease?.release();
      this.lease = undefined;
      await this.ownBrowsers?.dispose();
      this.ownBrowsers = undefined;
    }
  }
}
