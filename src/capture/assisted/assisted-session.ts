// The investigator's side of an assisted capture, one phase at a time: single keys (n next phase,
// s screenshot, m mark with a note, q finish; in settings a to add a control), a screenshot
// whenever the screen changes, and in the settings phase each control the tool read put to the
// investigator (Enter right, e edit the value, x wrong). Every answer becomes an observation
// attributed to the investigator, with the time, the phase and the screenshot it was made on.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { OperatorObservation, SettingControl } from '../../evidence/schema.ts';
import type { Phase } from '../../plan/schema.ts';
import { valueAsOnOff } from '../../check-kit/privacy-control-classifier.ts';
import { abortablePause } from '../abortable-pause.ts';
import type { CaptureRecorder } from '../recorder.ts';
import { cropControl } from './control-crop.ts';
import type { OperatorKey, OperatorKeys } from './operator-keys.ts';
import type { Proposal, ReadingProposer, ScreenToRead } from './reading-proposer.ts';
import { screenChanged, screenSignature, type ScreenSignature } from './screen-change.ts';
import type { AssistedDisplay } from './terminal-view.ts';

/** What the driver gives the session to look at the phone with. */
export interface AssistedScreen {
  /** Whether screenshots can be taken at all. */
  readonly canTakeScreenshots: boolean;
  readonly screenshotSource: string;
  /** A PNG of the screen now, not saved (to see whether it changed); undefined when it could not be taken. */
  peek(): Promise<Uint8Array | undefined>;
  /** Saves a screenshot (and the UI tree beside it, when there is one) into the bundle. */
  capture(recorder: CaptureRecorder, caption: string, png?: Uint8Array): Promise<{ file?: string } & ScreenToRead>;
}

export interface AssistedSessionOptions {
  keys: OperatorKeys;
  view: AssistedDisplay;
  screen: AssistedScreen;
  proposer: ReadingProposer;
  /** Requests so far and the companies they went to, for the view. */
  traffic: () => { requests: number; companies: string[] };
  title: string;
  operator: string;
  /** How often the screen is looked at for a change. */
  pollMilliseconds?: number;
  /** First lines for the investigator: where the proxy listens, what takes the screenshots. */
  intro?: readonly string[];
}

/** What the phase asks of the tool while the investigator plays: the launch phase's watch, say. */
export interface AutomaticPart {
  whatToDo: string;
  work: Promise<void>;
  whenDone: string;
}

const whatToDoByPhase: Record<Phase, string> = {
  launch: 'Do not touch the game: what happens now is what a child gets by default.',
  consent:
    'Answer the first privacy or consent dialog as a child who wants the most privacy would (Reject, Manage options, Decline). Press m to mark what you see. Press n when done.',
  settings:
    "Open the game's settings and show each privacy screen. Answer each reading the tool proposes; press a to add a control it could not read. Press n when done.",
  play: 'Play as a child would. Press m to mark anything worth noting. Press n or q to finish.',
};

const nextPhaseWords: Record<Phase, string> = { launch: 'consent', consent: 'settings', settings: 'play', play: 'finish' };

type Answer = { kind: 'confirmed' | 'edited'; value: boolean | string } | { kind: 'rejected' };

export class AssistedSession {
  /** Set when the investigator pressed q: the phases after this one are not run. */
  finishedAt: Phase | undefined;
  private readonly observations: OperatorObservation[] = [];
  private readonly readings: SettingControl[] = [];
  private readonly asked = new Set<string>();
  private readonly messages: string[] = [];
  private screenshots = 0;
  private question: string[] = [];
  private phaseName = 'opening';
  private whatToDo = '';
  /** The keys of a question being asked; undefined: the phase's own keys. */
  private questionKeys: string | undefined;
  private currentPhase: Phase | undefined;
  private automaticDone = true;
  private crops = 0;
  private lastScreen: ScreenSignature | undefined;
  private lastScreenshotFile: string | undefined;
  /** Screenshots are taken one at a time: the change watcher and the keys share the phone. */
  private screenQueue: Promise<unknown> = Promise.resolve();
  /** Readings found on the screens shown, waiting for the investigator's answer. */
  private readonly pending: (Proposal & { screenshot?: string })[] = [];
  /** Wakes the key loop when readings arrive. */
  private wake: (() => void) | undefined;

