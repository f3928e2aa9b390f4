// npm run bench:batch — a programme of 10 offline demo web games (copies of the two demo plans
// with their own ids) captured, scored and reported by the real CLI, once at concurrency 1 and
// once at concurrency 5. Prints per-phase timings from the serial run's log, then as its last
// line: {"games":10,"serialSeconds":…,"parallelSeconds":…,"speedup":…,"overheadSecondsPerAudit":…}
// where the overhead is wall time per audit beyond its configured observation windows
// (launchSeconds + playSeconds), in the serial run. Targets on a 2-core machine: speedup ≥ 3,
// overhead ≤ 3 s per audit. Each run's CPU use is read from /proc/stat (the whole machine's, so run
// it on a quiet one): on a machine this small the parallel run is bound by CPU, and
// speedupBoundByCpu = serial wall time ÷ (parallel CPU seconds ÷ cores) is the most any
// scheduling could give without making each audit cheaper. speedupBoundBySerialCpu = serial wall
// time ÷ (serial CPU seconds ÷ cores) is the most even a parallel run that cost no more CPU than
// the serial one could give: the serial run's own load already caps the speedup.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copyDemoPlan, writeProgramme } from '../test/fixtures/programmes/demo-copies.ts';

const games = 10;
/** A short fixed observation window: long enough for the demo's launch traffic, short enough to show the overhead. */
const launchSeconds = 1;
const playSeconds = 1;
const projectRoot = path.resolve(import.meta.dirname, '..');
const cores = os.cpus().length;

const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-bench-batch-'));

function round(value: number, digits = 2): number {
  return Number(value.toFixed(digits));
}

/** Core-seconds the machine has spent busy since boot (Linux), or undefined elsewhere. */
function machineBusySeconds(): number | undefined {
  if (!existsSync('/proc/stat')) return undefined;
  // cpu  user nice system idle iowait irq softirq steal …, in clock ticks (100 a second on Linux).
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / 100;
}

/** Runs the programme through the CLI and returns its wall time, CPU use and run folder. */
function runProgramme(programme: string, concurrency: number): { seconds: number; cpuSeconds?: number; runDir: string } {
  const out = path.join(workspace, `runs-c${concurrency}`);
  const busyBefore = machineBusySeconds();
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [path.join(projectRoot, 'bin/gameaudit.js'), 'run', '--programme', programme, '--concurrency', String(concurrency), '--out', out], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const busyAfter = machineBusySeconds();
  const cpuSeconds = busyBefore === undefined || busyAfter === undefined ? undefined : busyAfter - busyBefore;
  if (run.status !== 0) throw new Error(`the run at concurrency ${concurrency} exited ${run.status}:\n${run.stderr}`);
  const [runId] = readdirSync(out);
  return { seconds, cpuSeconds, runDir: path.join(out, runId!) };
}

/** Mean seconds each audit spent between the progress states in run.log (opening → launch → … → complete). */
function phaseTimings(runDir: string): Record<string, number> {
  const lines = readFileSync(path.join(runDir, 'run.log'), 'utf8').trim().split('\n');
  const byAudit = new Map<string, Array<{ at: number; state: string }>>();
  for (const line of lines) {
    const match = /^(\S+) (\S+) \(web\): (\w+)/.exec(line);
    if (!match) continue;
    const list = byAudit.get(match[2]!) ?? [];
    list.push({ at: Date.parse(match[1]!), state: match[3]! });
    byAudit.set(match[2]!, list);
  }
  const totals: Record<string, number> = {};
  for (const states of byAudit.values()) {
    for (let position = 0; position + 1 < states.length; position++) {
      const state = states[position]!.state;
      totals[state] = (totals[state] ?? 0) + (states[position + 1]!.at - states[position]!.at) / 1000;
    }
  }
  return Object.fromEntries(Object.entries(totals).map(([state, seconds]) => [state, round(seconds / byAudit.size)]));
}

function cpuNote(run: { seconds: number; cpuSeconds?: number }): string {
  if (run.cpuSeconds === undefined) return '';
  const busy = (100 * run.cpuSeconds) / (run.seconds * cores);
  return `, machine busy ${run.cpuSeconds.toFixed(1)} core-s (${busy.toFixed(0)} % of ${cores} cores)`;
}

try {
  const plans = path.join(workspace, 'plans');
  mkdirSync(plans);
  const planFiles = Array.from({ length: games }, (_, index) =>
    copyDemoPlan(index % 2 === 0 ? 'demo-leaky' : 'demo-careful', plans, { id: `bench-game-${String(index + 1).padStart(2, '0')}`, launchSeconds, playSeconds }),
  );
  const programme = writeProgramme(plans, planFiles, { name: 'bench batch' });
  console.log(`bench:batch: ${games} offline demo web games, ${launchSeconds} s launch + ${playSeconds} s play each, ${cores} cores, load ${os.loadavg().map((load) => load.toFixed(2)).join(' ')}`);

  const serial = runProgramme(programme, 1);
  console.log(`concurrency 1: ${serial.seconds.toFixed(1)} s${cpuNote(serial)}`);
  console.log(`  mean seconds per audit in each state (serial): ${JSON.stringify(phaseTimings(serial.runDir))}`);
  const parallel = runProgramme(programme, 5);
  console.log(`concurrency 5: ${parallel.seconds.toFixed(1)} s${cpuNote(parallel)}`);
  console.log(`  mean seconds per audit in each state (parallel): ${JSON.stringify(phaseTimings(parallel.runDir))}`);

  const observationSeconds = launchSeconds + playSeconds;
  console.log(
    JSON.stringify({
      games,
      serialSeconds: round(serial.seconds, 1),
      parallelSeconds: round(parallel.seconds, 1),
      speedup: round(serial.seconds / parallel.seconds),
      overheadSecondsPerAudit: round(serial.seconds / games - observationSeconds),
      ...(parallel.cpuSeconds === undefined || serial.cpuSeconds === undefined
        ? {}
        : {
            cpuSecondsPerAudit: round(parallel.cpuSeconds / games),
            speedupBoundByCpu: round(serial.seconds / (parallel.cpuSeconds / cores)),
            speedupBoundBySerialCpu: round(serial.seconds / (serial.cpuSeconds / cores)),
          }),
    }),
  );
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
