// The Android capture's package step: proof of which build was audited. `pm path` names every
// APK the device has installed for the game (the base and each split); each is pulled (Appium's
// pullFile, what `adb pull` is over WebDriver) into the bundle under package/, where the manifest
// seals its hash, and inspected. When the plan names the APK or split set it installs, that file
// is copied in instead. A step that fails leaves the package evidence missing, never invented.
import path from 'node:path';
import type { PackageInspection } from '../../inspect/package-inspection-schema.ts';
import { copyPackageIntoBundle, packageFolder, recordPackageInspection } from '../appium/package-evidence.ts';
import type { CaptureRecorder } from '../recorder.ts';

export interface PackageSource {
  execute(script: string, args: Record<string, unknown>): Promise<unknown>;
  /** Base64 of a device file (Appium's pullFile: the whole file in one answer, so it is held in memory once while written). */
  pullFile(devicePath: string): Promise<string>;
}

/** Device paths from `pm path <package>` ("package:/data/app/…/base.apk", one a line). */
export function installedApkPaths(pmPathOutput: string): string[] {
  return pmPathOutput
    .split(/\r?\n/)
    .map((line) => /^package:(\S+\.apk)\s*$/.exec(line.trim())?.[1])
    .filter((found): found is string => found !== undefined);
}

async function pullInstalled(recorder: CaptureRecorder, device: PackageSource, packageName: string): Promise<string> {
  const pmPath = await device.execute('mobile: shell', { command: 'pm', args: ['path', packageName], includeStderr: false, timeout: 20_000 });
  if (typeof pmPath !== 'string') throw new Error('pm path returned no text');
  const rawFile = recorder.bundle.file('device/final-pm-path.txt', pmPath);
  recorder.draft.android?.rawFiles?.push(rawFile);
  const paths = installedApkPaths(pmPath);
  if (paths.length === 0) throw new Error(`pm path ${packageName} named no APK: is the game installed?`);
  for (const devicePath of paths) {
    const bytes = Buffer.from(await device.pullFile(devicePath), 'base64');
    recorder.bundle.file(`${packageFolder}/${path.posix.basename(devicePath)}`, bytes);
    recorder.event('package-pulled', { devicePath, bytes: bytes.length });
  }
  return path.join(recorder.bundle.directory, packageFolder);
}

/** Pulls (or copies) and inspects the game's package; records a fault in the `package` area when it cannot. */
export async function capturePackage(recorder: CaptureRecorder, device: PackageSource, packageName: string, planPackageFile?: string): Promise<PackageInspection | undefined> {
  return planPackageFile
    ? recordPackageInspection(recorder, 'copied', () => copyPackageIntoBundle(recorder, planPackageFile))
    : recordPackageInspection(recorder, 'pulled from the device', () => pullInstalled(recorder, device, packageName));
}
