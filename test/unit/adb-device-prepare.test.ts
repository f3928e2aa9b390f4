import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAdbSteps } from '../../src/capture/android/adb-runner.ts';
import { androidCaFileName } from '../../src/capture/android/ca-subject-hash.ts';
import { buildDevicePrepareSteps, formatStep } from '../../src/capture/android/device-prepare-steps.ts';
import { UserError } from '../../src/errors.ts';

const caFile = new URL('../fixtures/adb/capture-ca.pem', import.meta.url).pathname;
const commands = (steps: ReturnType<typeof buildDevicePrepareSteps>): string[] => steps.map(formatStep);
const scratch: string[] = [];
afterEach(() => {
  for (const directory of scratch.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe('device prepare', () => {
  it('names the CA file as `openssl x509 -subject_hash_old` does', () => {
    // 8a811322 was printed by `openssl x509 -in capture-ca.pem -noout -subject_hash_old`
    expect(androidCaFileName(readFileSync(caFile, 'utf8'))).toBe('8a811322.0');
  });

  it('points an emulator at the host through 10.0.2.2 and installs the CA as a system certificate', () => {
    const steps = buildDevicePrepareSteps({ serial: 'emulator-5554', proxyPort: 8080, ca: { file: caFile, androidName: '8a811322.0' }, undo: false });
    expect(commands(steps)).toEqual([
      'adb -s emulator-5554 shell settings put global http_proxy 10.0.2.2:8080',
      'adb -s emulator-5554 root',
      'adb -s emulator-5554 wait-for-device',
      'adb -s emulator-5554 remount',
      `adb -s emulator-5554 push ${caFile} /system/etc/security/cacerts/8a811322.0`,
      'adb -s emulator-5554 shell chmod 644 /system/etc/security/cacerts/8a811322.0',
      'adb -s emulator-5554 reboot',
    ]);
  });

  it('uses adb reverse for a USB phone, and a given host without it', () => {
    expect(commands(buildDevicePrepareSteps({ serial: 'R58M12345', proxyPort: 8899, undo: false }))).toEqual([
      'adb -s R58M12345 reverse tcp:8899 tcp:8899',
      'adb -s R58M12345 shell settings put global http_proxy 127.0.0.1:8899',
    ]);
    expect(commands(buildDevicePrepareSteps({ serial: 'R58M12345', proxyHost: '192.168.1.20', proxyPort: 8899, undo: false }))).toEqual([
      'adb -s R58M12345 shell settings put global http_proxy 192.168.1.20:8899',
    ]);
  });

  it('undoes everything it did, tolerating what is already gone', () => {
    const steps = buildDevicePrepareSteps({ serial: 'R58M12345', proxyPort: 8899, ca: { file: caFile, androidName: '8a811322.0' }, undo: true });
    expect(commands(steps)).toEqual([
      'adb -s R58M12345 shell settings put global http_proxy :0',
      'adb -s R58M12345 reverse --remove tcp:8899',
      'adb -s R58M12345 root',
      'adb -s R58M12345 wait-for-device',
      'adb -s R58M12345 remount',
      'adb -s R58M12345 shell rm -f /system/etc/security/cacerts/8a811322.0',
      'adb -s R58M12345 reboot',
    ]);
    expect(steps.filter((step) => step.optional).map((step) => step.args.slice(2, 4).join(' '))).toEqual(['shell settings', 'reverse --remove', 'shell rm']);
  });

  it('blocks QUIC on a rooted device and lifts the block on undo', () => {
    expect(commands(buildDevicePrepareSteps({ serial: 'emulator-5554', blockQuic: true, undo: false }))).toEqual([
      'adb -s emulator-5554 root',
      'adb -s emulator-5554 wait-for-device',
      'adb -s emulator-5554 shell iptables -I OUTPUT -p udp --dport 443 -j REJECT',
      'adb -s emulator-5554 shell ip6tables -I OUTPUT -p udp --dport 443 -j REJECT',
    ]);
    expect(commands(buildDevicePrepareSteps({ serial: 'emulator-5554', blockQuic: true, undo: true })).slice(1)).toEqual([
      'adb -s emulator-5554 root',
      'adb -s emulator-5554 wait-for-device',
      'adb -s emulator-5554 shell iptables -D OUTPUT -p udp --dport 443 -j REJECT',
      'adb -s emulator-5554 shell ip6tables -D OUTPUT -p udp --dport 443 -j REJECT',
    ]);
  });

  it('says plainly when adb is not installed', () => {
    expect(() => runAdbSteps(buildDevicePrepareSteps({ serial: 'emulator-5554', proxyPort: 8080, undo: false }), undefined, '/nonexistent/adb')).toThrow(UserError);
    expect(() => runAdbSteps([], undefined, '/nonexistent/adb')).toThrow(/adb was not found on PATH/);
  });

  it('runs the steps in order and stops at the first required one that fails', () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'fake-adb-'));
    scratch.push(directory);
    const log = path.join(directory, 'calls.log');
    const fakeAdb = path.join(directory, 'adb');
    // A stand-in adb: logs its arguments; "remount" fails the way a non-writable system image does.
    writeFileSync(fakeAdb, `#!/bin/sh\necho "$*" >> ${log}\ncase "$*" in *remount*) echo "remount failed: Operation not permitted" >&2; exit 1;; esac\nexit 0\n`);
    chmodSync(fakeAdb, 0o755);
    const steps = buildDevicePrepareSteps({ serial: 'emulator-5554', proxyPort: 8080, ca: { file: caFile, androidName: '8a811322.0' }, undo: false });
    expect(() => runAdbSteps(steps, undefined, fakeAdb)).toThrow(/adb -s emulator-5554 remount" failed .*Operation not permitted/);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
      'version',
      '-s emulator-5554 shell settings put global http_proxy 10.0.2.2:8080',
      '-s emulator-5554 root',
      '-s emulator-5554 wait-for-device',
      '-s emulator-5554 remount',
    ]);
  });
});
