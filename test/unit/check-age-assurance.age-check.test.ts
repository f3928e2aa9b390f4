import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/scoring/run-checks.ts';
import check, { ageFromAnswer } from '../../checks/age-assurance.age-check.ts';
import { makeAndroidEvidence } from './fixtures/android-evidence.ts';
import { adSignals, during, entry, event, input, makeEvidence, network, tracker } from './fixtures/evidence-factory.ts';

const gate = { present: true, phase: 'consent' as const, eventId: 'ev-0009', question: 'When is your birthday?', inputKind: 'birthdate' as const, answerGiven: '2016-05-01', screenshot: 'screens/02-consent.png' as const };
const gateEvent = event('ev-0009', 'consent', 'age-gate-answered', 5);
const google = tracker('Google', 'advertising', true);
const adBefore = entry('https://googleads.g.doubleclick.net/pagead/ads?tfcd=0&npa=0', { index: 1, phase: 'launch', tracker: google, adSignals: adSignals(false, true) });
const childAdAfter = entry('https://googleads.g.doubleclick.net/pagead/ads?tfcd=1&npa=1', { index: 2, phase: 'play', tracker: google, adSignals: adSignals(true, false) });
const adultAdAfter = entry('https://googleads.g.doubleclick.net/pagead/ads?tfcd=0&npa=0', { index: 3, phase: 'play', tracker: google, adSignals: adSignals(false, true) });