  constructor(private readonly options: AssistedSessionOptions) {
    this.messages.push(...(options.intro ?? []));
  }

  /** The readings of the settings phase, as the investigator answered them. */
  get settingsReadings(): readonly SettingControl[] {
    return this.readings;
  }

  get lastScreenshot(): string | undefined {
    return this.lastScreenshotFile;
  }

  recordedObservations(): OperatorObservation[] {
    return this.observations;
  }

  say(message: string): void {
    this.messages.push(message);
    this.draw();
  }

  /**
   * Runs one phase until the investigator presses n or q, or the capture is interrupted. The
   * automatic part (the launch phase's watch) runs first, and only then do n and q end the phase.
   */
  async runPhase(phase: Phase, recorder: CaptureRecorder, signal: AbortSignal, automatic?: AutomaticPart): Promise<void> {
    this.phaseName = phase;
    this.currentPhase = phase;
    this.whatToDo = automatic?.whatToDo ?? whatToDoByPhase[phase];
    const phaseOver = new AbortController();
    const stop = (): void => phaseOver.abort();
    signal.addEventListener('abort', stop, { once: true });
    const watcher = this.watchScreen(phase, recorder, phaseOver.signal);
    const redraw = setInterval(() => this.draw(), 1000);
    this.automaticDone = automatic === undefined;
    automatic?.work.then(
      () => {
        this.automaticDone = true;
        this.whatToDo = automatic.whenDone;
        this.draw();
      },
      () => {
        this.automaticDone = true;
      },
    );
    try {
      while (!signal.aborted) {
        this.questionKeys = undefined;
        this.question = [];
        const proposal = this.pending.shift();
        if (proposal) {
          await this.ask(proposal, recorder, signal);
          continue;
        }
        this.draw();
        // Readings found on a new screen wake the loop, so they are asked at once.
        const woken = new AbortController();
        this.wake = () => woken.abort();
        const key = await this.options.keys.nextKey(AbortSignal.any([signal, woken.signal]));
        this.wake = undefined;
        if (!key) {
          if (signal.aborted) return;
          continue;
        }
        if (key.name !== 'char') continue;
        if ((key.char === 'n' || key.char === 'q') && !this.automaticDone) {
          this.say('The tool is still watching the launch: please wait a moment, without touching the game.');
          continue;
        }
        if (key.char === 'n') return;
        if (key.char === 'q') {
          this.finishedAt = phase;
          return;
        }
        if (key.char === 's') await this.screenshotNow(recorder, 'Taken by the investigator');
        else if (key.char === 'm') await this.mark(recorder, signal);
        else if (key.char === 'a' && phase === 'settings') await this.addReading(recorder, signal);
      }
    } finally {
      clearInterval(redraw);
      signal.removeEventListener('abort', stop);
      phaseOver.abort();
      await watcher;
      await this.screenQueue;
      // Readings of a screen shown as the phase ended were never put to the investigator: not recorded, but not hidden.
      for (const proposal of this.pending.splice(0)) {
        recorder.event('proposal-unanswered', { label: proposal.label, value: proposal.value, source: proposal.source, screenshot: proposal.screenshot });
      }
    }
  }

  private phaseKeys(phase: Phase, automaticDone: boolean): string {
    const common = 's screenshot now · m mark this moment (a note, then Enter)';
    if (!automaticDone) return `${common} · (n and q once the launch watch is over) · Ctrl-C stop, keeping what was captured`;
    return `n ${nextPhaseWords[phase] === 'finish' ? 'finish' : `next phase (${nextPhaseWords[phase]})`} · ${common}${phase === 'settings' ? ' · a add a control the tool could not read' : ''} · q finish · Ctrl-C stop, keeping what was captured`;
  }

