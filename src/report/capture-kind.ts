// Whether a capture came from a real device or browser, a simulated device or another tool's
// file. Readers must see this first (run index, top of the report, published summary), because a
// simulated capture shows how the tool works, not how a game behaved on a phone.
import type { Result } from '../scoring/result-schema.ts';

export interface CaptureKind {
  simulated: boolean;
  imported: boolean;
  verified: boolean;
  /** Short flags for a table cell, e.g. ["Simulated device"]; empty for an ordinary verified capture. */
  flags: string[];
}

export function captureKind(result: Pick<Result, 'device' | 'bundle'>): CaptureKind {
  const simulated = result.device.kind === 'simulated';
  const imported = result.bundle.importedHar !== undefined;
  const verified = result.bundle.verified && !result.bundle.forced;
  const flags = [
    ...(simulated ? ['Simulated device'] : []),
    ...(imported ? ['Imported from another tool'] : []),
    ...(verified ? [] : ['Evidence did not verify']),
  ];
  return { simulated, imported, verified, flags };
}

/** The device line every page uses: a simulated device says so in its first words. */
export function deviceWords(device: Result['device']): string {
  if (device.kind === 'simulated') return `Simulated device, no phone or emulator (${device.name})`;
  if (device.kind === 'emulated-browser') return `${device.name}, emulated in Chromium${device.browserVersion ? ` ${device.browserVersion}` : ''}${device.browserBuild ? ` (${device.browserBuild})` : ''}`;
  return `${device.name}${device.kind === 'emulator' ? ' (emulator)' : ' (physical device)'}`;
}
