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
  ) {}

  private get ready(): CaptureDriver {
    if (!this.driver) throw new Error('the game was not opened');
    return this.driver;
  }

  async open(recorder: CaptureRecorder): Promise<DeviceInfo> {
    this.driver = await this.create();
    return this.driver.open(recorder);
  }

  screenshot(): Promise<Uint8Array> {
    return this.ready.screenshot();
  }

  uiTree(): Promise<{ text: string; extension: 'html' | 'xml' }> {
    return this.ready.uiTree();
  }

  observeLaunch(recorder: CaptureRecorder, seconds: number, signal: AbortSignal): Promise<void> {
    return this.ready.observeLaunch(recorder, seconds, signal);
  }

  handleConsent(recorder: CaptureRecorder, signal: AbortSignal): Promise<void> {
    return this.ready.handleConsent(recorder, signal);
  }

  readSettings(recorder: CaptureRecorder, signal: AbortSignal): Promise<void> {
    return this.ready.readSettings(recorder, signal);
  }

  play(recorder: CaptureRecorder, seconds: number, signal: AbortSignal): Promise<void> {
    return this.ready.play(recorder, seconds, signal);
  }

  collectFinal(recorder: CaptureRecorder): Promise<void> {
    return this.ready.collectFinal(recorder);
  }

  async close(): Promise<void> {
    await this.driver?.close();
  }
}
