// Parses `appops get <pkg>`: one line per app op with its mode and, when the op was used, how
// long ago ("time=+2h3m ago"), when it was refused ("rejectTime=") and whether it is in use
// now ("(running)"). AppOpsService prints the uid-level modes first, with "Uid mode: " only in
// front of the first of them, then the package's own ops.
import { adbLines } from './adb-text.ts';

export interface AppOpEntry {
  op: string;
  mode: string;
  /** As printed, e.g. "+2h3m39s662ms ago". */
  lastAccess?: string;
  lastReject?: string;
  duration?: string;
  running: boolean;
  scope: 'package' | 'uid';
}

const opLinePattern = /^(?:(Uid mode): )?([A-Z][A-Z0-9_]*): ([a-z]+(?:\s*\(\d+\))?)(.*)$/;

export function parseAppOps(output: string): AppOpEntry[] {
  const parsed: (AppOpEntry & { uidPrefixed: boolean })[] = [];
  for (const raw of adbLines(output)) {
    const line = raw.trim();
    const match = line.match(opLinePattern);
    if (!match) continue;
    const rest = match[4] ?? '';
    parsed.push({
      op: match[2]!,
      mode: match[3]!.replace(/\s*\(\d+\)$/, ''),
      lastAccess: rest.match(/; time=(\S+ ago)/)?.[1],
      lastReject: rest.match(/; rejectTime=(\S+ ago)/)?.[1],
      duration: rest.match(/; duration=(\S+)/)?.[1],
      running: /\(running\)/.test(rest),
      scope: 'package',
      uidPrefixed: match[1] !== undefined,
    });
  }
  // The uid block runs from the "Uid mode:" line while the ops carry no usage (uid modes never
  // do) and reappear later in the package block; that is the only way to tell them apart.
  const uidStart = parsed.findIndex((entry) => entry.uidPrefixed);
  if (uidStart >= 0) {
    parsed[uidStart]!.scope = 'uid';
    // Where each op last appears, so "does it reappear later" is one look-up, not a scan.
    const lastPosition = new Map(parsed.map((entry, position) => [entry.op, position]));
    for (let index = uidStart + 1; index < parsed.length; index++) {
      const entry = parsed[index]!;
      const unused = !entry.lastAccess && !entry.lastReject && !entry.duration && !entry.running;
      const repeatedLater = lastPosition.get(entry.op)! > index;
      if (!unused || !repeatedLater) break;
      entry.scope = 'uid';
    }
  }
  return parsed.map(({ uidPrefixed: _uidPrefixed, ...entry }) => entry);
}

/** Ops that reveal location use by the app. */
export const locationOps = new Set(['COARSE_LOCATION', 'FINE_LOCATION', 'MONITOR_LOCATION', 'MONITOR_HIGH_POWER_LOCATION', 'MOCK_LOCATION']);

/**
 * Reads "+1d2h3m4s5ms ago" as milliseconds. TimeUtils.formatDuration writes days, hours,
 * minutes, seconds and milliseconds, each only when non-zero.
 */
export function agoToMilliseconds(ago: string): number | undefined {
  const match = ago.match(/^\+?((?:\d+[a-z]+)+|0)(?: ago)?$/);
  if (!match) return undefined;
  if (match[1] === '0') return 0;
  const unit: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };
  let total = 0;
  for (const part of match[1]!.matchAll(/(\d+)(ms|d|h|m|s)/g)) total += Number(part[1]) * unit[part[2]!]!;
  return total;
}
