// Turns what the geolocation hook reports into evidence: every API call (with frame, time and
// phase) and, for real position requests, the permission prompt a child's browser would show.
// We never grant: the prompt is recorded as left unanswered, or denied when the browser said no.
import type { CaptureRecorder } from '../recorder.ts';

export interface GeolocationReport {
  kind: 'call' | 'outcome';
  callId: string;
  api?: 'getCurrentPosition' | 'watchPosition' | 'permissions.query';
  detail?: string;
  explanation?: string;
  outcome?: 'granted' | 'denied' | 'error';
}

export class GeolocationRecorder {
  private readonly promptByCall = new Map<string, number>();
  private readonly pendingScreens = new Set<Promise<unknown>>();
  /** One screenshot per phase is enough to show what the game showed when it asked. */
  private readonly screenshotPhases = new Set<string>();

  constructor(private readonly recorder: CaptureRecorder) {}

  handle(frameUrl: string, report: GeolocationReport): void {
    const { recorder } = this;
    const { draft } = recorder;
    if (report.kind === 'outcome') {
      const index = this.promptByCall.get(report.callId);
      const prompt = index === undefined ? undefined : draft.permissionPrompts[index];
      if (prompt && report.outcome === 'denied') prompt.answer = 'denied';
      if (report.outcome === 'granted') recorder.note(`A location request from ${frameUrl} was answered with a position; the capture never grants location, so check the browser set-up.`);
      recorder.event('geolocation-outcome', { callId: report.callId, outcome: report.outcome, frameUrl });
      return;
    }
    if (!report.api) return;
    const phase = recorder.phaseOrLaunch;
    const at = new Date().toISOString();
    const eventId = recorder.event('geolocation-call', { api: report.api, frameUrl, detail: report.detail, explanation: report.explanation });
    draft.geolocation.calls.push({ eventId, phase, at, api: report.api, frameUrl, detail: report.detail });
    if (report.api === 'permissions.query') return;

    const promptIndex =
      draft.permissionPrompts.push({
        eventId,
        phase,
        at,
        permission: 'geolocation',
        group: 'location',
        text: `${new URL(frameUrl).host} wants to know your location (browser permission prompt, ${report.api})`,
        buttons: [
          { text: 'Allow', role: 'accept', visible: true },
          { text: 'Block', role: 'decline', visible: true },
        ],
        answer: 'unanswered',
        precededByExplanation: report.explanation ? { text: report.explanation } : undefined,
      }) - 1;
    this.promptByCall.set(report.callId, promptIndex);
    if (!this.screenshotPhases.has(phase)) {
      this.screenshotPhases.add(phase);
      const screen = recorder.snapshot('Location requested').then((file) => {
        const prompt = draft.permissionPrompts[promptIndex];
        if (file && prompt) prompt.screenshot = file;
      });
      this.pendingScreens.add(screen);
      void screen.finally(() => this.pendingScreens.delete(screen));
    }
  }

  /** Waits for screenshots still being taken, so evidence points at files that exist. */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.pendingScreens]);
  }
}
