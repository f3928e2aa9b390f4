// The persona comparison on literal evidence. The values follow the demo's two web games as
// captured by test/integration/persona-run.test.ts (audits/demo/sites: leaky sends tfcd=0&npa=0
// and the advertising id whatever the age; careful sends tfcd=1 for a child and tfcd=0 for an adult).
import { describe, expect, it } from 'vitest';
import check from '../../checks/age-assurance.child-treated-as-child.ts';
import type { PersonaTreatment } from '../../src/check-kit/index.ts';
import type { CheckInputs } from '../../src/check-kit/inputs.ts';
import { adSignals, control, entry, input, makeEvidence, network, tracker } from './fixtures/evidence-factory.ts';

const google = tracker('Google', 'advertising', true);
const child8 = { id: 'child-8', age: 8, digitalConsentAge: 13 };
const settings = (chat: string) => ({ source: 'recipe' as const, readable: true, controls: [control('Who can chat with me', chat, { name: 'chatWith' })], parentalControls: [], privacyLinks: [] });

/** The adult persona as scoring hands it over (src/scoring/persona-captures.ts). */
function adult(overrides: Partial<PersonaTreatment> = {}): PersonaTreatment {
  return {
    persona: { id: 'adult-25', age: 25, digitalConsentAge: 13 },
    bundle: 'web-adult-25',
    ageAnswered: '25',
    adRequests: [{ index: 4, organisation: 'Google', childDirected: false, personalisedAds: true }],
    unreadableThirdPartyRequests: 0,
    identifiersToCompanies: ['Google: advertisingId'],
    companies: ['Google'],
    settingsReadable: true,
    settings: [{ key: 'chatWith', label: 'Who can chat with me', value: 'Everyone', highPrivacy: 'Nobody' }],
    ...overrides,
  };
}

function childInput(options: { chat: string; childDirected: boolean; personalised: boolean; advertisingId: boolean; adults?: PersonaTreatment[]; settingsReadable?: boolean }): CheckInputs {
  const evidence = makeEvidence({
    persona: child8,
    ageGate: { present: true, answerGiven: '8' },
    settings: { ...settings(options.chat), readable: options.settingsReadable ?? true },
    expectations: { chatWith: 'Nobody' },
  });
  const ad = entry(`https://googleads.g.doubleclick.net/pagead/ads?tfcd=${options.childDirected ? 1 : 0}&npa=${options.personalised ? 0 : 1}`, {
    index: 2,
    phase: 'play',
    tracker: google,
    adSignals: adSignals(options.childDirected, options.personalised),
    identifiers: options.advertisingId ? [{ kind: 'advertisingId', encoding: 'plain', where: 'query', field: 'rdid' }] : [],
  });
  return { ...input(evidence, network([ad])), personaCaptures: options.adults ?? [adult()] };
}

describe('age-assurance.child-treated-as-child', () => {
  it('fails when the child gets the adult’s ad treatment, identifiers to the same company and low-privacy default', () => {
    const result = check.evaluate(childInput({ chat: 'Everyone', childDirected: false, personalised: true, advertisingId: true }));
    expect(result.outcome).toBe('fail');
    expect(result.summary).toBe('Playing as child-8 (aged 8), the game treated the player like adult-25 (aged 25) in 3 ways.');
    expect(result.findings.filter((finding) => finding.severity === 'fail').map((finding) => finding.message)).toEqual([
      'Playing as child-8 (aged 8), 1 ad request to Google said the player is not a child or asked for personalised ads, as 1 of 1 did for adult-25 (aged 25).',
      'The same identifiers reached the same companies for child-8 (aged 8) as for adult-25 (aged 25): Google: advertisingId.',
      '"Who can chat with me" started at Everyone for child-8 (aged 8), the same as for adult-25 (aged 25); its high-privacy value is Nobody.',
    ]);
    expect(result.findings[1]!.evidence).toEqual([{ kind: 'har-entry', index: 2 }]);
  });

  it('passes when, where the adult got less protection, the child did not', () => {
    const result = check.evaluate(childInput({ chat: 'Nobody', childDirected: true, personalised: false, advertisingId: false }));
    expect(result.outcome).toBe('pass');
    expect(result.summary).toBe('Where adult-25 (aged 25) got less protection, child-8 (aged 8) did not.');
    expect(result.findings.map((finding) => finding.data?.measure ?? null)).toEqual([
      'Age given to the game',
      'Ad requests treating the player as an adult (not child-directed, or personalised)',
      'Identifiers reaching companies',
      'Companies reached',
      'Setting: Who can chat with me',
    ]);
  });

  it('is inconclusive, not a pass, when the settings of one persona were not read', () => {
    const result = check.evaluate(childInput({ chat: 'Nobody', childDirected: true, personalised: false, advertisingId: false, settingsReadable: false }));
    expect(result.outcome).toBe('inconclusive');
    expect(result.findings.at(-1)!.message).toBe('The settings of child-8 (aged 8) were not read, so their defaults and features (chat, location, visibility) could not be compared.');
  });

  it('is inconclusive when there is no adult persona, or its capture cannot be compared', () => {
    expect(check.evaluate(childInput({ chat: 'Nobody', childDirected: true, personalised: false, advertisingId: false, adults: [] })).summary).toBe(
      "No adult persona's capture of this game was found beside this one, so child-8's treatment could not be compared with an adult's.",
    );
    const broken = check.evaluate(childInput({ chat: 'Nobody', childDirected: true, personalised: false, advertisingId: false, adults: [adult({ problem: 'does not verify against its manifest (network.har changed (its sha256 differs from the manifest))' })] }));
    expect(broken.outcome).toBe('inconclusive');
    expect(broken.summary).toBe("The adult persona's capture (web-adult-25) does not verify against its manifest (network.har changed (its sha256 differs from the manifest)); child-8's treatment could not be compared with an adult's.");
  });

  it('warns when a child under the age of digital consent gets ads that do not say it is a child', () => {
    // Not personalised and so not the adult's treatment, but not child-directed either (unknown).
    const evidence = makeEvidence({ persona: child8, ageGate: { present: true, answerGiven: '8' }, settings: settings('Nobody'), expectations: { chatWith: 'Nobody' } });
    const ad = entry('https://googleads.g.doubleclick.net/pagead/ads?npa=1', { index: 2, phase: 'play', tracker: google, adSignals: adSignals('unknown', false) });
    const result = check.evaluate({ ...input(evidence, network([ad])), personaCaptures: [adult()] });
    expect(result.outcome).toBe('warn');
    expect(result.findings.at(-1)!.message).toBe('child-8 (aged 8) is under the age of digital consent (13), yet 1 ad request did not say the player is a child.');
  });

  it('leaves the adult persona and captures without personas out of it', () => {
    expect(check.evaluate(input(makeEvidence({ persona: { id: 'adult-25', age: 25, digitalConsentAge: 13 } }))).outcome).toBe('not-applicable');
    expect(check.evaluate(input(makeEvidence())).summary).toBe('This capture was not made as one of several personas, so there is no other age to compare with.');
  });
});
