// npm run bench:ocr — how long reading a screenshot takes (OCR and the pixel readers), and whether
// reading beside the capture makes any timed phase run past its plan. Targets (issue 19): at most
// 1 s wall per screenshot on this machine, and a phase overrun of 0.
//
// 1. Reads the demo's own screenshots (test/fixtures/screen/, from the canvas demo game) one after
//    another on the warm OCR worker: wall and core seconds per screenshot (core seconds count the
//    OCR worker thread too: process.cpuUsage is process-wide).
// 2. Captures the DOM demo game (demo-careful) twice, with screen reading on and off, and compares
//    its timed phases (launch, play): the overrun is how much longer they ran with reading on.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { auditGame } from '../src/cli/audit-game.ts';
import { readBundle } from '../src/evidence/bundle-reader.ts';
import { loadPlan } from '../src/plan/load.ts';
import { stopOcr } from '../src/screen/ocr.ts';
import { readScreen } from '../src/screen/screen-model.ts';

const screensDir = path.resolve(import.meta.dirname, '../test/fixtures/screen');
const screens = readdirSync(screensDir).filter((file) => file.endsWith('.png')).map((file) => readFileSync(path.join(screensDir, file)));
const rounds = 3;

// Warm-up: the worker's start (loading the model) is paid once a run, not per screenshot.
await readScreen(screens[0]!);
const wallStart = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
for (let round = 0; round < rounds; round++) for (const png of screens) await readScreen(png);
const read = screens.length * rounds;
const wallSeconds = Number(process.hrtime.bigint() - wallStart) / 1e9;
const cpu = process.cpuUsage(cpuStart);
const secondsPerScreenshot = wallSeconds / read;
const coreSecondsPerScreenshot = (cpu.user + cpu.system) / 1e6 / read;
await stopOcr();
process.stdout.write(`Read ${read} screenshots (${screens.length} from the canvas demo, ${rounds} times): ${secondsPerScreenshot.toFixed(2)} s wall, ${coreSecondsPerScreenshot.toFixed(2)} core-seconds each\n`);

const timedPhaseSeconds = async (reading: boolean): Promise<number> => {
  process.env.GAMEAUDIT_BENCH_NO_SCREEN_READING = reading ? '0' : '1';
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-bench-ocr-'));
  try {
    const outcome = await auditGame({ loadedPlan: loadPlan(path.resolve(import.meta.dirname, '../audits/demo/demo-careful.yaml')), platform: 'web', runDir });
    const phases = readBundle(outcome.bundleDir).evidence.phases.filter((phase) => phase.name === 'launch' || phase.name === 'play');
    return phases.reduce((total, phase) => total + (Date.parse(phase.endedAt!) - Date.parse(phase.startedAt)) / 1000, 0);
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
};
const withoutReading = await timedPhaseSeconds(false);
const withReading = await timedPhaseSeconds(true);
await stopOcr();
const phaseOverrunSeconds = Math.max(0, Math.round((withReading - withoutReading) * 10) / 10);
process.stdout.write(`Timed phases (launch + play) of demo-careful: ${withoutReading.toFixed(2)} s without screen reading, ${withReading.toFixed(2)} s with it\n`);
process.stdout.write(`${JSON.stringify({ screenshots: read, secondsPerScreenshot: Number(secondsPerScreenshot.toFixed(3)), coreSecondsPerScreenshot: Number(coreSecondsPerScreenshot.toFixed(3)), phaseOverrunSeconds })}\n`);
