// Files the simulated device holds, for Appium's pullFile (POST /appium/device/pull_file, what
// `adb pull` is over WebDriver): the device file's `files:` list maps a device path (as `pm path`
// prints it) to a file beside the device file. Read when asked, so the device file's loader is
// untouched. A path the list does not hold is an error, as adb's "does not exist" is.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { errors } from 'appium/driver.js';
import { parse as parseYaml } from 'yaml';

/** @returns {Map<string, string>} device path → absolute file on the host */
export function deviceFiles(deviceFile) {
  const raw = parseYaml(readFileSync(deviceFile, 'utf8'));
  const list = raw?.files ?? [];
  if (!Array.isArray(list)) throw new errors.InvalidArgumentError(`${deviceFile}: files: must be a list of { path: <device path>, file: <file beside the device file> }`);
  return new Map(
    list.map((entry, index) => {
      if (typeof entry?.path !== 'string' || typeof entry?.file !== 'string') {
        throw new errors.InvalidArgumentError(`${deviceFile}: files[${index}]: must be { path: <device path>, file: <file beside the device file> }`);
      }
      return [entry.path, path.resolve(path.dirname(deviceFile), entry.file)];
    }),
  );
}

/** The file's bytes, base64-encoded, as UiAutomator2's pullFile returns them. */
export async function pullFile(remotePath) {
  if (typeof remotePath !== 'string' || remotePath === '') throw new errors.InvalidArgumentError('pullFile needs a "path"');
  const host = deviceFiles(this.device.file).get(remotePath);
  if (!host || !existsSync(host)) throw new errors.UnknownError(`remote object '${remotePath}' does not exist on the simulated device (its device file's files: list does not hold it)`);
  this.record('pull', remotePath);
  return readFileSync(host).toString('base64');
}
