// Which capture phase was current at a given moment. The parent sends each phase change with
// the time it happened; the proxy stamps an entry when it is written, by the time the request
// STARTED, so a late IPC message can never put a request into the wrong phase.
import type { Phase } from '../../plan/schema.ts';

export class PhaseTimeline {
  /** Before the first phase the game is opening, untouched: that belongs to launch. */
  private readonly changes: Array<{ at: number; phase: Phase }> = [{ at: 0, phase: 'launch' }];

  /** A null phase (the capture ended) keeps the last phase: late requests still belong to it. */
  set(phase: Phase | null, at: number): void {
    if (phase === null) return;
    let index = this.changes.length;
    while (index > 0 && this.changes[index - 1]!.at > at) index -= 1;
    this.changes.splice(index, 0, { at, phase });
  }

  phaseAt(time: number): Phase {
    let current: Phase = 'launch';
    for (const change of this.changes) {
      if (change.at > time) break;
      current = change.phase;
    }
    return current;
  }
}
