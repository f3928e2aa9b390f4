// What the capture session needs from the intercepting proxy, whatever runs it.
import type { HarEntry } from '../../evidence/har.ts';
import type { Phase } from '../../plan/schema.ts';

export interface CaptureProxy {
  /** Address the device or browser is pointed at. */
  readonly host: string;
  readonly port: number;
  /** base64 SHA-256 of the CA's SubjectPublicKeyInfo, for --ignore-certificate-errors-spki-list. */
  readonly spkiFingerprint: string;
  /** The per-run CA certificate (PEM), for installing on a device. */
  readonly caCertificatePem: string;
  /** Every request from now on is tagged with this phase. */
  setPhase(phase: Phase | null): void;
  /**
   * Entries completed so far, in the order they started, one at a time from the on-disk spool,
   * so the session writes network.har without holding the whole capture in memory.
   */
  entries(): Iterable<HarEntry>;
  /** How many requests have been seen so far (for progress). */
  requestCount(): number;
  /** Set when the proxy died: the capture goes on, and network evidence is marked partial. */
  failure(): Error | undefined;
  stop(): Promise<void>;
}
