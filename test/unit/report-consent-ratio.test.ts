// One ratio (issue 21, item 11): the nudge finding and the report's consent section say the same number
// and name the control compared; the button table says each button's layer; "Save & play" over
// pre-ticked boxes is an accept. The dialog is the demo's leaky web game as captured.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import check from '../../checks/nudge.consent-choice-parity.ts';
import { buttonRole } from '../../src/capture/button-role.ts';
import type { ConsentDialog } from '../../src/evidence/schema.ts';
import { buildGameView } from '../../src/report/game-view.ts';
import { ResultSchema } from '../../src/scoring/result-schema.ts';
import { input, makeEvidence } from './fixtures/evidence-factory.ts';

const { dialog } = JSON.parse(readFileSync(new URL('../fixtures/consent/demo-leaky-consent-dialog.json', import.meta.url), 'utf8')) as { dialog: ConsentDialog };
const bundleDir = new URL('../fixtures/results/demo-run/demo-leaky/web/', import.meta.url).pathname;
const baseResult = ResultSchema.parse(JSON.parse(readFileSync(`${bundleDir}result.json`, 'utf8')));

describe('the accept and decline comparison', () => {
  it('is one sentence in the nudge finding and in the consent section', () => {
    const finding = check.evaluate(input(makeEvidence({ consentDialogs: [dialog] }))).findings.find((candidate) => candidate.data?.areaRatio !== undefined)!;
    expect(finding.message).toBe('“Accept all & play!” is 24.7 times the area of “Manage options”, the way to decline.');
    const result = { ...baseResult, observations: { ...baseResult.observations!, consentDialogs: [dialog] } };
    const [section] = buildGameView(result, bundleDir).consentDialogs;
    expect(section!.areaRatio).toBe('“Accept all & play!” is 24.7 times the area of “Manage options”, the way to decline');
    expect(section!.buttons.map((button) => [button.text, button.role, button.layer, button.visible])).toEqual([
      ['Accept all & play!', 'Accept', 'first screen', 'Yes'],
      ['Manage options', 'More options', 'first screen', 'Yes'],
      ['Privacy policy', 'Link', 'first screen', 'Yes'],
      ['Save & play', 'Accept', 'after Manage options', 'Yes'],
      ['Reject all', 'Decline', 'after Manage options', 'Yes'],
    ]);
  });
});

describe('a save button over pre-ticked boxes', () => {
  it('is an accept where the boxes came ticked, the decline step where none were, and unknown on a first screen', () => {
    expect(buttonRole('Save & play', { screen: 'manage', boxesTicked: true })).toBe('accept');
    expect(buttonRole('Save & play', { screen: 'manage', boxesTicked: false })).toBe('decline');
    expect(buttonRole('Save & play')).toBe('other');
  });
});
