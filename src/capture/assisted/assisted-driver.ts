// A capture driven by an investigator's hands (run --assisted). It is an ordinary CaptureDriver, so
// the session writes the same bundle as any capture (phases, network.har, events, screenshots,
// evidence.json, manifest) and scoring, checks, diff and reports work on it unchanged. Where there
// is an Appium session, the automatic driver still opens the game fresh, watches the launch,
// reads the page sources and the device's records; the investigator does every tap. Without
// Appium, the investigator also opens the game, and the tool records the traffic and what the
// phone's own screenshot tool shows.
import type { DeviceInfo, NotCollectedItem } from '../../evidence/schema.ts';
import type { Phase, Platform } from '../../plan/schema.ts';
import { pause } from '../appium/mobile-screen.ts';
import { notCollectedOnMobile, recordMobileNotCollected } from '../appium/mobile-not-collected.ts';
import { recordControls } from '../appium/settings-walk.ts';
import type { CaptureDriver } from '../driver.ts';
import type { CaptureRecorder } from '../recorder.ts';
import { AssistedSession, type AssistedScreen, type AssistedSessionOptions } from './assisted-session.ts';
import type { ScreenToRead } from './reading-proposer.ts';
import type { ScreenshotSource } from './screenshot-source.ts';

export interface AssistedDriverOptions extends Omit<AssistedSessionOptions, 'screen'> {
  platform: Exclude<Platform, 'web'>;
  target: string;
  /** The Appium capture, when there is a session; undefined: the phone was prepared by hand. */
  automated?: CaptureDriver;
  screenshots: ScreenshotSource;
  /** What the device is, when there is no Appium session to ask. */
  device: DeviceInfo;
}

/** What an assisted capture without Appium cannot see, in the words the report uses. */
const notSeenWithoutAppium: Partial<Record<NotCollectedItem, string>> = {
  'permission-prompts':
    'This assisted capture had no Appium session, so the system permission dialogs were not read; the investigator\'s marks and the screenshots show what was on screen.',
  permissions: 'This assisted capture had no Appium session, so the permissions the game declares (dumpsys package) were not read.',
  'app-ops': 'This assisted capture had no Appium session, so the app operations the game used (app-ops) were not read.',
  'location-history': "This assisted capture had no Appium session, so the system's record of the game's location requests was not read.",
  'location-requests': "This assisted capture had no Appium session, so the game's own requests for the location were not recorded.",
};

const consentByHand =
  'In this assisted capture the investigator answered the consent dialog by hand; the tool tapped nothing and did not read the dialog, so its buttons and the steps to decline were not recorded. The screenshots and the investigator\'s marks show it.';

export class AssistedDriver implements CaptureDriver {
  readonly platform: Exclude<Platform, 'web'>;
  readonly target: string;
  readonly handDriven = true;
  private readonly session: AssistedSession;
  /** The PNG just taken to see whether the screen changed, saved as it is rather than taken again. */
  private pendingPng: Uint8Array | undefined;
  private lastPng: Uint8Array | undefined;
  private lastTree: ScreenToRead['uiTree'];
  private recorder: CaptureRecorder | undefined;
  private peekFailure: string | undefined;

  constructor(private readonly options: AssistedDriverOptions) {
    this.platform = options.platform;
    this.target = options.target;
    this.session = new AssistedSession({ ...options, screen: this.screen() });
  }

  private screen(): AssistedScreen {
    const source = this.options.screenshots;
    return {
      canTakeScreenshots: source.name !== 'none',
      screenshotSource: source.description,
      peek: async () => {
        try {
          const png = await source.take();
          this.peekFailure = undefined;
          return png;
        } catch (error) {
          // Said once, not every poll: an unplugged or locked phone should be noticed, not flood the view.
          const message = (error as Error).message;
          if (message !== this.peekFailure) this.session.say(`The screen could not be looked at: ${message}`);
          this.peekFailure = message;
          return undefined;
        }
      },
      capture: async (recorder, caption, png) => {
        this.pendingPng = png;
        this.lastPng = undefined;
        this.lastTree = undefined;
        const file = await recorder.snapshot(caption);
        return { ...(file ? { file } : {}), ...(this.lastPng ? { png: this.lastPng } : {}), ...(this.lastTree ? { uiTree: this.lastTree } : {}) };
      },
    };
  }

  async open(recorder: CaptureRecorder): Promise<DeviceInfo> {
    this.recorder = recorder;
    const { automated, screenshots, operator } = this.options;
    if (automated) this.session.say('Opening the game fresh through Appium: do not touch the phone yet.');
    const device = automated ? await automated.open(recorder) : this.options.device;
    const observations = this.session.recordedObservations();
    recorder.draft.assisted = { operator, screenshotSource: screenshots.name, automatic: [], investigator: [], observations };
    recorder.note(
      `Assisted capture: the investigator ${operator} played the game by hand and moved between the phases; ` +
        `${automated ? 'the tool opened the game through Appium, watched the launch and read the screens it was shown, and tapped nothing after that' : 'there was no Appium session, so the investigator opened the game and the tool recorded its traffic'}. ` +
        'Readings marked "read by the investigator" are the investigator\'s.',
    );
    if (screenshots.name === 'none') {
      // Not a fault: this capture path has no way to take them, and says so.
      recorder.setSnapshotTaker(async () => undefined);
      recorder.notCollected('screenshots', 'This assisted capture had no screenshot source (no Appium session, and neither adb nor idevicescreenshot was found), so no screenshots were taken.');
    }
    if (!automated) {
      recordMobileNotCollected(recorder, this.platform);
      for (const [item, reason] of Object.entries(notSeenWithoutAppium)) recorder.notCollected(item as NotCollectedItem, reason);
      recorder.note('No Appium session: the app was not reinstalled or cleared by the tool; the investigator started it. Its traffic went through the capture proxy the phone was pointed at.');
    }
    return device;
  }

