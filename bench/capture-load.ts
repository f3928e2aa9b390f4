// Benchmark: captures the load fixture game (test/fixtures/games/load-game) through the real
// proxy and Chromium — 10,000 POSTs with 1–4 KB JSON bodies to 300 hosts — and prints what the
// game sent against what the HAR holds, the time taken and the peak memory of the capture
// process and of the proxy process. Asserts nothing; the last line is JSON.
// Run: npm run bench:capture   (REQUESTS=2000 npm run bench:capture for a quicker run; for more
// than 10,000 give the game time too, e.g. REQUESTS=30000 LAUNCH_SECONDS=150)
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { auditGame } from '../src/cli/audit-game.ts';
import { readBundle } from '../src/evidence/bundle-reader.ts';
import { loadPlan } from '../src/plan/load.ts';
import { countStorm, loadGamePlanFile } from '../test/fixtures/games/load-game/count-storm.ts';

const requests = Number(process.env.REQUESTS ?? 10_000);
const parallel = Number(process.env.PARALLEL ?? 48);
const launchSeconds = process.env.LAUNCH_SECONDS === undefined ? undefined : Number(process.env.LAUNCH_SECONDS);

/** Peak resident set of a process so far (VmHWM), in MB; undefined once it has exited. */
function peakRssMb(pid: number): number | undefined {
  const status = `/proc/${pid}/status`;
  if (!existsSync(status)) return undefined;
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(status, 'utf8'));
  return match ? Number(match[1]) / 1024 : undefined;
}

const loaded = loadPlan(loadGamePlanFile);
const web = loaded.plan.platforms.web!;
const session = launchSeconds === undefined ? loaded.plan.session : { ...loaded.plan.session, launchSeconds };
const loadedPlan = { ...loaded, plan: { ...loaded.plan, session, platforms: { web: { ...web, url: `${web.url}?requests=${requests}&parallel=${parallel}` } } } };
const runDir = mkdtempSync(path.join(os.tmpdir(), 'bench-capture-load-'));
let proxyPid: number | undefined;
let proxyPeakMb = 0;
const sampler = setInterval(() => {
  if (proxyPid !== undefined) proxyPeakMb = Math.max(proxyPeakMb, peakRssMb(proxyPid) ?? 0);
}, 200);

const rssMainBeforeMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
const started = performance.now();
try {
  const outcome = await auditGame({
    loadedPlan,
    platform: 'web',
    runDir,
    onProxyStarted: (proxy) => {
      proxyPid = proxy.pid;
    },
    onProgress: (progress) => {
      if (proxyPid !== undefined) proxyPeakMb = Math.max(proxyPeakMb, peakRssMb(proxyPid) ?? 0);
      process.stderr.write(`${progress.phase}: ${progress.requests} requests\n`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  // Taken before this script reads the HAR back to count it, which is not part of the capture.
  const peakRssMainMb = Math.round(process.resourceUsage().maxRSS / 1024);
  clearInterval(sampler);
  const count = countStorm(readBundle(outcome.bundleDir).har);
  const harMb = Number((readFileSync(path.join(outcome.bundleDir, 'network.har')).byteLength / 1024 / 1024).toFixed(1));
  const figures = {
    requestsPlanned: requests,
    requestsSent: count.game?.sent ?? null,
    entriesCaptured: count.entries,
    uniqueIds: count.uniqueIds,
    lost: count.missingIds.length,
    damagedBodies: count.damagedBodies,
    gameSeconds: count.game ? (count.game.endedAt - count.game.startedAt) / 1000 : null,
    captureSeconds: Number(seconds.toFixed(1)),
    captureStatus: outcome.evidence.status,
    harMb,
    rssMainBeforeMb,
    peakRssMainMb,
    peakRssProxyMb: Math.round(proxyPeakMb),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} finally {
  clearInterval(sampler);
  rmSync(runDir, { recursive: true, force: true });
}
