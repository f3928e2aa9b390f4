// The device line beside what the traffic itself says. An emulated browser sends the emulated
// phone's User-Agent, whose Chrome version is not the Chromium that ran; a simulated device's
// requests may name another model. The report prints both, labelled, rather than one of them.
import type { Result } from '../scoring/result-schema.ts';
import { deviceWords } from './capture-kind.ts';

/** The model the game's requests name (Unity's deviceModel=, and the like), first seen. */
function modelInTraffic(entries: Result['network']['entries']): string | undefined {
  for (const entry of entries) {
    try {
      const model = new URL(entry.url).searchParams.get('deviceModel') ?? new URL(entry.url).searchParams.get('device_model');
      if (model) return model;
    } catch {
      // An unparsable URL names no model.
    }
  }
  return undefined;
}

export function deviceLine(result: Pick<Result, 'device' | 'network'>): string {
  const { device } = result;
  const notes: string[] = [];
  const agentVersion = device.userAgent?.match(/Chrome\/([\d.]+)/)?.[1];
  if (device.kind === 'emulated-browser' && agentVersion && agentVersion !== device.browserVersion) {
    notes.push(`its requests’ User-Agent says Chrome/${agentVersion} (the emulated phone’s, not the Chromium that ran)`);
  }
  const model = modelInTraffic(result.network.entries);
  if (model && model !== device.name) notes.push(`the game’s requests name the model “${model}”, which differs from ${device.name}`);
  return notes.length === 0 ? deviceWords(device) : `${deviceWords(device)}; ${notes.join('; ')}`;
}
