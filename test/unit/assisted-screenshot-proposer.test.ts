// The assisted capture's screenshot proposer on the canvas demo's own drawn settings screen
// (test/fixtures/screen/canvas-settings.png, see that folder's README): the drawn switches and check box are
// proposed with the state the pixels show, and nothing is proposed without a screenshot.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshotProposer } from '../../src/capture/assisted/screenshot-proposer.ts';
import { loadPlan } from '../../src/plan/load.ts';

const demoCanvas = loadPlan(path.resolve(import.meta.dirname, '../../audits/demo/demo-canvas.yaml')).plan;
const plan = (minConfidence: number) => ({ ...demoCanvas, screenReading: { minConfidence } });
const png = readFileSync(path.resolve(import.meta.dirname, '../fixtures/screen/canvas-settings.png'));

describe('screenshot proposer', () => {
  it('proposes each drawn switch and check box with the state read from its pixels', async () => {
    const proposals = await screenshotProposer(plan(0.8)).proposeReadings({ png });
    expect(proposals.map((proposal) => [proposal.label, proposal.kind, proposal.value, proposal.source])).toEqual([
      ['Personalised ads', 'switch', true, 'ocr'],
      ['Share my location', 'switch', false, 'ocr'],
      ['Send me game news', 'checkbox', true, 'ocr'],
    ]);
    expect(proposals[0]!.about).toContain('knob on the right, track #2e9e44 (saturation 0.71), confidence 0.95');
  }, 60_000);

  it('proposes nothing the plan would not count as sure, and nothing without a screenshot', async () => {
    expect(await screenshotProposer(plan(0.99)).proposeReadings({ png })).toEqual([]);
    expect(await screenshotProposer(plan(0.8)).proposeReadings({})).toEqual([]);
  }, 60_000);
});