  private draw(): void {
    const traffic = this.options.traffic();
    this.options.view.draw({
      title: this.options.title,
      phase: this.phaseName,
      whatToDo: this.whatToDo,
      requests: traffic.requests,
      companies: traffic.companies,
      screenshots: this.screenshots,
      screenshotSource: this.options.screen.screenshotSource,
      question: this.question,
      keys: this.questionKeys ?? (this.currentPhase ? this.phaseKeys(this.currentPhase, this.automaticDone) : ''),
      messages: this.messages,
    });
  }

  private serialise<T>(work: () => Promise<T>): Promise<T> {
    const next = this.screenQueue.then(work, work);
    this.screenQueue = next.catch(() => undefined);
    return next;
  }

  /** Saves what the phone shows now; in the settings phase, queues what the tool read on it. */
  private takeScreenshot(phase: Phase, recorder: CaptureRecorder, caption: string, png?: Uint8Array): Promise<string | undefined> {
    return this.serialise(async () => {
      const shown = await this.options.screen.capture(recorder, caption, png);
      if (!shown.file) return undefined;
      this.screenshots += 1;
      this.lastScreenshotFile = shown.file;
      if (shown.png) this.lastScreen = screenSignature(shown.png);
      if (phase === 'settings') await this.queueProposals(shown, shown.file);
      return shown.file;
    });
  }

  private async watchScreen(phase: Phase, recorder: CaptureRecorder, signal: AbortSignal): Promise<void> {
    if (!this.options.screen.canTakeScreenshots) return;
    const interval = this.options.pollMilliseconds ?? 1500;
    while (!signal.aborted) {
      const png = await this.serialise(() => this.options.screen.peek());
      if (png && !signal.aborted) {
        let changed = false;
        try {
          changed = screenChanged(this.lastScreen, screenSignature(png));
        } catch {
          // Not a PNG we can decode: keep it, since it may still show something.
          changed = true;
        }
        if (changed) {
          const file = await this.takeScreenshot(phase, recorder, `Screen changed (${phase})`, png);
          if (file) this.say(`The screen changed: ${file}`);
        }
      }
      await abortablePause(interval, signal);
    }
  }

  private async queueProposals(screen: ScreenToRead, screenshot: string): Promise<void> {
    let proposals: Proposal[];
    try {
      proposals = await this.options.proposer.proposeReadings(screen);
    } catch (error) {
      this.say(`The tool could not read this screen: ${(error as Error).message}`);
      return;
    }
    for (const proposal of proposals) {
      const key = `${proposal.locator ?? ''}|${proposal.label.toLowerCase()}|${proposal.kind}`;
      if (this.asked.has(key)) continue;
      this.asked.add(key);
      this.pending.push({ ...proposal, screenshot });
    }
    if (this.pending.length > 0) this.wake?.();
  }

  private async screenshotNow(recorder: CaptureRecorder, caption: string): Promise<string | undefined> {
    if (!this.options.screen.canTakeScreenshots) {
      this.say(`No screenshot source: ${this.options.screen.screenshotSource}. Marks and readings still record, without a screenshot.`);
      return undefined;
    }
    const file = await this.takeScreenshot(recorder.phaseOrLaunch, recorder, caption);
    this.say(file ? `Screenshot saved: ${file}` : 'The screenshot could not be taken (see the capture\'s faults).');
    return file;
  }

