// The device line agrees with what the traffic carries (report reading, item 23). The browser
// values are those of a real leaky-demo capture (test/fixtures/requests/README.md: the HAR's
// User-Agent says Chrome/159.0.8154.6, the Chromium that ran was 150.0.7871.100); the model is the
// one audits/demo/android/traffic.json sends in Unity's request (deviceModel=Pixel%206).
import { describe, expect, it } from 'vitest';
import type { NetworkEntrySummary, Result } from '../../src/scoring/result-schema.ts';
import { deviceLine } from '../../src/report/device-agreement.ts';

const userAgent = 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/159.0.8154.6 Mobile Safari/537.36';
const unity = (model: string): NetworkEntrySummary => ({ index: 4, method: 'GET', url: `https://publisher-config.unityads.unity3d.com/games/3268074/configuration?deviceModel=${model}`, host: 'publisher-config.unityads.unity3d.com', phase: 'launch', status: 200, party: 'third', identifiers: [] });
const network = (entries: NetworkEntrySummary[]): Result['network'] => ({ entries, organisations: [] });

describe('the device line', () => {
  it('names both browser versions, labelled, when the User-Agent is not the Chromium that ran', () => {
    const device: Result['device'] = { kind: 'emulated-browser', name: 'Pixel 7', browserVersion: '150.0.7871.100', browserBuild: 'chromium-headless-shell', userAgent, viewport: { width: 412, height: 839 } };
    expect(deviceLine({ device, network: network([]) })).toBe(
      'Pixel 7, emulated in Chromium 150.0.7871.100 (chromium-headless-shell); its requests’ User-Agent says Chrome/159.0.8154.6 (the emulated phone’s, not the Chromium that ran)',
    );
  });

  it('says when a simulated device’s traffic names another model, and nothing when they agree', () => {
    expect(deviceLine({ device: { kind: 'simulated', name: 'Pixel 7' }, network: network([unity('Pixel%206')]) })).toBe(
      'Simulated device, no phone or emulator (Pixel 7); the game’s requests name the model “Pixel 6”, which differs from Pixel 7',
    );
    expect(deviceLine({ device: { kind: 'simulated', name: 'Pixel 6' }, network: network([unity('Pixel%206')]) })).toBe('Simulated device, no phone or emulator (Pixel 6)');
  });
});
