// The real thing: the capture proxy (mockttp in its own process) and Debian's Chromium against
// both offline demo games, asserting on the evidence bundle as an investigator would read it.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumExecutable } from '../../src/capture/web/chromium.ts';
import { auditGame } from '../../src/cli/audit-game.ts';
import { readBundle, type Bundle } from '../../src/evidence/bundle-reader.ts';
import { verifyBundle } from '../../src/evidence/manifest.ts';
import type { HarEntry } from '../../src/evidence/har.ts';
import { loadPlan } from '../../src/plan/load.ts';

const demoDir = path.resolve(import.meta.dirname, '../../audits/demo');
const personaAdId = '3f2a9c4e-8b1d-4e6a-9f3c-2d7e5b8a1c60';
let runDir: string;
let leaky: Bundle;
let careful: Bundle;

function host(entry: HarEntry): string {
  return new URL(entry.request.url).hostname;
}
const isThirdParty = (entry: HarEntry): boolean => !host(entry).endsWith('demo-games.test');
const area = (bounds: { width: number; height: number } | undefined): number => (bounds ? bounds.width * bounds.height : 0);

beforeAll(async () => {
  runDir = mkdtempSync(path.join(os.tmpdir(), 'web-demo-'));
  // One after the other: each capture starts its own Chromium and proxy process.
  const leakyOutcome = await auditGame({ loadedPlan: loadPlan(path.join(demoDir, 'demo-leaky.yaml')), platform: 'web', runDir });
  const carefulOutcome = await auditGame({ loadedPlan: loadPlan(path.join(demoDir, 'demo-careful.yaml')), platform: 'web', runDir });
  leaky = readBundle(leakyOutcome.bundleDir);
  careful = readBundle(carefulOutcome.bundleDir);
}, 180_000);

afterAll(() => rmSync(runDir, { recursive: true, force: true }));

