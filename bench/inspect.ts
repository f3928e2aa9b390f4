// npm run bench:inspect — builds (once, then reuses) a 200 MB APK with 8 DEX files and inspects
// it as `gameaudit inspect` does (streamed reading, every DEX's class table, SDK matching, SHA-256
// of the whole file), then prints the figures. Targets (issue 16): under 10 s, under 300 MB peak RSS.
// The APK is written under the OS temp folder (not committed): the fixture Leaky Runner's binary
// manifest, 8 DEX files of 60,000 classes each (game code plus the catalogued SDKs' classes), and
// an incompressible 196 MB asset standing in for a game's textures and sounds.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspectPackage } from '../src/inspect/inspect-package.ts';
import { walkZip } from '../src/inspect/zip-archive.ts';
import { writeDex } from '../test/fixtures/packages/dex-writer.ts';

const dexFiles = 8;
const classesPerDex = 60_000;
const assetMb = 196;
const cacheDir = path.join(os.tmpdir(), 'gameaudit-bench-inspect');
const apk = path.join(cacheDir, `bench-${dexFiles}dex-${classesPerDex}-${assetMb}mb.apk`);
const sdkClasses = ['com.google.android.gms.ads.MobileAds', 'com.unity3d.ads.UnityAds', 'com.applovin.sdk.AppLovinSdk', 'com.ironsource.mediationsdk.IronSource', 'com.facebook.ads.AudienceNetworkAds', 'com.adjust.sdk.Adjust'];

async function buildApk(): Promise<void> {
  const work = path.join(cacheDir, 'build');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(path.join(work, 'assets'), { recursive: true });
  await walkZip(path.resolve(import.meta.dirname, '../test/fixtures/packages/leaky-runner.apk'), (entry) =>
    entry.name === 'AndroidManifest.xml' ? { kind: 'buffer', use: (content) => writeFileSync(path.join(work, 'AndroidManifest.xml'), content) } : { kind: 'skip' },
  );
  for (let dex = 1; dex <= dexFiles; dex += 1) {
    const classes = Array.from({ length: classesPerDex }, (_, index) => `com.benchgame.module${dex}.feature${Math.floor(index / 500)}.GeneratedClass${index}`);
    classes.push(...sdkClasses.map((name) => `${name}${dex}`));
    writeFileSync(path.join(work, dex === 1 ? 'classes.dex' : `classes${dex}.dex`), writeDex(classes));
  }
  const asset = openSync(path.join(work, 'assets', 'textures.bin'), 'w');
  for (let mb = 0; mb < assetMb; mb += 1) writeSync(asset, randomBytes(1024 * 1024));
  closeSync(asset);
  rmSync(apk, { force: true });
  // Debian's zip, as build tools lay out an APK: DEX files deflated, the big asset stored.
  const zipped = spawnSync('zip', ['-q', '-X', '-r', '-n', '.bin', apk, 'AndroidManifest.xml', ...Array.from({ length: dexFiles }, (_, index) => (index === 0 ? 'classes.dex' : `classes${index + 1}.dex`)), 'assets'], { cwd: work, stdio: 'inherit' });
  if (zipped.error || zipped.status !== 0) throw new Error('building the benchmark APK needs Debian\'s zip (apt-get install zip)');
  rmSync(work, { recursive: true, force: true });
}

/** Inspects the APK and prints the figures: run in a process of its own, so building the APK costs it no memory. */
async function measure(): Promise<void> {
  const apkMb = statSync(apk).size / 1024 / 1024;
  const started = process.hrtime.bigint();
  const inspection = await inspectPackage(apk);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // maxRSS is in kilobytes: the whole process's peak, node and the loaded modules included.
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `Inspected ${apkMb.toFixed(1)} MB: ${inspection.android!.dexFiles.length} DEX files, ${inspection.android!.classCount.toLocaleString('en-GB')} classes, ${inspection.sdks.length} SDKs, ${inspection.unreadable.length} unreadable parts, in ${seconds.toFixed(2)} s; peak RSS ${peakRssMb.toFixed(0)} MB\n`,
  );
  process.stdout.write(`${JSON.stringify({ apkMb: Number(apkMb.toFixed(1)), dexFiles: inspection.android!.dexFiles.length, seconds: Number(seconds.toFixed(2)), peakRssMb: Number(peakRssMb.toFixed(0)) })}\n`);
}

if (process.env.GAMEAUDIT_BENCH_INSPECT_MEASURE === '1') {
  await measure();
} else {
  mkdirSync(cacheDir, { recursive: true });
  if (!existsSync(apk)) {
    process.stdout.write(`Building ${apk} (once; reused by later runs)…\n`);
    await buildApk();
  }
  const child = spawnSync(process.execPath, [...process.execArgv, import.meta.filename], { stdio: 'inherit', env: { ...process.env, GAMEAUDIT_BENCH_INSPECT_MEASURE: '1' } });
  process.exitCode = child.status ?? 1;
}
