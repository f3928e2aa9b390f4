// Runs adb steps on the host, one after another, stopping at the first required step that
// fails. adb missing from PATH is the commonest problem, so it gets its own message.
import { spawnSync } from 'node:child_process';
import { UserError } from '../../errors.ts';
import { formatStep, type AdbStep } from './device-prepare-steps.ts';

export const adbMissingHelp =
  'adb was not found on PATH. Install Android platform-tools (Debian: apt-get install adb; or the Android SDK\'s platform-tools) ' +
  'or set GAMEAUDIT_ADB to the adb executable.';

export function adbExecutable(): string {
  return process.env.GAMEAUDIT_ADB || 'adb';
}

export interface StepResult {
  step: AdbStep;
  ok: boolean;
  output: string;
}

export function runAdbSteps(steps: AdbStep[], onStep: (step: AdbStep) => void = () => undefined, executable = adbExecutable()): StepResult[] {
  const probe = spawnSync(executable, ['version'], { encoding: 'utf8' });
  if (probe.error) throw new UserError(adbMissingHelp);
  const results: StepResult[] = [];
  for (const step of steps) {
    onStep(step);
    const run = spawnSync(executable, step.args, { encoding: 'utf8', timeout: 120_000 });
    const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim();
    const ok = !run.error && run.status === 0;
    results.push({ step, ok, output });
    if (!ok && !step.optional) {
      throw new UserError(`"${formatStep(step)}" failed (${step.why}): ${output.split('\n')[0] || run.error?.message || `exit code ${run.status}`}`);
    }
  }
  return results;
}
