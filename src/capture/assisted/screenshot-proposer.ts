// Proposes the switches and check boxes drawn on a screenshot (issue 19's screen model) for the
// investigator to confirm: what an engine-drawn settings screen holds, where no page source names
// a control. A switch the pixels do not tell, or tell less surely than the plan allows, is not
// proposed: guessing it would put the tool's word in the investigator's mouth, so it is left for the
// investigator to add (`a`).
import type { Plan } from '../../plan/schema.ts';
import { classifyControl } from '../../check-kit/privacy-control-classifier.ts';
import { readScreen } from '../../screen/screen-model.ts';
import type { Proposal, ReadingProposer } from './reading-proposer.ts';

export function screenshotProposer(plan: Plan): ReadingProposer {
  const minConfidence = plan.screenReading.minConfidence;
  return {
    async proposeReadings(screen) {
      if (!screen.png) return [];
      const model = await readScreen(screen.png);
      return model.toggles
        .filter((toggle) => toggle.on !== null && toggle.confidence >= minConfidence)
        .map((toggle): Proposal => {
          const { category, judgement } = classifyControl({ label: toggle.label, value: toggle.on! });
          return {
            label: toggle.label,
            kind: toggle.kind,
            value: toggle.on!,
            bounds: toggle.bounds,
            screenWidth: model.width,
            source: 'ocr',
            about: [`read from pixels: ${toggle.evidence}, confidence ${toggle.confidence}`, category ? `${category}, ${judgement} privacy as found` : undefined].filter(Boolean).join('; '),
          };
        });
    },
  };
}
