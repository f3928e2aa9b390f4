// The package step's shared half with a real bundle writer and recorder: a plan's own package
// (the committed fixture IPA and split set, test/fixtures/packages) is copied into package/ and
// inspected; a file that cannot be read is a fault in the `package` area, not an empty inventory.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyPackageIntoBundle, recordPackageInspection } from '../../src/capture/appium/package-evidence.ts';
import { installedApkPaths } from '../../src/capture/android/package-capture.ts';
import { CaptureRecorder } from '../../src/capture/recorder.ts';
import { BundleWriter } from '../../src/evidence/bundle-writer.ts';
import { loadPlan } from '../../src/plan/load.ts';

const fixture = (name: string): string => path.resolve(import.meta.dirname, '../fixtures/packages', name);
const directories: string[] = [];
afterAll(() => directories.forEach((directory) => rmSync(directory, { recursive: true, force: true })));

function recorder(): CaptureRecorder {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-package-evidence-'));
  directories.push(directory);
  const draft = { geolocation: { calls: [] }, incompleteReasons: [], screenshots: [], permissions: [], permissionPrompts: [], consentDialogs: [], storage: [], learnedIdentifiers: [], notes: [] };
  return new CaptureRecorder(new BundleWriter(directory), loadPlan(path.resolve('audits/demo/demo-android.yaml')), draft as unknown as CaptureRecorder['draft']);
}

describe('the package step of a device capture', () => {
  it("copies the plan's IPA into package/ and stores its inventory with bundle paths", async () => {
    const notebook = recorder();
    const inspection = await recordPackageInspection(notebook, 'copied', () => copyPackageIntoBundle(notebook, fixture('leaky-runner.ipa')));
    expect(existsSync(path.join(notebook.bundle.directory, 'package/leaky-runner.ipa'))).toBe(true);
    expect(inspection?.files.map((file) => [file.path, file.role])).toEqual([['package/leaky-runner.ipa', 'ipa']]);
    expect(notebook.draft.packageInspection?.ios?.bundleId).toBe('com.demogames.leakyrunner');
    expect(notebook.draft.incompleteReasons).toEqual([]);
  });

  it("copies a plan's split set and hashes each APK in it", async () => {
    const notebook = recorder();
    const inspection = await recordPackageInspection(notebook, 'copied', () => copyPackageIntoBundle(notebook, fixture('leaky-runner.apks')));
    expect(inspection?.files.map((file) => file.path)).toEqual(['package/leaky-runner.apks', 'package/leaky-runner.apks!splits/base-master.apk', 'package/leaky-runner.apks!splits/base-arm64_v8a.apk']);
  });

  it('records a fault in the package area when the file is not a package, and stores no inventory', async () => {
    const notebook = recorder();
    const notAnApk = path.join(notebook.bundle.directory, 'broken.apks');
    writeFileSync(notAnApk, 'not a zip');
    expect(await recordPackageInspection(notebook, 'copied', async () => notAnApk)).toBeUndefined();
    expect(notebook.draft.packageInspection).toBeUndefined();
    expect(notebook.draft.incompleteReasons).toEqual([
      { phase: undefined, message: `The app package could not be copied and inspected: ${notAnApk}: not a readable split set (zip) archive: End of central directory record signature not found. Either not a zip file, or file is truncated.`, affects: ['package'] },
    ]);
  });

  it('reads every APK path from pm path output (base and splits, CRLF too)', () => {
    expect(installedApkPaths('package:/data/app/~~x==/com.game-1/base.apk\r\npackage:/data/app/~~x==/com.game-1/split_config.arm64_v8a.apk\r\n')).toEqual([
      '/data/app/~~x==/com.game-1/base.apk',
      '/data/app/~~x==/com.game-1/split_config.arm64_v8a.apk',
    ]);
    expect(installedApkPaths('')).toEqual([]);
  });
});
