// A driver whose real backend is made when the capture opens the game. Starting an Appium
// session (or the server for it) is part of opening: when that fails, the session records an
// incomplete bundle with the reason instead of the run losing the audit altogether.
import type { DeviceInfo } from '../evidence/schema.ts';
import type { Platform } from '../plan/schema.ts';
import type { CaptureDriver } from './driver.ts';
import type { CaptureRecorder } from './recorder.ts';

export class LazyDriver implements CaptureDriver {
  private driver: CaptureDriver | undefined;

  constructor(
    readonly platform: Platform,
    readonly target: string,
    private readonly create: () => Promise<CaptureDriver>,
    /** Turns a backend's raw failure into words for the evidence (e.g. Appium went away). */
    private readonly explain: (error: unknown) => Error = (error) => error as Error,
  ) {}

  private get ready(): CaptureDriver {
    if (!this.driver) throw new Error('the game was not opened');
    return this.driver;
  }

  private async call<T>(step: (driver: CaptureDriver) => Promise<T>): Promise<T> {
    try {
      return await step(this.ready);
    } catch (error) {
      throw this.explain(error);
    }
  }

  async open(recorder: CaptureRecorder): Promise<DeviceInfo> {
    this.driver = await this.create();
    return this.driver.open(recorder);
  }

  screenshot(): Promise<Uint8Array> {
    return this.call((driver) => driver.screenshot());
  }

  uiTree(): Promise<{ text: string; extension: 'html' | 'xml' }> {
    return this.call((driver) => driver.uiTree());
  }

  observeLaunch(recorder: CaptureRecorder, seconds: number, signal: AbortSignal): Promise<void> {
    return this.call((driver) => driver.observeLaunch(recorder, seconds, signal));
  }

  handleConsent(recorder: CaptureRecorder, signal: AbortSignal): Promise<void> {
    return this.call((driver) => driver.handleConsent(recorder, signal));
  }

  readSettings(recorder: CaptureRecorder, signal: AbortSignal): Promise<void> {
    return this.call((driver) => driver.readSettings(recorder, signal));
  }

  play(recorder: CaptureRecorder, seconds: number, signal: AbortSignal): Promise<void> {
    return this.call((driver) => driver.play(recorder, seconds, signal));
  }

  collectFinal(recorder: CaptureRecorder): Promise<void> {
    return this.call((driver) => driver.collectFinal(recorder));
  }

  async close(): Promise<void> {
    await this.driver?.close();
  }
}