  async screenshot(): Promise<Uint8Array> {
    const png = this.pendingPng ?? (await this.options.screenshots.take());
    this.pendingPng = undefined;
    this.lastPng = png;
    return png;
  }

  async uiTree(): Promise<{ text: string; extension: 'html' | 'xml' }> {
    if (!this.options.automated) throw new Error('there is no UI tree without an Appium session');
    const tree = await this.options.automated.uiTree();
    this.lastTree = tree;
    return tree;
  }

  async observeLaunch(recorder: CaptureRecorder, seconds: number, signal: AbortSignal): Promise<void> {
    const { automated } = this.options;
    const work = automated ? automated.observeLaunch(recorder, seconds, signal) : pause(seconds, signal);
    const untouched = `not touch the game for ${seconds} s: what happens now is what a child gets by default. The tool is watching.`;
    await this.session.runPhase('launch', recorder, signal, {
      // Without Appium the tool cannot start the game: the investigator does, as the window opens.
      whatToDo: automated ? `Do ${untouched}` : `Start the game on the phone now (freshly installed, or its data cleared), then do ${untouched}`,
      work,
      whenDone: 'The launch has been watched. Press n to go on to the consent phase.',
    });
    await work;
  }

  async handleConsent(recorder: CaptureRecorder, signal: AbortSignal): Promise<void> {
    recorder.notCollected('consent-dialog', consentByHand);
    recorder.notCollected('steps-to-accept', notCollectedOnMobile['steps-to-accept']);
    await this.session.runPhase('consent', recorder, signal);
  }

  async readSettings(recorder: CaptureRecorder, signal: AbortSignal): Promise<void> {
    recorder.notCollected('privacy-links', notCollectedOnMobile['privacy-links']);
    recorder.notCollected('parental-controls', notCollectedOnMobile['parental-controls']);
    try {
      await this.session.runPhase('settings', recorder, signal);
    } finally {
      // Readings already answered are the investigator's observations, kept however the phase ended.
      const readings = this.session.settingsReadings;
      // The screen the first reading was made on shows the settings; the last screenshot may be of anything.
      const firstReading = this.session.recordedObservations().find((observation) => observation.kind === 'reading' && observation.screenshot);
      const screenshot = firstReading?.screenshot ?? this.session.lastScreenshot;
      if (readings.length === 0) {
        const note = 'In this assisted capture the investigator recorded no settings controls, so no settings were read.';
        recorder.notCollected('settings', note);
        recorder.draft.settings = { source: 'investigator', readable: false, note, ...(screenshot ? { screenshot } : {}), controls: [], parentalControls: [], privacyLinks: [] };
      } else {
        recorder.draft.settings = {
          source: 'investigator',
          readable: true,
          note: 'Opened by the investigator, who is asked to read the controls without changing them; each reading was confirmed, corrected or added by the investigator.',
          ...(screenshot ? { screenshot } : {}),
          controls: recordControls(recorder, [...readings]),
          parentalControls: [],
          privacyLinks: [],
        };
      }
    }
  }

  async play(recorder: CaptureRecorder, _seconds: number, signal: AbortSignal): Promise<void> {
    await this.session.runPhase('play', recorder, signal);
  }

  async collectFinal(recorder: CaptureRecorder): Promise<void> {
    await this.options.automated?.collectFinal(recorder);
  }

  phaseSkipReason(phase: Phase): string | undefined {
    const finishedAt = this.session.finishedAt;
    return finishedAt ? `The investigator finished the session in the ${finishedAt} phase (q), before the ${phase} phase.` : undefined;
  }

  /** Which parts of the bundle were the tool's and which the investigator's, in words for the report. */
  private describeParts(recorder: CaptureRecorder): void {
    const assisted = recorder.draft.assisted;
    if (!assisted) return;
    const { automated, screenshots } = this.options;
    const observations = assisted.observations ?? [];
    const count = (answer: string): number => observations.filter((observation) => observation.reading?.answer === answer).length;
    assisted.automatic = [
      'Every request the game sent, recorded by the capture proxy, each with the phase the investigator was in.',
      automated
        ? 'Opening the game fresh and watching the launch without touching it (system permission dialogs recorded, never answered).'
        : 'Timing the launch window (without Appium the system permission dialogs could not be seen).',
      ...(screenshots.name === 'none' ? [] : [`A screenshot each time the screen changed, taken with ${screenshots.description}.`]),
      ...(automated ? ["Reading each settings screen's page source and proposing each control found to the investigator."] : []),
      ...(automated && this.platform === 'android' ? ["Reading the device's records over adb at the end (permissions, app-ops, location)."] : []),
    ];
    const phasesRun = recorder.draft.phases.filter((phase) => phase.status !== 'skipped').map((phase) => phase.name);
    assisted.investigator = [
      ...(automated ? [] : ["Starting the game, with the phone's proxy pointed at the capture (gameaudit device prepare, or the Wi-Fi proxy)."]),
      `Playing the game by hand in the ${phasesRun.join(', ') || 'no'} phase(s): every tap, and moving from one phase to the next.`,
      ...(phasesRun.includes('consent') ? ['Answering the consent dialog.'] : []),
      `Settings readings: ${count('confirmed')} confirmed, ${count('edited')} corrected, ${count('added')} added by the investigator.`,
      `${observations.filter((observation) => observation.kind === 'mark').length} marked moment(s) with a note.`,
    ];
  }

  /** Called however the capture ended (the session writes evidence.json after it). */
  async close(): Promise<void> {
    if (this.recorder) this.describeParts(this.recorder);
    this.options.keys.close();
    await this.options.automated?.close();
  }
}
