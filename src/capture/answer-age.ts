// The age every age question is answered with, whichever backend asks it (a DOM form, a drawn
// field, an engine screen): the persona's (the plan's personas), or else the child we audit for,
// so the capture sees what the game does for a player who tells the truth.
import type { CaptureRecorder } from './recorder.ts';

/** The age the capture gives: a child squarely inside the code's 10-12 band and under 13. */
export const childAge = 10;

/** The age every age question is answered with: the persona's, or the child's without personas. */
export function answerAge(recorder: CaptureRecorder): number {
  return recorder.loadedPlan.persona?.age ?? childAge;
}

/** A birth date for that age (15 January of the birth year), as an ISO date. */
export function birthdateForAge(age: number): string {
  const today = new Date();
  const date = new Date(Date.UTC(today.getUTCFullYear() - age, 0, 15));
  return date.toISOString().slice(0, 10);
}

/** Which age-band choice covers the age: "10", "10-12", "under 13", "12 or under", "9+"… */
export function choiceForAge<T extends { text: string }>(choices: T[], age: number): T | undefined {
  return choices.find((choice) => {
    const text = choice.text.toLowerCase();
    const range = /(\d+)\s*(?:-|–|to)\s*(\d+)/.exec(text);
    if (range) return age >= Number(range[1]) && age <= Number(range[2]);
    const under = /(under|below|younger than)\s*(\d+)/.exec(text) ?? /(\d+)\s*(or under|or younger|and under)/.exec(text);
    if (under) return age < Number(under[2] ?? under[1]) || (/or under|or younger|and under/.test(text) && age <= Number(under[1]));
    const plus = /(\d+)\s*\+/.exec(text);
    if (plus) return age >= Number(plus[1]) && !/(over|older)/.test(text);
    return text.trim() === String(age);
  });
}
