// `gameaudit device prepare`: points an Android device at the capture proxy and makes it trust
// the capture CA (rooted emulator), or undoes both with --undo. --dry-run prints the adb
// commands instead of running them.
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import { runAdbSteps } from '../capture/android/adb-runner.ts';
import { androidCaFileName } from '../capture/android/ca-subject-hash.ts';
import { buildDevicePrepareSteps, formatStep } from '../capture/android/device-prepare-steps.ts';

interface PrepareFlags {
  serial: string;
  proxyHost?: string;
  proxyPort?: string;
  ca?: string;
  blockQuic?: boolean;
  undo?: boolean;
  dryRun?: boolean;
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UserError(`--proxy-port: "${value}" is not a port; give a number from 1 to 65535`);
  return port;
}

function caFor(file: string | undefined): { file: string; androidName: string } | undefined {
  if (!file) return undefined;
  if (!existsSync(file)) throw new UserError(`--ca: ${file} not found; give the capture CA certificate (PEM)`);
  try {
    return { file, androidName: androidCaFileName(readFileSync(file, 'utf8')) };
  } catch (error) {
    throw new UserError(`--ca: ${file} is not a PEM certificate (${(error as Error).message})`);
  }
}

export function registerDevice(program: Command): void {
  const device = program.command('device').description('Prepare an Android device for capture (proxy, CA)');
  device
    .command('prepare')
    .description('Point a device at the capture proxy and install the CA (rooted emulator); --undo reverses it')
    .requiredOption('--serial <serial>', 'adb serial of the device (adb devices)')
    .option('--proxy-host <host>', 'proxy address as the device sees it (default: 10.0.2.2 on an emulator, 127.0.0.1 with adb reverse on USB)')
    .option('--proxy-port <port>', 'proxy port')
    .option('--ca <file>', 'CA certificate (PEM) to install as a system certificate (rooted emulator only)')
    .option('--block-quic', 'drop UDP 443 on the device (rooted) so apps fall back to TLS over TCP')
    .option('--undo', 'remove the proxy setting, the reverse forward, the QUIC block and the CA')
    .option('--dry-run', 'print the adb commands without running them')
    .action((flags: PrepareFlags) => {
      const steps = buildDevicePrepareSteps({ serial: flags.serial, proxyHost: flags.proxyHost, proxyPort: parsePort(flags.proxyPort), ca: caFor(flags.ca), blockQuic: Boolean(flags.blockQuic), undo: Boolean(flags.undo) });
      if (steps.length === 0) throw new UserError('nothing to do: give --proxy-port, --ca and/or --block-quic (with --undo to reverse them)');
      if (flags.dryRun) {
        for (const step of steps) process.stdout.write(`${formatStep(step)}    # ${step.why}\n`);
        return;
      }
      const results = runAdbSteps(steps, (step) => process.stdout.write(`${formatStep(step)}\n`));
      const skipped = results.filter((result) => !result.ok);
      for (const result of skipped) process.stdout.write(`  (not needed: ${result.output.split('\n')[0] || 'failed'})\n`);
      process.stdout.write(flags.undo ? 'Device restored.\n' : 'Device prepared.\n');
    });
}