describe('demo-leaky', () => {
  it('is a complete bundle whose manifest verifies, with no spool left behind', async () => {
    expect(leaky.evidence.status).toBe('complete');
    expect(leaky.evidence.phases.map((phase) => [phase.name, phase.status])).toEqual([
      ['launch', 'complete'],
      ['consent', 'complete'],
      ['settings', 'complete'],
      ['play', 'complete'],
    ]);
    const verification = await verifyBundle(leaky.directory);
    expect(verification.problems).toEqual([]);
    expect(verification.ok).toBe(true);
    expect(Object.keys(leaky.manifest!.files)).toEqual(expect.arrayContaining(['evidence.json', 'network.har', 'events.ndjson']));
    expect(Object.keys(leaky.manifest!.files).some((file) => file.includes('spool'))).toBe(false);
  });

  it('names the browser that ran the game: the Chromium build chosen on this machine, and its version', () => {
    expect(leaky.evidence.device).toMatchObject({ kind: 'emulated-browser', name: 'Pixel 7', browserBuild: path.basename(chromiumExecutable()) });
    expect(leaky.evidence.device.browserVersion).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it('asks for the location at launch, with no explanation, and the prompt is left unanswered or denied', () => {
    const call = leaky.evidence.geolocation.calls.find((item) => item.api === 'getCurrentPosition');
    expect(call).toMatchObject({ phase: 'launch', frameUrl: 'https://leaky.demo-games.test/' });
    const prompt = leaky.evidence.permissionPrompts[0]!;
    expect(prompt).toMatchObject({ phase: 'launch', group: 'location' });
    expect(['unanswered', 'denied']).toContain(prompt.answer);
    expect(prompt.precededByExplanation).toBeUndefined();
    expect(leaky.events.find((event) => event.id === call!.eventId)?.type).toBe('geolocation-call');
  });

  it('calls Google ads with tfcd=0&npa=0 in the launch phase, before any choice', () => {
    const adRequest = leaky.har.log.entries.find((entry) => host(entry) === 'googleads.g.doubleclick.net' && entry.request.url.includes('/pagead/ads'));
    expect(adRequest?._phase).toBe('launch');
    const query = new URL(adRequest!.request.url).searchParams;
    expect(query.get('tfcd')).toBe('0');
    expect(query.get('npa')).toBe('0');
    expect(adRequest!.response.cookies.map((cookie) => cookie.name)).toContain('IDE');
  });

  it('posts an OpenRTB 2.5 bid request with regs.coppa 0, precise device.geo and the advertising id', () => {
    const bid = leaky.har.log.entries.find((entry) => entry.request.method === 'POST' && entry.request.url.includes('openrtb2/auction'));
    expect(bid?._phase).toBe('launch');
    const body = JSON.parse(bid!.request.postData!.text!) as { regs: { coppa: number }; device: { ifa: string; geo: { lat: number; lon: number } } };
    expect(body.regs.coppa).toBe(0);
    expect(body.device.ifa).toBe(personaAdId);
    expect(String(body.device.geo.lat).split('.')[1]!.length).toBeGreaterThanOrEqual(4);
    expect(body.device.geo.lat).toBeCloseTo(leaky.evidence.mockLocation!.latitude, 4);
    expect(body.device.geo.lon).toBeCloseTo(leaky.evidence.mockLocation!.longitude, 4);
  });

  it('sends analytics beacons at launch, one carrying the advertising id in base64', () => {
    const launchHosts = new Set(leaky.har.log.entries.filter((entry) => entry._phase === 'launch').map(host));
    expect([...launchHosts]).toEqual(expect.arrayContaining(['app-measurement.com', 'api2.amplitude.com', 'auction.unityads.unity3d.com']));
    const amplitude = leaky.har.log.entries.find((entry) => host(entry) === 'api2.amplitude.com' && entry.request.method === 'POST');
    expect(amplitude!.request.postData!.text).toContain(Buffer.from(personaAdId).toString('base64'));
  });

  it('learns the third-party cookies as identifiers and snapshots storage each phase', () => {
    expect(leaky.evidence.learnedIdentifiers.map((identifier) => identifier.kind)).toContain('cookie:IDE');
    expect(leaky.evidence.storage.map((snapshot) => snapshot.phase)).toEqual(['launch', 'consent', 'settings', 'play']);
    const launchStorage = leaky.evidence.storage[0]!;
    expect(launchStorage.cookies.some((cookie) => cookie.domain === '.doubleclick.net')).toBe(true);
    expect(launchStorage.localStorage).toContainEqual({ origin: 'https://leaky.demo-games.test', key: 'ad_id', value: personaAdId });
  });

  it('records a consent dialog where declining takes two steps and accepting one much larger button', () => {
    const dialog = leaky.evidence.consentDialogs[0]!;
    expect(dialog).toMatchObject({ phase: 'consent', detectedBy: 'plan', stepsToAccept: null, stepsToDecline: 2, declined: true });
    const accept = dialog.buttons.find((button) => button.role === 'accept')!;
    const manage = dialog.buttons.find((button) => button.role === 'manage')!;
    const reject = dialog.buttons.find((button) => button.role === 'decline')!;
    expect(accept.text).toMatch(/Accept all/);
    expect(manage.text).toBe('Manage options');
    expect(reject.text).toBe('Reject all');
    expect(area(accept.bounds)).toBeGreaterThan(10 * area(manage.bounds));
    expect(area(accept.bounds)).toBeGreaterThan(10 * area(reject.bounds));
    expect(dialog.checkboxes.length).toBeGreaterThanOrEqual(3);
    expect(dialog.checkboxes.every((checkbox) => checkbox.checked)).toBe(true);
    // The boxes are behind "Manage options": recorded on that screen, each with its box on it.
    expect(new Set(dialog.checkboxes.map((checkbox) => checkbox.screenshot))).toEqual(new Set(['screens/04-consent-consent-options-after-manage.png']));
    for (const checkbox of dialog.checkboxes) {
      expect(checkbox.bounds!.width).toBeGreaterThan(0);
      expect(checkbox.bounds!.x + checkbox.bounds!.width).toBeLessThanOrEqual(412);
    }
    expect(dialog.privacyLinks[0]?.href).toBe('https://leaky.demo-games.test/privacy.html');
    expect(dialog.screenshot).toMatch(/^screens\/.*consent.*\.png$/);
    expect(dialog.declineScreens.length).toBe(2);
  });

  it('reads the settings as found: the low-privacy defaults', () => {
    const values = Object.fromEntries(leaky.evidence.settings.controls.map((control) => [control.name, control.value]));
    expect(values).toEqual({ personalisedAds: true, profileVisibility: 'Everyone', chatWith: 'Everyone', locationSharing: true });
    expect(leaky.evidence.settings.screenshot).toMatch(/settings/);
    expect(leaky.evidence.settings.parentalControls[0]).toMatchObject({ monitoringSignalled: false });
    expect(leaky.evidence.ageGate).toEqual({ present: false });
    expect(leaky.evidence.screenshots.map((screen) => screen.phase)).toEqual(expect.arrayContaining(['launch', 'consent', 'settings', 'play']));
  });
});

describe('demo-careful', () => {
  it('sends nothing to any third party in the launch phase', () => {
    const launch = careful.har.log.entries.filter((entry) => entry._phase === 'launch');
    expect(launch.length).toBeGreaterThan(0);
    expect(launch.filter(isThirdParty).map((entry) => entry.request.url)).toEqual([]);
    expect(careful.evidence.geolocation.calls).toEqual([]);
    expect(careful.evidence.permissionPrompts).toEqual([]);
  });

  it('asks the age first and is answered as a ten-year-old', () => {
    expect(careful.evidence.ageGate).toMatchObject({ present: true, phase: 'launch', question: 'How old are you?', inputKind: 'age', answerGiven: '10' });
  });

  it('offers equal accept and reject buttons, one step each', () => {
    const dialog = careful.evidence.consentDialogs[0]!;
    expect(dialog).toMatchObject({ stepsToAccept: null, stepsToDecline: 1, declined: true });
    const accept = dialog.buttons.find((button) => button.role === 'accept')!;
    const reject = dialog.buttons.find((button) => button.role === 'decline')!;
    expect(reject.text).toBe('No thanks');
    expect(accept.bounds!.height).toBe(reject.bounds!.height);
    expect(Math.abs(accept.bounds!.width - reject.bounds!.width)).toBeLessThanOrEqual(2);
    expect(dialog.checkboxes).toEqual([]);
  });

  it('tags its later ad requests as child-directed and non-personalised', () => {
    const adRequest = careful.har.log.entries.find((entry) => entry.request.url.includes('/pagead/ads'));
    expect(adRequest?._phase).not.toBe('launch');
    expect(new URL(adRequest!.request.url).searchParams.get('tfcd')).toBe('1');
    expect(new URL(adRequest!.request.url).searchParams.get('npa')).toBe('1');
    const bid = careful.har.log.entries.find((entry) => entry.request.method === 'POST' && entry.request.url.includes('openrtb2/auction'));
    expect((JSON.parse(bid!.request.postData!.text!) as { regs: { coppa: number } }).regs.coppa).toBe(1);
    expect(careful.evidence.learnedIdentifiers).toEqual([]);
  });

  it('has every setting at the high-privacy value the plan expects', () => {
    const values = Object.fromEntries(careful.evidence.settings.controls.map((control) => [control.name, control.value]));
    expect(values).toEqual(careful.evidence.expectations);
    expect(careful.evidence.settings.parentalControls[0]).toMatchObject({ monitoringSignalled: true });
    expect(careful.evidence.settings.privacyLinks.map((link) => link.href)).toContain('https://careful.demo-games.test/privacy.html');
  });
});
