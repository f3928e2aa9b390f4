// Personas in plans and programmes: what is accepted, and the one-line refusals of what is not.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlan, loadProgramme } from '../../src/plan/load.ts';
import { planForPersona } from '../../src/plan/persona-plan.ts';
import { projectRoot, runCli } from '../helpers/run-cli.ts';

const bad = (name: string) => path.join('test/fixtures/bad/personas', name);

describe('personas', () => {
  it('gives the demo programme’s careful and leaky games three personas each, at the default digital-consent age of 13', () => {
    const programme = loadProgramme(path.join(projectRoot, 'audits/demo/programme.yaml'));
    const careful = programme.plans.find(({ plan }) => plan.id === 'demo-careful')!;
    expect(careful.plan.personas).toEqual([
      { id: 'child-8', age: 8 },
      { id: 'teen-14', age: 14 },
      { id: 'adult-25', age: 25 },
    ]);
    expect(programme.plans.find(({ plan }) => plan.id === 'demo-android')!.plan.personas).toBeUndefined();
    expect(planForPersona(careful, careful.plan.personas![0]!).persona).toEqual({ id: 'child-8', age: 8, digitalConsentAge: 13 });
  });

  it("replaces the plan's identifiers and credentials with a persona's own", () => {
    const careful = loadPlan(path.join(projectRoot, 'audits/demo/demo-careful.yaml'));
    const teen = planForPersona(careful, { id: 'teen-14', age: 14, identifiers: '../../test/fixtures/har/identifiers.yaml', credentials: { password: '${TEEN_PASSWORD}' } });
    expect(teen.identifiers.advertisingId).toBe('3f2a9c4e-7b1d-4e8a-9c55-2d6f1a0b7e93');
    expect(teen.plan.credentials).toEqual({ password: '${TEEN_PASSWORD}' });
    // The plan's own, for a persona that names none.
    expect(planForPersona(careful, { id: 'child-8', age: 8 }).identifiers.advertisingId).toBe('3f2a9c4e-8b1d-4e6a-9f3c-2d7e5b8a1c60');
  });

  it('leaves a plan without personas captured once, as before', () => {
    expect(loadPlan(path.join(projectRoot, 'audits/demo/demo-careful.yaml')).plan.personas).toBeUndefined();
  });

  it('refuses a digital-consent age outside 13-16, naming the file, field and line, with exit 2', () => {
    const result = runCli(['validate', bad('consent-age-17.yaml')]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('consent-age-17.yaml');
    expect(result.stderr).toContain('digitalConsentAge');
    expect(result.stderr).toContain('UK law puts the age of digital consent between 13 and 16');
    expect(result.stderr).not.toContain('    at ');
  });

  it('refuses one persona id used twice', () => {
    expect(() => loadPlan(bad('same-persona-twice.yaml'))).toThrow('give each persona its own id');
  });

  it('refuses programme personas for a game the programme does not list', () => {
    expect(() => loadProgramme(bad('programme-unknown-game.yaml'))).toThrow(`${bad('programme-unknown-game.yaml')}: personas: "demo-carefull" is not the id of a game of this programme; use one of demo-careful`);
  });
});
