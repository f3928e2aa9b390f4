// The messages between the capture (parent) and the proxy process (child), over Node's IPC.
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
  | { type: 'start'; config: ProxyProcessConfig }
  | { type: 'phase'; phase: Phase | null; at: number }
  | { type: 'stop' };

export type ChildMessage =
  | { type: 'ready'; port: number }
  | { type: 'progress'; started: number; completed: number }
  | { type: 'error'; message: string }
  | { type: 'stopped'; started: number; completed: number };