  private async mark(recorder: CaptureRecorder, signal: AbortSignal): Promise<void> {
    const at = new Date().toISOString();
    // The moment is the key press: its screenshot is taken before the note is typed.
    const screenshot = this.options.screen.canTakeScreenshots ? await this.takeScreenshot(recorder.phaseOrLaunch, recorder, 'Marked by the investigator') : undefined;
    const note = await this.typeLine('Mark: type a note and press Enter (Esc: no mark)', '', signal);
    if (note === undefined) {
      this.say('No mark was recorded.');
      return;
    }
    const eventId = recorder.event('operator-mark', { by: this.options.operator, note, screenshot });
    this.observations.push({ id: this.nextObservationId(), kind: 'mark', by: this.options.operator, at, phase: recorder.phaseOrLaunch, eventId, ...(screenshot ? { screenshot } : {}), note });
    this.say(`Mark recorded: "${note}"${screenshot ? ` (${screenshot})` : ' (no screenshot)'}`);
  }

  private async ask(proposal: Proposal & { screenshot?: string }, recorder: CaptureRecorder, signal: AbortSignal): Promise<void> {
    let crop: string | undefined;
    const png = proposal.screenshot ? this.pngOf(recorder, proposal.screenshot) : undefined;
    if (png && proposal.bounds) {
      const cut = cropControl(png, proposal.bounds, proposal.screenWidth);
      this.crops += 1;
      if (cut) crop = recorder.bundle.file(`screens/crop-${String(this.crops).padStart(3, '0')}-${slug(proposal.label)}.png`, cut);
    }
    this.question = [
      `The tool read this control (${proposal.source === 'ocr' ? 'from the screenshot' : 'from the page source'}):`,
      `  "${proposal.label}"  ${proposal.kind}  =  ${valueWords(proposal.value)}${proposal.about ? `   (${proposal.about})` : ''}`,
      ...(crop ? [`  Cut out of the screenshot: ${crop}`] : []),
      ...(proposal.screenshot ? [`  Screenshot: ${proposal.screenshot}`] : []),
    ];
    this.questionKeys = 'Enter right · e edit the value · x wrong (not recorded)';
    const answer = await this.answer(proposal, signal);
    if (!answer) return;
    if (answer.kind === 'rejected') {
      recorder.event('proposal-rejected', { by: this.options.operator, label: proposal.label, value: proposal.value, source: proposal.source, screenshot: proposal.screenshot });
      this.say(`Not recorded: "${proposal.label}" (the investigator said the reading was wrong).`);
      return;
    }
    this.recordReading(recorder, {
      label: proposal.label,
      kind: proposal.kind,
      value: answer.value,
      answer: answer.kind,
      proposed: { label: proposal.label, value: proposal.value, source: proposal.source },
      name: proposal.name,
      bounds: proposal.bounds,
      locator: proposal.locator,
      screenshot: proposal.screenshot,
      crop,
    });
  }

  private pngOf(recorder: CaptureRecorder, file: string): Uint8Array | undefined {
    try {
      return readFileSync(path.join(recorder.bundle.directory, file));
    } catch {
      return undefined;
    }
  }

  private async answer(proposal: Proposal, signal: AbortSignal): Promise<Answer | undefined> {
    for (;;) {
      this.draw();
      const key = await this.options.keys.nextKey(signal);
      if (!key) return undefined;
      if (key.name === 'enter') return { kind: 'confirmed', value: proposal.value };
      if (isChar(key, 'x')) return { kind: 'rejected' };
      if (isChar(key, 'e')) {
        const value = await this.typeValue(`Value of "${proposal.label}"`, proposal.kind, valueWords(proposal.value), signal);
        if (value === undefined) continue;
        return { kind: 'edited', value };
      }
      this.say('Answer the reading first: Enter if it is right, e to edit the value, x if it is wrong.');
    }
  }

  private async addReading(recorder: CaptureRecorder, signal: AbortSignal): Promise<void> {
    const screenshot = this.options.screen.canTakeScreenshots ? await this.takeScreenshot('settings', recorder, 'Control added by the investigator') : undefined;
    const label = await this.typeLine('Control the tool could not read: type its label as shown, then Enter (Esc: none)', '', signal);
    if (!label) return;
    const value = await this.typeValue(`Value of "${label}" (on / off, or the choice shown)`, undefined, '', signal);
    if (value === undefined) return;
    this.recordReading(recorder, { label, kind: typeof value === 'boolean' ? 'switch' : 'select', value, answer: 'added', screenshot });
  }

