// The recipe locators that point at what OCR and template matching find: { screenText, near }
// and { image, threshold }, and the plan's screenReading.minConfidence.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/plan/load.ts';
import { projectRoot, runCli } from '../helpers/run-cli.ts';

const bad = (name: string) => path.join(projectRoot, 'test/fixtures/bad/plans', name);

describe('screen locators in plans', () => {
  it('loads the canvas demo plan: settings by words on screen, the default confidence 0.8 spelt out', () => {
    const { plan } = loadPlan(path.join(projectRoot, 'audits/demo/demo-canvas.yaml'));
    expect(plan.settings!.open).toEqual([{ action: 'tap', target: { screenText: 'Settings' } }]);
    expect(plan.settings!.controls.map((control) => [control.kind, control.target])).toEqual([
      ['switch', { screenText: 'Personalised ads' }],
      ['switch', { screenText: 'Share my location' }],
      ['checkbox', { screenText: 'Send me game news' }],
      ['radio', { screenText: 'Who sees my scores' }],
      ['select', { screenText: 'Chat with' }],
    ]);
    expect(plan.screenReading).toEqual({ minConfidence: 0.8 });
  });

  it('refuses screenText in a consent recipe with one line naming the file, the field and the fix, exit 2', () => {
    const result = runCli(['validate', bad('consent-screen-text.yaml')]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout + result.stderr).toContain('consent-screen-text.yaml: consent (line 8): screenText and image locators are for settings; a consent dialog drawn by the game is found on the screen without a consent recipe, so remove these locators');
    expect(result.stderr).not.toMatch(/\bat .+\.ts:\d+/);
  });

  it('refuses near without screenText', () => {
    const result = runCli(['validate', bad('near-without-screen-text.yaml')]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout + result.stderr).toContain('settings.open[0].target (line 11): near goes with screenText, threshold with image');
  });
});
