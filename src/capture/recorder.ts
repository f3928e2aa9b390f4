// The capture's notebook: drivers write what they observe here; it stamps the current phase on
// everything, appends events to the timeline and saves screenshots as they are taken.
import type { BundleWriter } from '../evidence/bundle-writer.ts';
import type { EvidenceArea, EvidenceInput, NotCollectedItem } from '../evidence/schema.ts';
import type { Phase } from '../plan/schema.ts';
import type { LoadedPlan } from '../plan/load.ts';
import { ScreenReadings } from './screen-readings.ts';

type Draft = EvidenceInput & {
  geolocation: NonNullable<EvidenceInput['geolocation']> & { calls: NonNullable<EvidenceInput['geolocation']['calls']> };
  incompleteReasons: NonNullable<EvidenceInput['incompleteReasons']>;
  screenshots: NonNullable<EvidenceInput['screenshots']>;
  permissions: NonNullable<EvidenceInput['permissions']>;
  permissionPrompts: NonNullable<EvidenceInput['permissionPrompts']>;
  consentDialogs: NonNullable<EvidenceInput['consentDialogs']>;
  storage: NonNullable<EvidenceInput['storage']>;
  learnedIdentifiers: NonNullable<EvidenceInput['learnedIdentifiers']>;
  notes: NonNullable<EvidenceInput['notes']>;
};

export class CaptureRecorder {
  private currentPhase: Phase | null = null;
  /** When a tap of the tool first changed consent (epoch ms): traffic from then on is marked. */
  toolConsentAt: number | undefined;
  private snapshotTaker: ((caption: string) => Promise<string | undefined>) | undefined;
  /** What OCR and the pixel readers read on each screenshot, read beside the capture. */
  readonly screens: ScreenReadings;

  constructor(
    readonly bundle: BundleWriter,
    readonly loadedPlan: LoadedPlan,
    /** The evidence as it grows; written to evidence.json at every checkpoint. */
    readonly draft: Draft,
  ) {
    this.screens = new ScreenReadings(bundle, (file, message) => this.note(`The screenshot ${file} could not be read by OCR: ${message}`));
  }

  get plan(): LoadedPlan['plan'] {
    return this.loadedPlan.plan;
  }

  get phase(): Phase | null {
    return this.currentPhase;
  }

  /** The phase the observation belongs to; before the first phase starts that is launch. */
  get phaseOrLaunch(): Phase {
    return this.currentPhase ?? 'launch';
  }

  enterPhase(phase: Phase | null): void {
    this.currentPhase = phase;
  }

  /** Appends an event to the timeline and returns its id for evidence.json to point at. */
  event(type: string, fields: Record<string, unknown> = {}): string {
    return this.bundle.event(type, this.currentPhase, fields);
  }

  setSnapshotTaker(taker: (caption: string) => Promise<string | undefined>): void {
    this.snapshotTaker = taker;
  }

  /**
   * Screenshot (with the UI tree beside it) of what the player sees now. Returns the bundle path,
   * or undefined when it could not be taken or written: that is recorded, never fatal.
   */
  async snapshot(caption: string): Promise<string | undefined> {
    return this.snapshotTaker?.(caption);
  }

  /** Records a fault and which evidence it left missing; the capture goes on where it can. */
  markIncomplete(message: string, affects: EvidenceArea[], phase: Phase | undefined = this.currentPhase ?? undefined): void {
    this.draft.status = 'incomplete';
    this.draft.incompleteReasons.push({ phase, message, affects });
    this.event('fault', { message, affects });
  }

  /**
   * Records that this capture path did not look for (or could not read) an item, so checks say
   * "not looked for" instead of "there is none". The first reason given for an item is kept.
   */
  notCollected(item: NotCollectedItem, reason: string): void {
    const list = (this.draft.notCollected ??= []);
    if (list.some((entry) => entry.item === item)) return;
    list.push({ item, reason });
    this.event('not-collected', { item, reason });
  }

  note(text: string): void {
    this.draft.notes.push(text);
  }
}
