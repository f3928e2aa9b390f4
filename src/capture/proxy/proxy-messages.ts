// The messages between the capture (parent) and the proxy process (child), over Node's IPC.
// A proxy process may serve many captures one after another (proxy-process-pool.ts): every
// message names the capture it belongs to, so nothing addressed to or coming from one capture
// can be taken for another's, even if it arrives late.
import type { Phase } from '../../plan/schema.ts';

export interface ProxyProcessConfig {
  host: string;
  /** The port of the listening socket sent with the start message (bound by the capture's process). */
  port: number;
  caKeyFile: string;
  caCertFile: string;
  spoolFile: string;
  upstream: 'passthrough' | 'offline';
  /** Offline mode: https origin → absolute folder of static files. */
  offlineOrigins: Record<string, string>;
  responseBodyCapBytes: number;
  requestBodyCapBytes: number;
  /** Web captures: mark Chromium's own housekeeping requests (see browser-housekeeping.ts). */
  markBrowserHousekeeping: boolean;
}

export type ParentMessage =
  | { type: 'start'; capture: number; config: ProxyProcessConfig }
  | { type: 'phase'; capture: number; phase: Phase | null; at: number }
  | { type: 'stop'; capture: number };

export type ChildMessage =
  | { type: 'ready'; capture: number; port: number }
  | { type: 'progress'; capture: number; started: number; completed: number }
  | { type: 'error'; capture: number; message: string }
  /** The capture's server is closed and every entry it saw is in its spool; the process is free. */
  | { type: 'stopped'; capture: number; started: number; completed: number };
