// gameaudit run: audit the games of a programme (or one plan), score them and render reports.
import path from 'node:path';
import type { Command } from 'commander';
import { prepareCaFolder } from '../capture/proxy/ca-folder.ts';
import { UserError } from '../errors.ts';
import { requireTrustedDeviceCa } from './device-ca-rule.ts';
import { loadPlan, loadProgramme, type LoadedProgramme } from '../plan/load.ts';
import { PlatformSchema, type Platform } from '../plan/schema.ts';
import { interruptSignal } from './interrupt.ts';
import { checkSelection, selectedAudits } from './programme-runner.ts';
import { requireAssistedRunnable } from './assisted-capture.ts';
import { createRunDir, readRunRecord, writeRunRecord, type RunRecord } from './run-dir.ts';
import { lockRunDir } from './run-lock.ts';
import { executeRun, type FailOn } from './run-execution.ts';

interface RunOptions {
  plan?: string;
  programme?: string;
  only?: string;
  platform?: string;
  concurrency?: string;
  out: string;
  resume?: string;
  failOn?: string;
  proxyHost?: string;
  keepCa?: boolean;
  caDir?: string;
  allowUnreadableHttps?: boolean;
  proxyPort?: string;
  assisted?: boolean;
  withoutAppium?: boolean;
}

/** A single plan runs as a programme of one, on the devices of no programme (web, or --device later). */
export function programmeOfPlan(file: string): LoadedProgramme {
  const loadedPlan = loadPlan(file);
  return {
    file,
    programme: { name: loadedPlan.plan.title, games: [file], devices: [], concurrency: 1 },
    plans: [loadedPlan],
    devices: [],
  };
}

function parsePlatform(value: string | undefined): Platform | undefined {
  if (value === undefined) return undefined;
  const parsed = PlatformSchema.safeParse(value);
  if (!parsed.success) throw new UserError(`--platform: "${value}" is not a platform; use web, android or ios`);
  return parsed.data;
}

function parseConcurrency(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 16) throw new UserError(`--concurrency: "${value}" must be a whole number from 1 to 16`);
  return number;
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UserError(`--proxy-port: "${value}" must be a port number from 1 to 65535`);
  return port;
}

