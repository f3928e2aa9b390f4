// A device capture carries the game's package: on the simulated device (real Appium 3 server,
// the project's simulated driver playing audits/demo/android/leaky-runner.device.yaml, real
// capture proxy) the capture asks `pm path`, pulls the APK it names, seals it in the bundle and
// inspects it, and scoring compares what it declares with what the game sent.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAndroidCapture } from '../../src/capture/android/create-android-capture.ts';
import { startLocalAppium, type LocalAppiumServer } from '../../src/capture/appium/local-appium-server.ts';
import { startCaptureProxy } from '../../src/capture/proxy/start-proxy.ts';
import { runCapture } from '../../src/capture/session.ts';
import { loadPlan } from '../../src/plan/load.ts';
import type { Device } from '../../src/plan/schema.ts';
import { renderGameHtml } from '../../src/report/render-game.ts';
import { scoreBundle } from '../../src/scoring/score-bundle.ts';

const simulatedDevice: Device = { id: 'simulated-pixel', platform: 'android', simulated: true };
// sha256sum test/fixtures/packages/leaky-runner.apk (= audits/demo/android/package/base.apk)
const installedApkSha256 = '22676461d9ed93a74336d22e44eb8f774cc5d5f90b92508fa8b1ce5acc118e4f';
let appium: LocalAppiumServer;
let bundleDir: string;
let spoolDir: string;

beforeAll(async () => {
  appium = await startLocalAppium();
  bundleDir = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-android-package-'));
  spoolDir = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-android-spool-'));
  const proxy = await startCaptureProxy({ spoolFile: path.join(spoolDir, 'network-spool.ndjson'), upstream: 'offline' });
  try {
    const loadedPlan = loadPlan(path.resolve('audits/demo/demo-android.yaml'));
    const driver = await createAndroidCapture({ loadedPlan, device: simulatedDevice, proxy, appiumUrl: appium.url });
    await runCapture({ loadedPlan, driver, proxy, bundleDir });
  } finally {
    await proxy.stop();
  }
});
afterAll(async () => {
  await appium?.stop();
  rmSync(bundleDir, { recursive: true, force: true });
  rmSync(spoolDir, { recursive: true, force: true });
});

describe('the package step of an Android capture (simulated device)', () => {
  it('pulls the installed APK that pm path names, seals its hash in the manifest and stores the inventory', () => {
    const evidence = JSON.parse(readFileSync(path.join(bundleDir, 'evidence.json'), 'utf8'));
    expect(evidence.incompleteReasons.filter((reason: { affects: string[] }) => reason.affects.includes('package'))).toEqual([]);
    expect(evidence.packageInspection.files).toEqual([{ path: 'package/base.apk', role: 'apk', sha256: installedApkSha256, bytes: 12745 }]);
    expect(evidence.packageInspection.android.manifests[0]).toMatchObject({ package: 'com.demogames.leakyrunner', versionName: '3.2.0', versionCode: 320 });
    expect(evidence.android.rawFiles).toContain('device/final-pm-path.txt');
    const manifest = JSON.parse(readFileSync(path.join(bundleDir, 'manifest.json'), 'utf8')) as { files: Record<string, { sha256: string; bytes: number }> };
    expect(manifest.files['package/base.apk']).toEqual({ sha256: installedApkSha256, bytes: 12745 });
    const events = readFileSync(path.join(bundleDir, 'events.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { type: string; devicePath?: string });
    expect(events.find((event) => event.type === 'package-pulled')?.devicePath).toBe('/data/app/~~t1RrX0bVq2y6mZ4fN8kW3w==/com.demogames.leakyrunner-Jd8s1nP5cQm2vX7eL0aZ6g==/base.apk');
  });

  it('scores transparency.declared-vs-observed with each embedded SDK against the replayed traffic', async () => {
    const result = await scoreBundle(bundleDir, { cwd: bundleDir });
    const declared = result.checks.find((check) => check.id === 'transparency.declared-vs-observed')!;
    expect(declared.standard).toBe(4);
    const statuses = declared.findings.filter((finding) => finding.data?.kind === 'sdk').map((finding) => [finding.data!.company, finding.data!.status]);
    // The demo's traffic (audits/demo/android/traffic.json) reaches Firebase, AppLovin, Google's ad server and Unity Ads.
    expect(statuses).toEqual([
      ['Google', 'embedded-and-seen'],
      ['Google', 'embedded-and-seen'],
      ['Unity', 'embedded-and-seen'],
      ['AppLovin', 'embedded-and-seen'],
      ['Meta', 'embedded-not-seen'],
      ['Adjust', 'embedded-not-seen'],
    ]);
    // Its manifest turns no SDK's collection off, so no declaration is contradicted.
    expect(declared.outcome).toBe('pass');
    expect(declared.summary).toBe('The traffic contradicted none of the SDK switches its manifest declares.');
    expect(result.observations?.packageInspection?.files[0]?.sha256).toBe(installedApkSha256);
  });

  it('renders "What the package contains" with the hash, the permissions and each SDK against the traffic', async () => {
    const result = await scoreBundle(bundleDir, { cwd: bundleDir });
    const html = renderGameHtml(bundleDir, result);
    const section = html.slice(html.indexOf('<section aria-labelledby="package-contents">'), html.indexOf('<section aria-labelledby="third-parties">'));
    expect(section).toContain('<h2 id="package-contents">What the package contains</h2>');
    expect(section).toContain('com.demogames.leakyrunner, version 3.2.0 (code 320), minimum Android SDK 24, target SDK 33');
    expect(section).toContain(`<code>${installedApkSha256}</code>`);
    expect(section).toContain('<tr><th scope="row"><code>com.google.android.gms.permission.AD_ID</code></th><td>tracking</td><td>granted at install; reads the advertising id</td></tr>');
    expect(section).toContain('<tr><th scope="row">Meta Meta Audience Network / Facebook SDK</th><td>embedded, not seen in the capture — carrying an SDK is not proof it was active</td><td>0</td>');
    expect(section).toContain('<tr><th scope="row">Google AdMob / Ad Manager / DoubleClick</th><td>embedded and seen active in the capture</td><td>1</td>');
    expect(section).toContain('Age-signals APIs carried: Google Play Age Signals API (com.google.android.play.agesignals.). Whether the game used one cannot be seen in traffic.');
  });
});
