// Parses `dumpsys package <pkg>`: the permissions the app declares, those granted at install
// time, and the runtime permissions per Android user with their granted state and flags.
// The format is PackageManagerService's dump (stable from Android 10 to 15 for these parts).
import { adbLines, indentOf } from './adb-text.ts';

export interface PermissionState {
  name: string;
  granted: boolean;
  flags: string[];
}

export interface DumpsysPackage {
  packageName: string;
  /** Linux uid of the app (userId= / appId= line), used for `appops get --uid`. */
  appUid?: number;
  versionName?: string;
  versionCode?: number;
  targetSdk?: number;
  requested: string[];
  install: PermissionState[];
  /** Runtime permissions per Android user id (0 = owner, 10+ = secondary users / work profile). */
  runtimeByUser: Map<number, PermissionState[]>;
  /** Users the package is installed for. */
  installedUsers: number[];
}

/** "android.permission.X: granted=false, flags=[ USER_SET|USER_FIXED ]" */
function parsePermissionLine(line: string): PermissionState | undefined {
  const match = line.trim().match(/^([\w.]+): granted=(true|false)(?:, flags=\[\s*([^\]]*?)\s*\])?/);
  if (!match) return undefined;
  const flags = (match[3] ?? '').split(/[|\s]+/).filter(Boolean);
  return { name: match[1]!, granted: match[2] === 'true', flags };
}

/** Returns undefined when the package is not on the device ("Unable to find package"). */
export function parseDumpsysPackage(output: string, packageName: string): DumpsysPackage | undefined {
  const lines = adbLines(output);
  // Only the package's own block under "Packages:"; a later "Hidden system packages:" block
  // repeats the package with its factory state, which is not what the player has.
  const start = lines.findIndex((line) => line.trim().startsWith(`Package [${packageName}]`));
  if (start < 0) return undefined;
  const blockIndent = indentOf(lines[start]!);
  const result: DumpsysPackage = { packageName, requested: [], install: [], runtimeByUser: new Map(), installedUsers: [] };

  let list: 'requested' | 'install' | 'runtime' | 'other' = 'other';
  let listIndent = 0;
  let currentUser: number | undefined;
  for (let index = start + 1; index < lines.length; index++) {
    const line = lines[index]!;
    if (!line.trim()) continue;
    const indent = indentOf(line);
    if (indent <= blockIndent) break; // next package or next top-level section
    const text = line.trim();

    if (list !== 'other' && indent > listIndent) {
      if (list === 'requested') {
        // Android 10+ marks restricted permissions: "android.permission.READ_SMS: restricted=true"
        const name = text.split(':')[0]!.trim();
        if (/^[\w.]+$/.test(name)) result.requested.push(name);
      } else {
        const permission = parsePermissionLine(text);
        if (permission && list === 'install') result.install.push(permission);
        if (permission && list === 'runtime' && currentUser !== undefined) result.runtimeByUser.get(currentUser)!.push(permission);
      }
      continue;
    }
    list = 'other';

    const user = text.match(/^User (\d+):(.*)$/);
    if (user) {
      currentUser = Number(user[1]);
      if (!result.runtimeByUser.has(currentUser)) result.runtimeByUser.set(currentUser, []);
      if (/\binstalled=true\b/.test(user[2] ?? '')) result.installedUsers.push(currentUser);
      continue;
    }
    if (text === 'requested permissions:') {
      list = 'requested';
      listIndent = indent;
    } else if (text === 'install permissions:') {
      list = 'install';
      listIndent = indent;
    } else if (text === 'runtime permissions:') {
      list = 'runtime';
      listIndent = indent;
    } else if (/^(?:userId|appId)=\d+/.test(text) && result.appUid === undefined) {
      // "userId=" up to Android 12, "appId=" from Android 13: the same app uid.
      result.appUid = Number(text.match(/^(?:userId|appId)=(\d+)/)?.[1]);
    } else if (text.startsWith('versionName=')) {
      result.versionName = text.slice('versionName='.length);
    } else if (text.startsWith('versionCode=')) {
      const code = text.match(/^versionCode=(\d+)/);
      const target = text.match(/targetSdk=(\d+)/);
      if (code) result.versionCode = Number(code[1]);
      if (target) result.targetSdk = Number(target[1]);
    }
  }
  return result;
}
