// Ctrl-C during a capture, as an operator does it: a real SIGINT to the running gameaudit
// process. The run ends with 130, and what was captured is kept, sealed and marked incomplete.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../src/evidence/manifest.ts';
import { copyDemoPlan } from '../fixtures/programmes/demo-copies.ts';
import { projectRoot } from '../helpers/run-cli.ts';

const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-interrupt-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

// `kill -INT <pid>` reaches gameaudit alone; Ctrl-C in a terminal reaches its whole process group
// (the proxy process too). Both must end in a sealed, incomplete bundle and exit 130.
const deliveries = [
  ['to the gameaudit process (kill -INT)', 'process'],
  ['to its process group, as a terminal does', 'group'],
] as const;

/** Starts `gameaudit run` on a copy of demo-leaky with a long launch, resolved once its launch phase is under way. */
async function runUntilLaunch(folder: string, detached: boolean) {
  const plans = path.join(workspace, folder);
  mkdirSync(plans, { recursive: true });
  // A long launch window, so the signal lands while the game is being observed.
  const plan = copyDemoPlan('demo-leaky', plans, { launchSeconds: 60, playSeconds: 1 });
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin/gameaudit.js'), 'run', '--plan', plan, '--out', path.join(plans, 'runs')], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached,
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      output.stderr += chunk.toString('utf8');
      if (/demo-leaky \(web\): launch/.test(output.stderr)) resolve();
    });
    child.on('exit', () => reject(new Error(`gameaudit ended before the launch phase:\n${output.stderr}`)));
  });
  return { child, exited, output, runDir: () => /^Run folder: (.+)$/m.exec(output.stdout)![1]!.trim() };
}

describe('Ctrl-C during a run', () => {
  it.each(deliveries)('SIGINT %s stops the capture, exits 130 and keeps a verified bundle marked incomplete with "Interrupted"', async (_name, delivery) => {
    const { child, exited, output, runDir: runFolder } = await runUntilLaunch(delivery, delivery === 'group');
    if (delivery === 'group') process.kill(-child.pid!, 'SIGINT');
    else child.kill('SIGINT');
    const code = await exited;
    const { stderr } = output;

    expect(code, stderr).toBe(130);
    expect(stderr).toContain('interrupted: finishing the current capture step');
    const runDir = runFolder();
    const bundle = path.join(runDir, 'demo-leaky', 'web');
    expect(existsSync(path.join(bundle, 'network.har'))).toBe(true);
    const manifest = JSON.parse(readFileSync(path.join(bundle, 'manifest.json'), 'utf8')) as { status: string };
    expect(manifest.status).toBe('incomplete');
    const evidence = JSON.parse(readFileSync(path.join(bundle, 'evidence.json'), 'utf8')) as {
      status: string;
      incompleteReasons: Array<{ message: string }>;
      phases: Array<{ name: string; status: string; note?: string }>;
    };
    expect(evidence.incompleteReasons.map((reason) => reason.message)).toContain('Interrupted by the operator before the capture finished.');
    // The proxy is stopped by the capture after the evidence is written, not killed by the Ctrl-C.
    expect(evidence.incompleteReasons.map((reason) => reason.message).join(' ')).not.toContain('proxy stopped');
    // The phases after the interrupted one never ran, and say so.
    expect(evidence.phases.find((phase) => phase.name === 'settings')).toMatchObject({ status: 'skipped', note: 'Interrupted.' });
    expect((await verifyBundle(bundle)).ok).toBe(true);
    // What was captured before the signal is there: the game's first requests.
    const har = JSON.parse(readFileSync(path.join(bundle, 'network.har'), 'utf8')) as { log: { entries: Array<{ request: { url: string } }> } };
    expect(har.log.entries.some((entry) => entry.request.url.startsWith('https://leaky.demo-games.test/'))).toBe(true);
    expect(readFileSync(path.join(runDir, 'run.log'), 'utf8')).toContain('demo-leaky (web) is incomplete');
  });

  // Reliability probe 2026-12, defect 4: after a double Ctrl-C the proxy's raw spool, with every
  // credential unmasked, stayed in the bundle as a dot-file outside the manifest.
  it('a second Ctrl-C quits at once (130) and leaves no raw spool in the bundle', async () => {
    const { child, exited, output, runDir: runFolder } = await runUntilLaunch('twice', false);
    const runDir = runFolder();
    const bundle = path.join(runDir, 'demo-leaky', 'web');
    expect(readdirSync(bundle)).toContain('.network-spool.ndjson');
    child.kill('SIGINT');
    child.kill('SIGINT');
    expect(await exited, output.stderr).toBe(130);
    expect(readdirSync(bundle)).not.toContain('.network-spool.ndjson');
    expect(existsSync(path.join(runDir, 'run.lock'))).toBe(false);
  });
});
