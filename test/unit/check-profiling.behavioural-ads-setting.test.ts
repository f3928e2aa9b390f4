import { describe, expect, it } from 'vitest';
import check from '../../checks/profiling.behavioural-ads-setting.ts';
import { canvasSettingsNotCollected, makeAndroidEvidence } from './fixtures/android-evidence.ts';
import { adSignals, control, entry, input, makeEvidence, network, tracker } from './fixtures/evidence-factory.ts';

const withControls = (...controls: ReturnType<typeof control>[]) =>
  makeEvidence({ settings: { source: 'recipe', readable: true, screenshot: 'screens/03-settings.png', controls } });
const adRequest = (index: number, personalised: boolean | 'unknown') =>
  entry(`https://googleads.g.doubleclick.net/pagead/ads?npa=${personalised === true ? 0 : 1}`, {
    index,
    phase: 'launch',
    tracker: tracker('Google', 'advertising', true),
    adSignals: adSignals('unknown', personalised),
  });

describe('profiling.behavioural-ads-setting', () => {
  it('passes when a separate personalised-ads setting exists and is off', () => {
    const result = check.evaluate(input(withControls(control('Personalised ads', false), control('Share my location', false))));
    expect(result.outcome).toBe('pass');
  });

  it('fails when the personalised-ads setting starts on', () => {
    const result = check.evaluate(input(withControls(control('Personalised ads', true))));
    expect(result.outcome).toBe('fail');
    expect(result.findings[0]!.evidence).toContainEqual({ kind: 'setting', label: 'Personalised ads' });
  });

  it('warns when the setting is off but bundled with analytics in one choice', () => {
    const result = check.evaluate(input(withControls(control('Personalised ads and analytics', false))));
    expect(result.outcome).toBe('warn');
    expect(result.findings.find((finding) => finding.severity === 'warn')!.message).toContain('bundles personalised ads with analytics or data sharing');
  });

  it('fails when the settings were read, hold no ad setting, and ad requests at launch ask for personalised ads', () => {
    const result = check.evaluate(input(withControls(control('Music', true)), network([adRequest(4, true)])));
    expect(result.outcome).toBe('fail');
    expect(result.summary).toBe('Personalised ads are requested at launch and no setting to turn them off was found.');
    expect(result.findings[0]!.evidence[0]).toEqual({ kind: 'har-entry', index: 4 });
  });

  it('passes without a setting when every ad request is non-personalised', () => {
    expect(check.evaluate(input(withControls(control('Music', true)), network([adRequest(1, false), adRequest(2, false)]))).outcome).toBe('pass');
  });

  it('warns without a setting when ad requests do not say whether they are personalised', () => {
    expect(check.evaluate(input(withControls(control('Music', true)), network([adRequest(1, 'unknown')]))).outcome).toBe('warn');
  });

  // A refused certificate (review C1): the SDK's request was never read, so it may ask for anything.
  it('is inconclusive, not a pass, when a launch request to a third party could not be read', () => {
    const refused = entry('https://ms.applovin.com/1.0/mediate', { index: 3, method: 'CONNECT', tracker: tracker('AppLovin', 'advertising', false), readability: { state: 'tls-failed', reason: 'the TLS handshake was refused.' } });
    const result = check.evaluate(input(withControls(control('Music', true)), network([adRequest(1, false), refused])));
    expect(result.outcome).toBe('inconclusive');
    expect(result.summary).toBe(
      "No behavioural advertising setting was found, and every readable third-party ad request at launch asked for non-personalised ads, but 1 connection attempt to 1 company (AppLovin) could not be read: the app refused the capture's certificate, so no request was carried; so it cannot be ruled out.",
    );
    expect(check.evaluate(input(withControls(control('Music', true)), network([refused]))).outcome).toBe('inconclusive');
  });

  it('is not applicable when there is no ad traffic and no ad setting', () => {
    expect(check.evaluate(input(withControls(control('Music', true)))).outcome).toBe('not-applicable');
  });

  it('is inconclusive when the settings could not be read and ads are not personalised', () => {
    const evidence = makeEvidence({ settings: { source: 'discovery', readable: false, controls: [] } });
    expect(check.evaluate(input(evidence, network([adRequest(1, false)]))).outcome).toBe('inconclusive');
  });

  it('on a game drawn on one canvas, never fails with "there is no setting": inconclusive with the reason (review H5)', () => {
    const evidence = makeAndroidEvidence({
      settings: { source: 'discovery', readable: false, screenshot: 'screens/03-settings.png', controls: [] },
      notCollected: [canvasSettingsNotCollected],
    });
    const result = check.evaluate(input(evidence, network([adRequest(4, true)])));
    expect(result.outcome).toBe('inconclusive');
    expect(result.summary).toBe('The settings could not be read, so whether a behavioural advertising setting exists is unknown.');
    expect(result.findings.map((finding) => [finding.severity, finding.message])).toEqual([
      ['info', canvasSettingsNotCollected.reason],
      ['info', '1 third-party ad request at launch asked for personalised ads; whether a setting can turn them off could not be seen.'],
    ]);
    expect(result.findings[1]!.evidence).toEqual([{ kind: 'har-entry', index: 4 }]);
  });

  it('reads only launch-phase third-party ad traffic: personalised requests in play or to the game itself do not count (review H5)', () => {
    const inPlay = entry('https://googleads.g.doubleclick.net/pagead/ads?npa=0', { index: 5, phase: 'play', tracker: tracker('Google', 'advertising', true), adSignals: adSignals('unknown', true) });
    const ownJson = entry('https://api.test-game.example/v1/ads-config', { index: 6, phase: 'launch', adSignals: adSignals('unknown', true) });
    const result = check.evaluate(input(withControls(control('Music', true)), network([inPlay, ownJson])));
    expect(result.outcome).toBe('not-applicable');
    expect(result.summary).toBe('No third-party advertising requests at launch and no advertising setting were seen: the game shows no sign of behavioural ads by default.');
  });
});
