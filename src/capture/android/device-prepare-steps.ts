// The adb commands that point an Android device at the capture proxy and make it trust our CA,
// and the commands that undo them. A pure function, so what `gameaudit device prepare` will
// do can be shown (--dry-run) and tested without a device.
import path from 'node:path';

export interface DevicePrepareOptions {
  serial: string;
  /** The proxy as the device reaches it; default: 10.0.2.2 on an emulator, else 127.0.0.1 through adb reverse. */
  proxyHost?: string;
  proxyPort?: number;
  /** The CA certificate (PEM) and its Android file name (<subject hash>.0), for a rooted emulator. */
  ca?: { file: string; androidName: string };
  /** Drop UDP 443 (rooted device) so apps fall back from QUIC to TLS over TCP, which the proxy reads. */
  blockQuic?: boolean;
  undo: boolean;
}

export interface AdbStep {
  /** Arguments after `adb`. */
  args: string[];
  why: string;
  /** A step whose failure does not stop the rest (undoing something that may not be there). */
  optional?: boolean;
}

export const systemCaDirectory = '/system/etc/security/cacerts';

export function isEmulatorSerial(serial: string): boolean {
  return serial.startsWith('emulator-');
}

export function buildDevicePrepareSteps(options: DevicePrepareOptions): AdbStep[] {
  const adb = (args: string[], why: string, optional = false): AdbStep => ({ args: ['-s', options.serial, ...args], why, ...(optional ? { optional } : {}) });
  const emulator = isEmulatorSerial(options.serial);
  const host = options.proxyHost ?? (emulator ? '10.0.2.2' : '127.0.0.1');
  // A USB phone reaches the host's loopback only through a reverse port forward.
  const needsReverse = !emulator && host === '127.0.0.1' && options.proxyPort !== undefined;
  const steps: AdbStep[] = [];

  if (!options.undo) {
    if (options.proxyPort !== undefined) {
      if (needsReverse) steps.push(adb(['reverse', `tcp:${options.proxyPort}`, `tcp:${options.proxyPort}`], 'forward the phone\'s port to the proxy on this machine (USB)'));
      steps.push(adb(['shell', 'settings', 'put', 'global', 'http_proxy', `${host}:${options.proxyPort}`], 'send the device\'s HTTP(S) traffic to the capture proxy'));
    }
    if (options.ca) {
      const target = `${systemCaDirectory}/${options.ca.androidName}`;
      steps.push(
        adb(['root'], 'restart adbd as root (emulator images without Google Play only)'),
        adb(['wait-for-device'], 'wait for adbd to come back'),
        adb(['remount'], 'make /system writable (emulator started with -writable-system)'),
        adb(['push', path.resolve(options.ca.file), target], 'install the CA as a system certificate under its subject-hash name'),
        adb(['shell', 'chmod', '644', target], 'system certificates must be world-readable'),
        adb(['reboot'], 'the certificate store is read at boot'),
      );
    }
    if (options.blockQuic) {
      if (options.ca) steps.push(adb(['wait-for-device'], 'wait for the reboot'), adb(['root'], 'adbd as root again after the reboot'));
      else steps.push(adb(['root'], 'restart adbd as root (needed for the firewall)'), adb(['wait-for-device'], 'wait for adbd to come back'));
      steps.push(
        adb(['shell', 'iptables', '-I', 'OUTPUT', '-p', 'udp', '--dport', '443', '-j', 'REJECT'], 'block QUIC (IPv4) so traffic uses TLS over TCP through the proxy'),
        adb(['shell', 'ip6tables', '-I', 'OUTPUT', '-p', 'udp', '--dport', '443', '-j', 'REJECT'], 'block QUIC (IPv6)', true),
      );
    }
    return steps;
  }

  steps.push(adb(['shell', 'settings', 'put', 'global', 'http_proxy', ':0'], 'remove the device proxy', true));
  if (options.proxyPort !== undefined && needsReverse) steps.push(adb(['reverse', '--remove', `tcp:${options.proxyPort}`], 'remove the reverse port forward', true));
  if (options.proxyPort === undefined && !emulator) steps.push(adb(['reverse', '--remove-all'], 'remove every reverse port forward', true));
  if (options.blockQuic) {
    steps.push(
      adb(['root'], 'restart adbd as root (needed for the firewall)'),
      adb(['wait-for-device'], 'wait for adbd to come back'),
      adb(['shell', 'iptables', '-D', 'OUTPUT', '-p', 'udp', '--dport', '443', '-j', 'REJECT'], 'unblock QUIC (IPv4)', true),
      adb(['shell', 'ip6tables', '-D', 'OUTPUT', '-p', 'udp', '--dport', '443', '-j', 'REJECT'], 'unblock QUIC (IPv6)', true),
    );
  }
  if (options.ca) {
    const target = `${systemCaDirectory}/${options.ca.androidName}`;
    steps.push(
      adb(['root'], 'restart adbd as root'),
      adb(['wait-for-device'], 'wait for adbd to come back'),
      adb(['remount'], 'make /system writable'),
      adb(['shell', 'rm', '-f', target], 'remove our CA from the system certificates', true),
      adb(['reboot'], 'the certificate store is read at boot'),
    );
  }
  return steps;
}

/** How a step reads in a terminal. */
export function formatStep(step: AdbStep): string {
  return `adb ${step.args.map((arg) => (/[\s'"]/.test(arg) ? `'${arg.replace(/'/g, "'\\''")}'` : arg)).join(' ')}`;
}