function parseFailOn(value: string | undefined): FailOn | undefined {
  if (value === undefined) return undefined;
  if (value !== 'fail' && value !== 'concerns') throw new UserError(`--fail-on: "${value}" must be fail or concerns`);
  return value;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('Capture, score and report the games of a programme or one plan')
    .option('--programme <file>', 'a programme file listing plans and devices (audits/programme.yaml)')
    .option('--plan <file>', 'one game plan instead of a programme (audits/<game>.yaml)')
    .option('--only <ids>', 'only these games of the programme, comma-separated ids')
    .option('--platform <platform>', 'only this platform: web, android or ios (default: every platform a plan has)')
    .option('--concurrency <n>', 'web captures at once (default: the programme\'s concurrency); each device always runs one audit at a time')
    .option('--out <dir>', 'where run folders are written', 'runs')
    .option('--resume <run-dir>', 'carry on an earlier run: keep its complete, verified bundles and redo the rest')
    .option('--fail-on <level>', 'exit 4 when any standard reaches this level: fail (does not conform) or concerns')
    .option('--proxy-host <host>', 'address the capture proxy listens on (default 127.0.0.1; a device on the network needs another, with a warning)')
    .option('--keep-ca', "keep the run's CA key and certificate after the run (for installing on a device)")
    .option('--ca-dir <dir>', 'use the device CA kept in this folder (made on first use; install its ca.pem once with `gameaudit device prepare --ca`) instead of a per-run CA')
    .option('--allow-unreadable-https', "run on a real device without --ca-dir: its HTTPS is then unreadable, and the report says so at the top")
    .option('--proxy-port <port>', 'a fixed port for the capture proxy (the port a device was prepared with); the run then captures one game at a time. Default: a free port for each capture')
    .option('--assisted', 'an investigator plays each game by hand on the device; the terminal shows the phase and takes keys (n s m q; Enter e x for readings). A plan\'s "assisted: true" does this for one game')
    .option('--without-appium', 'assisted captures with no Appium session: the phone is already pointed at the proxy (device prepare, or its Wi-Fi proxy, with --proxy-port); screenshots through adb or idevicescreenshot when installed')
    .addHelpText(
      'after',
      `
Examples:
  gameaudit run --programme audits/programme.yaml
  gameaudit run --programme audits/demo/programme.yaml --only demo-leaky --platform web
  gameaudit run --resume runs/2026-11-23T1130Z-programme
  gameaudit run --plan audits/demo/demo-careful.yaml --fail-on concerns
  gameaudit run --programme audits/programme.yaml --only roblox --platform android --assisted
  gameaudit run --programme audits/programme.yaml --only roblox --platform android --assisted --without-appium --proxy-port 8899`,
    )
    .action(async (options: RunOptions) => {
      const platform = parsePlatform(options.platform);
      const concurrency = parseConcurrency(options.concurrency);
      const failOn = parseFailOn(options.failOn);
      const proxyPort = parsePort(options.proxyPort);
      if (proxyPort !== undefined && concurrency !== undefined && concurrency > 1) {
        throw new UserError(
          `--proxy-port ${proxyPort} and --concurrency ${concurrency} cannot go together: every capture's proxy would listen on port ${proxyPort}, so only one capture can run at a time. Leave out --concurrency (the run then captures one game at a time), or leave out --proxy-port (each capture takes a free port)`,
        );
      }
      let only = options.only ? options.only.split(',').map((id) => id.trim()).filter(Boolean) : undefined;

      let record: RunRecord;
      let runDir: string;
      if (options.resume) {
        if (options.plan || options.programme) throw new UserError('--resume carries on the run as it was started; leave out --plan and --programme');
        runDir = path.resolve(options.resume);
        const previous = readRunRecord(runDir);
        // --assisted and --without-appium cannot be switched off on resume: the rest is played as the run began.
        record = {
          ...previous,
          only: only ?? previous.only,
          platform: platform ?? previous.platform,
          ...(options.assisted || previous.assisted ? { assisted: true } : {}),
          ...(options.withoutAppium || previous.withoutAppium ? { withoutAppium: true } : {}),
        };
        only = record.only;
      } else {
        if (Boolean(options.plan) === Boolean(options.programme)) throw new UserError('give one of --programme <file> or --plan <file> (or --resume <run-dir>)');
        const file = (options.programme ?? options.plan)!;
        record = {
          source: { kind: options.programme ? 'programme' : 'plan', file: path.resolve(file) },
          only,
          platform,
          startedAt: new Date().toISOString(),
          ...(options.assisted ? { assisted: true } : {}),
          ...(options.withoutAppium ? { withoutAppium: true } : {}),
        };
        runDir = '';
      }
      // Load (and so validate) everything before a run folder is made: bad input leaves nothing behind.
      const programme = record.source.kind === 'programme' ? loadProgramme(record.source.file) : programmeOfPlan(record.source.file);
      checkSelection({ programme, only, platform: record.platform });
      requireTrustedDeviceCa({ programme, only, platform: record.platform, caDir: options.caDir, allowUnreadableHttps: options.allowUnreadableHttps });
      const assisted = Boolean(record.assisted);
      const withoutAppium = Boolean(record.withoutAppium);
      requireAssistedRunnable(selectedAudits({ programme, only, platform: record.platform }), assisted, { withoutAppium, proxyPort, devices: programme.devices });
      if (options.caDir) prepareCaFolder(path.resolve(options.caDir));
      if (!options.resume) runDir = createRunDir(options.out, path.basename(record.source.file).replace(/\.ya?ml$/, ''));
      const lock = lockRunDir(runDir, options.resume ? 'gameaudit run --resume' : 'gameaudit run');
      if (!options.resume) writeRunRecord(runDir, record);
      process.stdout.write(`Run folder: ${runDir}\n`);
      const outcome = await executeRun({
        programme,
        runDir,
        signal: interruptSignal(),
        only,
        platform: record.platform,
        concurrency,
        resume: Boolean(options.resume),
        failOn,
        proxyHost: options.proxyHost,
        keepCa: options.keepCa,
        caDir: options.caDir,
        allowUnreadableHttps: options.allowUnreadableHttps,
        proxyPort,
        assisted,
        withoutAppium,
      }).finally(() => lock.release());
      process.stdout.write(outcome.indexHtml ? `Report: ${outcome.indexHtml}\n` : `No audit could be scored; the evidence is in ${runDir}\n`);
      process.exitCode = outcome.exitCode;
    });
}
