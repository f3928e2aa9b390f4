// The part of a device capture's package step both Appium backends share: the package file (a
// plan's own .apk/.apks/.xapk/.ipa, or the APKs pulled from an Android device) put into the
// bundle under package/, where the manifest seals its hash, and its inventory stored as
// evidence.packageInspection. A failure is a fault in the `package` area, never an empty inventory.
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { inspectPackage } from '../../inspect/inspect-package.ts';
import type { PackageInspection } from '../../inspect/package-inspection-schema.ts';
import type { CaptureRecorder } from '../recorder.ts';

export const packageFolder = 'package';

/** Copies the plan's package file into the bundle; returns its path there. */
export async function copyPackageIntoBundle(recorder: CaptureRecorder, planFile: string): Promise<string> {
  await mkdir(path.join(recorder.bundle.directory, packageFolder), { recursive: true });
  const target = path.join(recorder.bundle.directory, packageFolder, path.basename(planFile));
  await copyFile(planFile, target);
  recorder.event('package-copied', { from: planFile });
  return target;
}

/** Inspects what `locate` put into the bundle and stores the inventory; records a fault when either fails. */
export async function recordPackageInspection(recorder: CaptureRecorder, how: string, locate: () => Promise<string>): Promise<PackageInspection | undefined> {
  try {
    const input = await locate();
    const inspection = await inspectPackage(input, { displayPath: (file) => path.relative(recorder.bundle.directory, file).split(path.sep).join('/') });
    recorder.draft.packageInspection = inspection;
    recorder.event('package-inspected', { files: inspection.files.map((file) => ({ path: file.path, sha256: file.sha256 })), sdks: inspection.sdks.length, unreadable: inspection.unreadable.length });
    return inspection;
  } catch (error) {
    recorder.markIncomplete(`The app package could not be ${how} and inspected: ${(error as Error).message}`, ['package']);
    return undefined;
  }
}
