import { describe, expect, it } from 'vitest';
import check from '../../checks/default-settings.high-privacy.ts';
import { canvasSettingsNotCollected, makeAndroidEvidence } from './fixtures/android-evidence.ts';
import { control, input, makeEvidence } from './fixtures/evidence-factory.ts';

const settingsWith = (controls: ReturnType<typeof control>[], expectations: Record<string, boolean | string> = {}) =>
  makeEvidence({ settings: { source: 'recipe', readable: true, screenshot: 'screens/03-settings.png', controls }, expectations });

describe('default-settings.high-privacy', () => {
  it('passes when every recognised control starts at its most private value', () => {
    const result = check.evaluate(
      input(settingsWith([control('Personalised ads', false), control('Who can chat with me', 'No one'), control('Share my location', false)])),
    );
    expect(result.outcome).toBe('pass');
    expect(result.summary).toBe('All 3 privacy settings that were read start at their high-privacy value.');
  });

  it('says "All 4 privacy settings", not "4 privacy settings of 4", when every one is low privacy (issue 21, item 19)', () => {
    // The demo leaky game's four settings, all on (audits/demo/sites/leaky/index.html).
    const result = check.evaluate(input(settingsWith([control('Personalised ads', true), control('Share my location', true), control('Who can chat with me', 'Everyone'), control('Share data with partners', true)])));
    expect(result.summary).toBe('All 4 privacy settings start at a low-privacy value.');
    const one = check.evaluate(input(settingsWith([control('Personalised ads', true), control('Share my location', false)])));
    expect(one.summary).toBe('1 of the 2 privacy settings starts at a low-privacy value.');
  });

  it('points a drawn control, which has no locator, at its box on the settings screenshot, for the report to outline', () => {
    // demo-canvas's "Personalised ads" switch as its capture recorded it (CSS pixels of the 412-px viewport).
    const drawn = control('Personalised ads', true, {
      locator: undefined,
      bounds: { x: 332, y: 115, width: 56, height: 30 },
      pixels: { confidence: 0.95, crop: 'screens/08-settings-settings-as-found-read-from-pixels.crop-07-personalised-ads.png', evidence: 'knob on the right, track #2e9e44 (saturation 0.71)' },
    });
    const failing = check.evaluate(input(settingsWith([drawn]))).findings.filter((finding) => finding.severity === 'fail');
    expect(failing[0]!.evidence).toContainEqual({ kind: 'ui-node', label: 'Personalised ads', screenshot: 'screens/03-settings.png', bounds: { x: 332, y: 115, width: 56, height: 30 } });
  });

  it('fails on personalised ads on and chat open to everyone, pointing at each setting and the screenshot', () => {
    const result = check.evaluate(input(settingsWith([control('Personalised ads', true), control('Who can chat with me', 'Everyone'), control('Voice chat', false)])));
    expect(result.outcome).toBe('fail');
    const failing = result.findings.filter((finding) => finding.severity === 'fail');
    expect(failing.map((finding) => finding.data?.setting)).toEqual(['Personalised ads', 'Who can chat with me']);
    expect(failing[0]!.evidence).toContainEqual({ kind: 'setting', label: 'Personalised ads' });
    expect(failing[0]!.evidence).toContainEqual({ kind: 'screenshot', file: 'screens/03-settings.png' });
    expect(failing[0]!.evidence).toContainEqual({ kind: 'ui-node', label: 'Personalised ads', locator: '#personalised-ads', screenshot: 'screens/03-settings.png' });
  });

  it('warns when a control is limited to friends rather than no one', () => {
    const result = check.evaluate(input(settingsWith([control('Who can see my profile', 'Friends only')])));
    expect(result.outcome).toBe('warn');
  });

  it("lets the plan's expectation decide over the label", () => {
    // "Show online status" would be judged low when on; the plan says on is this game's private value.
    const evidence = settingsWith([control('Show online status', true, { name: 'onlineStatus' })], { onlineStatus: true });
    expect(check.evaluate(input(evidence)).outcome).toBe('pass');
    const failing = settingsWith([control('Mystery toggle', true, { name: 'mystery' })], { mystery: false });
    const result = check.evaluate(input(failing));
    expect(result.outcome).toBe('fail');
    expect(result.findings[0]!.message).toContain('the plan expects false');
  });

  it('lists unknown controls without scoring them', () => {
    const result = check.evaluate(input(settingsWith([control('Music volume', 'Loud'), control('Personalised ads', false)])));
    expect(result.outcome).toBe('pass');
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ severity: 'info', data: { setting: 'Music volume', basis: 'unknown' } });
  });

  it('is inconclusive when only unknown controls were read', () => {
    expect(check.evaluate(input(settingsWith([control('Music volume', 'Loud')]))).outcome).toBe('inconclusive');
  });

  it('is inconclusive when the settings screen could not be read', () => {
    const evidence = makeEvidence({ settings: { source: 'discovery', readable: false, note: 'Canvas UI', controls: [] } });
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('inconclusive');
    expect(result.findings[0]!.message).toContain('could not be read');
  });

  it('is inconclusive when a setting the plan expects was not read', () => {
    const evidence = settingsWith([control('Personalised ads', false, { name: 'personalisedAds' })], { personalisedAds: false, chat: 'No one' });
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('inconclusive');
    expect(result.findings.map((finding) => finding.data?.setting)).toContain('chat');
  });

  it("reads the capture's flag: settings not read on a device are inconclusive with the capture's reason", () => {
    const evidence = makeAndroidEvidence({
      settings: { source: 'discovery', readable: false, note: canvasSettingsNotCollected.reason, screenshot: 'screens/03-settings.png', controls: [] },
      notCollected: [canvasSettingsNotCollected],
    });
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('inconclusive');
    expect(result.summary).toBe('Default privacy settings could not be assessed: the settings were not read in this capture.');
    expect(result.findings).toEqual([
      {
        message: `Default privacy settings could not be assessed: the settings were not read in this capture. ${canvasSettingsNotCollected.reason}`,
        evidence: [{ kind: 'screenshot', file: 'screens/03-settings.png' }],
        severity: 'info',
      },
    ]);
  });

  it('an imported HAR, which read no settings, says why', () => {
    const reason = 'Imported from a HAR file recorded with HTTP Toolkit 1.19.0: only network traffic is known.';
    const evidence = makeEvidence({ settings: { source: 'none', readable: false, controls: [], note: 'Imported HAR: the settings screens were not observed.' }, notCollected: [{ item: 'settings', reason }] });
    const result = check.evaluate(input(evidence));
    expect(result.outcome).toBe('inconclusive');
    expect(result.findings[0]!.message).toBe(`Default privacy settings could not be assessed: the settings were not read in this capture. ${reason} Imported HAR: the settings screens were not observed.`);
  });
});