  private recordReading(
    recorder: CaptureRecorder,
    reading: {
      label: string;
      kind: SettingControl['kind'];
      value: boolean | string;
      answer: 'confirmed' | 'edited' | 'added';
      proposed?: { label: string; value: boolean | string; source: 'page-source' | 'ocr' };
      name?: string;
      bounds?: SettingControl['bounds'];
      locator?: string;
      screenshot?: string;
      crop?: string;
    },
  ): void {
    const id = this.nextObservationId();
    const at = new Date().toISOString();
    const eventId = recorder.event('operator-reading', { by: this.options.operator, label: reading.label, value: reading.value, answer: reading.answer, screenshot: reading.screenshot });
    this.observations.push({
      id,
      kind: 'reading',
      by: this.options.operator,
      at,
      phase: 'settings',
      eventId,
      ...(reading.screenshot ? { screenshot: reading.screenshot } : {}),
      ...(reading.crop ? { crop: reading.crop } : {}),
      reading: {
        label: reading.label,
        kind: reading.kind,
        value: reading.value,
        answer: reading.answer,
        ...(reading.proposed ? { proposed: reading.proposed } : {}),
        ...(reading.bounds ? { bounds: reading.bounds } : {}),
        ...(reading.locator ? { locator: reading.locator } : {}),
      },
    });
    this.readings.push({
      ...(reading.name ? { name: reading.name } : {}),
      label: reading.label,
      kind: reading.kind,
      value: reading.value,
      ...(reading.bounds ? { bounds: reading.bounds } : {}),
      ...(reading.locator ? { locator: reading.locator } : {}),
      readBy: 'investigator',
      observationId: id,
    });
    const words = { confirmed: 'confirmed', edited: 'corrected', added: 'added' }[reading.answer];
    this.say(`Reading ${words}: "${reading.label}" = ${valueWords(reading.value)}`);
  }

  /** A value typed by the investigator: on/off for a switch or checkbox, the words otherwise. */
  private async typeValue(prompt: string, kind: SettingControl['kind'] | undefined, initial: string, signal: AbortSignal): Promise<boolean | string | undefined> {
    for (;;) {
      const text = await this.typeLine(`${prompt}, then Enter (Esc: back)`, initial, signal);
      if (text === undefined || text === '') return undefined;
      const onOff = valueAsOnOff(text);
      if (kind === 'switch' || kind === 'checkbox' || kind === 'radio') {
        if (onOff !== undefined) return onOff;
        this.say(`A ${kind} is on or off: type on or off.`);
        continue;
      }
      return kind === undefined && onOff !== undefined ? onOff : text;
    }
  }

  /** A line typed in the view: Enter ends it, Backspace deletes, Esc gives undefined. */
  private async typeLine(prompt: string, initial: string, signal: AbortSignal): Promise<string | undefined> {
    let text = initial;
    const before = this.question;
    const keysBefore = this.questionKeys;
    this.questionKeys = 'type · Backspace deletes · Enter done · Esc back';
    try {
      for (;;) {
        this.question = [...before, prompt, `> ${text}_`];
        this.draw();
        const key = await this.options.keys.nextKey(signal);
        if (!key || key.name === 'escape') return undefined;
        if (key.name === 'enter') return text.trim();
        if (key.name === 'backspace') text = [...text].slice(0, -1).join('');
        else if (key.name === 'char') text += key.char;
      }
    } finally {
      this.question = before;
      this.questionKeys = keysBefore;
    }
  }

  private nextObservationId(): string {
    return `obs-${String(this.observations.length + 1).padStart(3, '0')}`;
  }
}

function isChar(key: OperatorKey, char: string): boolean {
  return key.name === 'char' && key.char.toLowerCase() === char;
}

function valueWords(value: boolean | string): string {
  return typeof value === 'boolean' ? (value ? 'on' : 'off') : value;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'control';
}
