// Review C4 and Appendix A #6: a launch phase cut short (a fault 5 s in, or Ctrl-C) leaves the
// network evidence of the default behaviour incomplete, so no network check may pass on it.
// The real capture session runs with a scripted driver and proxy; the checks run through runCheck.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import persistentIds from '../../checks/data-minimisation.persistent-device-ids.ts';
import thirdPartyRecipients from '../../checks/data-sharing.third-party-recipients.ts';
import uncertifiedAdNetworks from '../../checks/data-sharing.uncertified-ad-networks.ts';
import trackingBeforeChoice from '../../checks/default-settings.tracking-before-choice.ts';
import preciseLocation from '../../checks/geolocation.precise-location-shared.ts';
import advertisingId from '../../checks/profiling.advertising-id-shared.ts';
import { analysisContextFromEvidence } from '../../src/analysis/analysis-context.ts';
import { analyseNetwork } from '../../src/analysis/analyse-network.ts';
import type { CaptureDriver } from '../../src/capture/driver.ts';
import { buildHarEntry } from '../../src/capture/proxy/har-entry.ts';
import type { CaptureProxy } from '../../src/capture/proxy/types.ts';
import { runCapture } from '../../src/capture/session.ts';
import type { HarEntry } from '../../src/evidence/har.ts';
import type { Evidence } from '../../src/evidence/schema.ts';
import { loadPlan } from '../../src/plan/load.ts';
import { runCheck } from '../../src/scoring/run-checks.ts';
import { buildCheckInputs } from '../../src/scoring/check-inputs.ts';

const directories: string[] = [];
afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

// Two launch requests, both readable and carrying nothing searched for: what 5 s of a launch shows.
const startedAt = Date.parse('2026-03-02T10:00:01Z');
const launchTraffic: HarEntry[] = [
  buildHarEntry(
    { startTime: startedAt, method: 'GET', url: 'https://api.leakyrunner-game.com/v1/config', httpVersion: '1.1', rawHeaders: [['user-agent', 'okhttp/4.12.0']], body: new Uint8Array() },
    { statusCode: 200, statusMessage: 'OK', rawHeaders: [['content-type', 'application/json']], body: new TextEncoder().encode('{"levels":12}'), endTime: startedAt + 80 },
    { phase: 'launch', requestBodyCapBytes: 4096, responseBodyCapBytes: 4096 },
  ),
  // Unity Ads' webview config request, real sample rt-036.
  buildHarEntry(
    { startTime: startedAt + 900, method: 'GET', url: 'https://config.unityads.unity3d.com/webview/3.2.0/release/config.json', httpVersion: '1.1', rawHeaders: [['user-agent', 'okhttp/4.12.0']], body: new Uint8Array() },
    { statusCode: 200, statusMessage: 'OK', rawHeaders: [['content-type', 'application/json']], body: new TextEncoder().encode('{"url":"https://webview.unityads.unity3d.com/webview/3.2.0/index.html"}'), endTime: startedAt + 1000 },
    { phase: 'launch', requestBodyCapBytes: 4096, responseBodyCapBytes: 4096 },
  ),
];

function scriptedProxy(): CaptureProxy {
  return {
    host: '127.0.0.1',
    port: 8080,
    spkiFingerprint: 'test',
    caCertificatePem: '',
    setPhase: () => undefined,
    entries: () => launchTraffic,
    requestCount: () => launchTraffic.length,
    failure: () => undefined,
    stop: async () => undefined,
  };
}

function scriptedDriver(observeLaunch: CaptureDriver['observeLaunch']): CaptureDriver {
  return {
    platform: 'android',
    target: 'com.demogames.leakyrunner',
    open: async () => ({ kind: 'emulator', name: 'Pixel 7 emulator (scripted)' }),
    screenshot: async () => new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    uiTree: async () => ({ text: '<hierarchy/>', extension: 'xml' }),
    observeLaunch,
    handleConsent: async () => undefined,
    readSettings: async () => undefined,
    play: async () => undefined,
    collectFinal: async () => undefined,
    close: async () => undefined,
  };
}

async function capture(driver: CaptureDriver, signal?: AbortSignal): Promise<Evidence> {
  const bundleDir = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-cut-short-'));
  directories.push(bundleDir);
  const { evidence } = await runCapture({ loadedPlan: loadPlan('audits/demo/demo-android.yaml'), driver, proxy: scriptedProxy(), bundleDir, ...(signal ? { signal } : {}) });
  return evidence;
}

const networkChecks = [advertisingId, persistentIds, preciseLocation, thirdPartyRecipients, uncertifiedAdNetworks, trackingBeforeChoice];

function outcomes(evidence: Evidence): Record<string, string> {
  const network = analyseNetwork({ log: { version: '1.2', creator: { name: 'gameaudit', version: 'test' }, entries: launchTraffic } }, analysisContextFromEvidence(evidence), { fallback: null });
  return Object.fromEntries(networkChecks.map((check) => [check.id, runCheck(check, buildCheckInputs(evidence, network, [])).outcome]));
}

// Unity Ads was seen before the cut, so tracking-before-choice still fails: a violation seen stays one.
const expectedOutcomes = {
  'profiling.advertising-id-shared': 'inconclusive',
  'data-minimisation.persistent-device-ids': 'inconclusive',
  'geolocation.precise-location-shared': 'inconclusive',
  'data-sharing.third-party-recipients': 'inconclusive',
  'data-sharing.uncertified-ad-networks': 'inconclusive',
  'default-settings.tracking-before-choice': 'fail',
};

describe('a launch phase cut short (review C4, Appendix A #6)', () => {
  it('a launch that failed 5 s in marks network and identifiers incomplete, and no network check passes', async () => {
    const evidence = await capture(
      scriptedDriver(async () => {
        throw new Error('the game stopped responding 5 s into the launch');
      }),
    );
    const reason = evidence.incompleteReasons.find((candidate) => candidate.message.startsWith('The launch phase failed'))!;
    expect(reason.message).toBe('The launch phase failed: the game stopped responding 5 s into the launch');
    expect(reason.affects).toEqual(expect.arrayContaining(['network', 'identifiers']));
    expect(outcomes(evidence)).toEqual(expectedOutcomes);
  });

  it('a launch interrupted by the operator (Ctrl-C) is not recorded as complete, and no network check passes', async () => {
    const controller = new AbortController();
    const evidence = await capture(
      scriptedDriver(async (_recorder, _seconds, signal) => {
        // Drivers end the observation window early, without an error, once the signal fires.
        controller.abort();
        if (!signal.aborted) throw new Error('the session did not pass its signal to the driver');
      }),
      controller.signal,
    );
    expect(evidence.phases.find((phase) => phase.name === 'launch')?.status).not.toBe('complete');
    const reason = evidence.incompleteReasons.find((candidate) => candidate.message.startsWith('Interrupted'))!;
    expect(reason.affects).toEqual(expect.arrayContaining(['network', 'identifiers']));
    expect(outcomes(evidence)).toEqual(expectedOutcomes);
  });
});
