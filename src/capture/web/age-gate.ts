// An age question before play, in the page's DOM: recorded where it appeared, then answered with
// the capture's age (src/capture/answer-age.ts).
import type { Page } from 'playwright-core';
import type { RecipeStep } from '../../plan/schema.ts';
import type { CaptureRecorder } from '../recorder.ts';
import { answerAge, birthdateForAge, choiceForAge } from '../answer-age.ts';
import { probe, type AgeGateProbe } from './page-probe.ts';
import { actAndSettle } from './page-settle.ts';
import { planLocator } from './plan-locator.ts';

/** Records an age gate on screen now (without answering). Returns whether one was seen. */
export async function recordAgeGate(page: Page, recorder: CaptureRecorder): Promise<boolean> {
  if (recorder.draft.ageGate?.present) return true;
  const gate = await probe(page, 'ageGate').catch(() => null);
  if (!gate) return false;
  const screenshot = await recorder.snapshot('Age question');
  const eventId = recorder.event('age-gate', { question: gate.question, inputKind: gate.inputKind });
  recorder.draft.ageGate = { present: true, phase: recorder.phaseOrLaunch, eventId, question: gate.question, inputKind: gate.inputKind, screenshot };
  return true;
}

/**
 * Presses the gate's button and waits until the question is gone (or another one is asked) and
 * the page is quiet: at most the 500 ms this used to wait, however the game answers.
 */
async function pressAndSettle(page: Page, selector: string, gate: AgeGateProbe): Promise<void> {
  await actAndSettle(page, () => page.locator(selector).click({ timeout: 5000 }), {
    maxMs: 500,
    changed: async () => (await probe(page, 'ageGate'))?.question !== gate.question,
  });
}

/** Answers a visible age gate with the persona's age (10 without personas) and presses its continue button. */
export async function answerAgeGate(page: Page, recorder: CaptureRecorder): Promise<boolean> {
  const age = answerAge(recorder);
  const gate = await probe(page, 'ageGate').catch(() => null);
  if (!gate) return false;
  if (!recorder.draft.ageGate?.present) await recordAgeGate(page, recorder);
  let answer: string | undefined;
  let pressed = false;
  if (gate.input) {
    const input = page.locator(gate.input.ref);
    if (gate.input.tag === 'select') {
      const year = String(new Date().getUTCFullYear() - age);
      const option = gate.input.options.find((value) => value === year) ?? gate.input.options.find((value) => value === String(age));
      if (option) {
        await input.selectOption(option);
        answer = option;
      }
    } else if (gate.input.type === 'date') {
      answer = birthdateForAge(age);
      await input.fill(answer);
    } else {
      answer = String(age);
      await input.fill(answer);
    }
    const submit = gate.buttons.find((button) => /continue|next|ok|done|go|play|submit|enter|confirm/i.test(button.text)) ?? gate.buttons[0];
    if (submit) {
      await pressAndSettle(page, submit.ref, gate);
      pressed = true;
    }
  } else {
    const button = choiceForAge(gate.buttons, age);
    if (button) {
      await pressAndSettle(page, button.ref, gate);
      pressed = true;
      answer = button.text;
    }
  }
  const ageGate = recorder.draft.ageGate;
  if (ageGate) ageGate.answerGiven = answer ?? 'not answered: no control the capture could use';
  recorder.event('age-gate-answered', { answer: answer ?? null });
  // Nothing pressed: the fixed pause as before, in case the game moves on by itself.
  if (!pressed) await page.waitForTimeout(500);
  return answer !== undefined;
}

/**
 * A plan's `{ action: enterAge }` step: for an age question the finders do not recognise, the plan
 * says where the field is; the persona's age (or birth year) is typed there and sent.
 */
export async function enterAgeByRecipe(page: Page, recorder: CaptureRecorder, step: Extract<RecipeStep, { action: 'enterAge' }>): Promise<void> {
  const age = answerAge(recorder);
  const answer = step.format === 'birth-year' ? String(new Date().getUTCFullYear() - age) : String(age);
  const inputKind = step.format === 'birth-year' ? 'year' : 'age';
  const eventId = recorder.event('age-gate', { question: "the field named by the plan's enterAge step", inputKind });
  await planLocator(page, step.target).first().fill(answer, { timeout: 10_000 });
  if (step.submit) {
    const submit = step.submit;
    await actAndSettle(page, () => planLocator(page, submit).first().click({ timeout: 10_000 }), { maxMs: 500 });
  }
  recorder.draft.ageGate = { ...recorder.draft.ageGate, present: true, phase: recorder.draft.ageGate?.phase ?? recorder.phaseOrLaunch, eventId: recorder.draft.ageGate?.eventId ?? eventId, inputKind, answerGiven: answer };
  recorder.event('age-gate-answered', { answer });
}