describe('age-assurance.age-check', () => {
  it('reads ages from birth dates, years and plain numbers on the day of the capture', () => {
    expect(ageFromAnswer('2016-05-01', 'birthdate', '2026-03-02T10:00:00Z')).toBe(9);
    expect(ageFromAnswer('01/03/2016', 'birthdate', '2026-03-02T10:00:00Z')).toBe(10);
    expect(ageFromAnswer('2014', 'year', '2026-03-02T10:00:00Z')).toBe(12);
    expect(ageFromAnswer('9', 'age', '2026-03-02T10:00:00Z')).toBe(9);
    expect(ageFromAnswer('Under 13', 'self-declaration', '2026-03-02T10:00:00Z')).toBe(12);
    expect(ageFromAnswer("I'm 12 or younger", 'self-declaration', '2026-03-02T10:00:00Z')).toBe(12);
    expect(ageFromAnswer('I am a grown-up', 'self-declaration', '2026-03-02T10:00:00Z')).toBeUndefined();
    expect(ageFromAnswer('not answered: no control the capture could use', undefined, '2026-03-02T10:00:00Z')).toBeUndefined();
  });

  it("passes when a child's answer leads to child-directed ad requests", () => {
    const result = check.evaluate(input(makeEvidence({ ageGate: gate }), network([childAdAfter]), [gateEvent]));
    expect(result.outcome).toBe('pass');
    expect(result.findings[0]!.evidence).toEqual([{ kind: 'event', id: 'ev-0009' }, { kind: 'screenshot', file: 'screens/02-consent.png' }]);
  });

  it("fails when ad requests still treat the player as an adult after a child's answer", () => {
    const result = check.evaluate(input(makeEvidence({ ageGate: gate }), network([adultAdAfter]), [gateEvent]));
    expect(result.outcome).toBe('fail');
    expect(result.findings.find((finding) => finding.severity === 'fail')!.evidence).toEqual([{ kind: 'har-entry', index: 3 }]);
  });

  it('warns when tracking went out before the age was asked', () => {
    const result = check.evaluate(input(makeEvidence({ ageGate: gate }), network([adBefore, childAdAfter]), [gateEvent]));
    expect(result.outcome).toBe('warn');
  });

  it('warns when there is no age question and ads treat the player as an adult', () => {
    const result = check.evaluate(input(makeEvidence({ ageGate: { present: false } }), network([adBefore])));
    expect(result.outcome).toBe('warn');
  });

  it('passes when there is no age question but every ad request treats the player as a child', () => {
    const result = check.evaluate(input(makeEvidence({ ageGate: { present: false } }), network([childAdAfter])));
    expect(result.outcome).toBe('pass');
    expect(result.findings[1]!.evidence).toEqual([{ kind: 'har-entry', index: 2 }]);
  });

  it('is inconclusive when there is no age question and no ad request says who the player is', () => {
    const unlabelled = entry('https://googleads.g.doubleclick.net/pagead/ads', { index: 7, tracker: google, adSignals: adSignals('unknown', 'unknown') });
    expect(check.evaluate(input(makeEvidence({ ageGate: { present: false } }), network([unlabelled]))).outcome).toBe('inconclusive');
  });

  it('splits the traffic at the answer, not at the moment the question appeared', () => {
    // Shown at consent+1s, answered at consent+5s; an adult-treated ad request at consent+3s came before the answer.
    const shown = event('ev-0009', 'consent', 'age-gate', 1);
    const answered = event('ev-0010', 'consent', 'age-gate-answered', 5);
    const between = entry('https://googleads.g.doubleclick.net/pagead/ads', { index: 8, phase: 'consent', startedDateTime: during('consent', 3), tracker: google, adSignals: adSignals(false, true) });
    const result = check.evaluate(input(makeEvidence({ ageGate: gate }), network([between, childAdAfter]), [shown, answered]));
    expect(result.outcome).toBe('warn');
  });

  it('is inconclusive when the capture did not look for an age question, or answered as an adult', () => {
    expect(check.evaluate(input(makeEvidence(), network([adultAdAfter]))).outcome).toBe('inconclusive');
    const adult = makeEvidence({ ageGate: { ...gate, answerGiven: '1990-01-01' } });
    expect(check.evaluate(input(adult, network([adultAdAfter]), [gateEvent])).outcome).toBe('inconclusive');
  });

  it('uses the gate event time, not the phase, to split the traffic', () => {
    // An ad request in the consent phase but before the answer counts as "before".
    const early = entry('https://googleads.g.doubleclick.net/pagead/ads', { index: 5, phase: 'consent', startedDateTime: during('consent', 1), tracker: google, adSignals: adSignals(false, true) });
    const result = check.evaluate(input(makeEvidence({ ageGate: gate }), network([early, childAdAfter]), [gateEvent]));
    expect(result.outcome).toBe('warn');
  });

  it('on Android, where no age question was looked for, says so from the capture\'s flag', () => {
    const result = check.evaluate(input(makeAndroidEvidence(), network([adultAdAfter])));
    expect(result.outcome).toBe('inconclusive');
    expect(result.summary).toBe('Whether the game asks the player’s age was not seen in this capture (it was not looked for, or not read surely enough), so age assurance could not be assessed.');
    expect(result.findings.map((finding) => finding.message)).toEqual(['The mobile capture has no finder for an age or birth-date question, so an age question was not looked for on this device.']);
  });

  it('without the flag, does not claim the capture did not look: it says no observation was recorded', () => {
    const result = check.evaluate(input(makeEvidence(), network([adultAdAfter])));
    expect(result.outcome).toBe('inconclusive');
    expect(result.summary).toBe('No observation of an age question was recorded in this capture, so age assurance could not be assessed.');
  });

  it("counts only third-party ad traffic as adult treatment: the game's own JSON saying coppa:false is not an ad request (review H6)", () => {
    const ownSettings = entry('https://api.test-game.example/v1/settings', { index: 11, phase: 'launch', adSignals: adSignals(false, 'unknown', { coppa: 'false' }) });
    const result = check.evaluate(input(makeEvidence({ ageGate: { present: false } }), network([ownSettings])));
    expect(result.outcome).toBe('inconclusive');
    expect(result.summary).toBe('The game does not ask the player’s age; whether it applies the code to every player is shown by the other standards.');
    const afterChildAnswer = entry('https://api.test-game.example/v1/settings', { index: 12, phase: 'play', adSignals: adSignals(false, true) });
    expect(check.evaluate(input(makeEvidence({ ageGate: gate }), network([afterChildAnswer, childAdAfter]), [gateEvent])).outcome).toBe('pass');
  });
});

describe('titles that state the outcome, never its opposite (issue 21, item 6)', () => {
  it('heads the Android row, which looked for no age question, with what the capture did', () => {
    expect(runCheck(check, input(makeAndroidEvidence(), network([adultAdAfter]))).title).toBe('No age question was looked for in this capture');
  });

  it('heads a game with no age question whose ads treat the player as an adult with exactly that', () => {
    const result = runCheck(check, input(makeEvidence({ ageGate: { present: false } }), network([adBefore])));
    expect([result.outcome, result.title]).toEqual(['warn', 'The game asks no age and treats every player as an adult']);
  });

  it('says "both" for two child-directed ad requests, not "All 2"', () => {
    const second = { ...childAdAfter, index: 3 };
    const result = check.evaluate(input(makeEvidence({ ageGate: { present: false } }), network([childAdAfter, second])));
    expect(result.findings[1]!.message).toBe('Both ad requests that state an audience say the player is a child, so the game applies child protections to everyone.');
    expect(runCheck(check, input(makeEvidence({ ageGate: { present: false } }), network([childAdAfter]))).title).toBe('The game asks no age and treats every player as a child');
  });
});
