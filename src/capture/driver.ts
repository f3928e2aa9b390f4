// The narrow interface every capture backend implements (web through Playwright, Android and
// iOS through Appium). Core logic (phases, evidence, faults) lives once in session.ts.
import type { DeviceInfo } from '../evidence/schema.ts';
import type { Phase, Platform } from '../plan/schema.ts';
import type { AccessibilityNode } from '../screen/screen-model.ts';
import type { CaptureRecorder } from './recorder.ts';

export interface UiTree {
  text: string;
  extension: 'html' | 'xml';
  /** Visible elements with text, in screenshot pixels; absent when the backend cannot place them. */
  nodes?: AccessibilityNode[];
}

export interface CaptureDriver {
  readonly platform: Platform;
  /** What is audited: the URL, package or bundle id. */
  readonly target: string;
  /**
   * Starts the game fresh (a new browser context, cleared app data) with its traffic through the proxy
   * and the plan's mock location, and returns what the device is.
   */
  open(recorder: CaptureRecorder): Promise<DeviceInfo>;
  /** PNG of what the player sees now. */
  screenshot(): Promise<Uint8Array>;
  /**
   * The DOM (html) or page source (xml) now, and the elements in it a child sees, with their
   * boxes in the pixels of the screenshot just taken (the screen model merges them with OCR).
   */
  uiTree(): Promise<UiTree>;
  /** Watches with no interaction for `seconds`: records permission prompts (never granting). */
  observeLaunch(recorder: CaptureRecorder, seconds: number, signal: AbortSignal): Promise<void>;
  /** Finds the first privacy/consent dialog, records it, and declines where a decline path exists. */
  handleConsent(recorder: CaptureRecorder, signal: AbortSignal): Promise<void>;
  /** Walks to the settings and reads every privacy control without changing it. */
  readSettings(recorder: CaptureRecorder, signal: AbortSignal): Promise<void>;
  /** Optional scripted play. */
  play(recorder: CaptureRecorder, seconds: number, signal: AbortSignal): Promise<void>;
  /** End-of-capture evidence: permissions, storage, device state (adb), learned identifiers. */
  collectFinal(recorder: CaptureRecorder): Promise<void>;
  /** Always called, also after a fault; must not throw. */
  close(): Promise<void>;
  /**
   * An investigator drives the game by hand (run --assisted): a phase lasts as long as the
   * investigator takes, so no step time limit applies to it, and the play phase runs whatever the
   * plan's playSeconds says.
   */
  readonly handDriven?: boolean;
  /** Why a phase is not run at all (the investigator finished the session before it); undefined: run it. */
  phaseSkipReason?(phase: Phase): string | undefined;
}
