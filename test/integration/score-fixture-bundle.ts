// Builds evidence bundles the way a capture does — through BundleWriter, with real PNG
// screenshots, a HAR of real-looking requests and a sealed manifest — for the scoring tests.
// Two games: one that leaks at launch like demo-leaky, one that waits for the child like demo-careful.
import { BundleWriter } from '../../src/evidence/bundle-writer.ts';
import { encodePng } from '../fixtures/results/png.ts';
import type { Har, HarEntry } from '../../src/evidence/har.ts';
import type { EvidenceInput } from '../../src/evidence/schema.ts';
import type { Phase } from '../../src/plan/schema.ts';

/** A solid-colour PNG, small but valid, so the bundle's screens are real image files. */
export function solidPng(width: number, height: number, [red, green, blue]: [number, number, number]): Uint8Array {
  return encodePng(width, height, (red << 16) | (green << 8) | blue, []);
}

const start = Date.parse('2026-03-02T10:00:00.000Z');
const phaseStart: Record<Phase, number> = { launch: 0, consent: 10, settings: 20, play: 30 };
const at = (phase: Phase, seconds: number): string => new Date(start + (phaseStart[phase] + seconds) * 1000).toISOString();

export function harEntry(phase: Phase, seconds: number, method: string, url: string, options: { body?: unknown; mimeType?: string; cookie?: string } = {}): HarEntry {
  const parsed = new URL(url);
  const text = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  return {
    startedDateTime: at(phase, seconds),
    time: 42,
    request: {
      method,
      url,
      httpVersion: 'HTTP/1.1',
      headers: [
        { name: 'User-Agent', value: 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36' },
        ...(options.cookie ? [{ name: 'Cookie', value: options.cookie }] : []),
      ],
      queryString: [...parsed.searchParams].map(([name, value]) => ({ name, value })),
      cookies: [],
      headersSize: -1,
      bodySize: text?.length ?? 0,
      ...(text !== undefined ? { postData: { mimeType: options.mimeType ?? 'application/json', text } } : {}),
    },
    response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: 'text/plain' }, redirectURL: '', headersSize: -1, bodySize: 0 },
    cache: {},
    timings: { send: 1, wait: 40, receive: 1 },
    _phase: phase,
  };
}

export type GameKind = 'leaky' | 'careful';

const location = { latitude: 51.501364, longitude: -0.14189 };

/** Writes and seals a bundle; returns its directory. `extraEntries` are appended to its HAR as they are generated (a large HAR is never built whole). */
export async function buildBundle(directory: string, kind: GameKind, extraEntries: Iterable<HarEntry> = []): Promise<string> {
  const leaky = kind === 'leaky';
  const gameId = leaky ? 'demo-leaky' : 'demo-careful';
  const origin = leaky ? 'https://leaky.demo.gameaudit.test' : 'https://careful.demo.gameaudit.test';
  const writer = new BundleWriter(directory);
  const shot = (phase: Phase, label: string, colour: [number, number, number]) => writer.screenshot(phase, label, solidPng(41, 84, colour));

  writer.event('phase-started', 'launch');
  const launchShot = shot('launch', 'game screen', [40, 120, 200]);
  const geolocationEvent = leaky ? writer.event('geolocation-call', 'launch', { api: 'getCurrentPosition', frameUrl: `${origin}/` }) : undefined;
  writer.event('phase-started', 'consent');
  const consentEvent = writer.event('consent-dialog', 'consent', { detectedBy: 'plan' });
  const consentShot = shot('consent', 'consent dialog', [250, 250, 250]);
  const manageShot = leaky ? shot('consent', 'manage options', [240, 240, 240]) : undefined;
  writer.event('phase-started', 'settings');
  const settingsEvent = writer.event('settings-read', 'settings');
  const settingsShot = shot('settings', 'settings', [30, 30, 30]);
  writer.event('phase-started', 'play');
  shot('play', 'playing', [10, 160, 60]);

  const entries: HarEntry[] = [harEntry('launch', 0.2, 'GET', `${origin}/`), harEntry('launch', 0.4, 'GET', `${origin}/game.js`)];
  if (leaky) {
    entries.push(
      harEntry('launch', 1, 'GET', 'https://googleads.g.doubleclick.net/pagead/ads?client=ca-pub-0000000000000000&format=320x50&tfcd=0&npa=0&gdpr=0'),
      harEntry('launch', 1.5, 'POST', 'https://rtb.adexchange.example/openrtb2/auction', {
        body: {
          id: 'req-1',
          imp: [{ id: '1', banner: { w: 320, h: 50 } }],
          site: { page: `${origin}/` },
          device: { ua: 'Mozilla/5.0', geo: { lat: location.latitude, lon: location.longitude, type: 1 } },
          regs: { coppa: 0 },
        },
      }),
      harEntry('launch', 2, 'POST', 'https://www.google-analytics.com/g/collect?v=2&tid=G-DEMO000000&en=page_view', { body: '', mimeType: 'text/plain' }),
    );
  } else {
    entries.push(harEntry('play', 5, 'GET', 'https://googleads.g.doubleclick.net/pagead/ads?client=ca-pub-0000000000000000&format=320x50&tfcd=1&npa=1'));
  }
  const har: Har = { log: { version: '1.2', creator: { name: 'gameaudit', version: '0.1.0' }, entries: [] } };
  writer.writeHarEntries(har, (function* () {
    yield* entries;
    yield* extraEntries;
  })());

  const button = (text: string, role: 'accept' | 'decline' | 'manage', x: number, y: number, width: number, height: number) => ({ text, role, bounds: { x, y, width, height }, locator: `#${role}` });
  const evidence: EvidenceInput = {
    schemaVersion: 1,
    game: { id: gameId, title: leaky ? 'Bubble Pop Party' : 'Garden Puzzle', publisher: 'gameaudit demo' },
    platform: 'web',
    target: `${origin}/`,
    device: { kind: 'emulated-browser', name: 'Pixel 7', viewport: { width: 412, height: 839 }, browserVersion: '156.0.8078.73' },
    status: 'complete',
    startedAt: at('launch', 0),
    endedAt: at('play', 30),
    phases: (['launch', 'consent', 'settings', 'play'] as const).map((name) => ({ name, startedAt: at(name, 0), endedAt: at(name, 9.9), status: 'complete' as const })),
    screenshots: [
      { file: launchShot, phase: 'launch', takenAt: at('launch', 9), caption: 'The game after launch, untouched' },
      { file: consentShot, phase: 'consent', takenAt: at('consent', 1), caption: 'The first privacy dialog', eventId: consentEvent },
      { file: settingsShot, phase: 'settings', takenAt: at('settings', 2), caption: 'Privacy settings as found', eventId: settingsEvent },
    ],
    mockLocation: location,
    geolocation: {
      calls: geolocationEvent ? [{ eventId: geolocationEvent, phase: 'launch', at: at('launch', 0.8), api: 'getCurrentPosition', frameUrl: `${origin}/` }] : [],
      permissionState: 'granted',
      inAppLocationControls: [{ label: 'Share my location', value: leaky }],
    },
    consentDialogs: [
      {
        eventId: consentEvent,
        phase: 'consent',
        at: at('consent', 1),
        detectedBy: 'plan',
        text: leaky ? 'We and our 142 partners use cookies to personalise your experience.' : 'Can we show you ads picked for you? You can change this any time.',
        bounds: { x: 12, y: 420, width: 388, height: 380 },
        buttons: leaky
          ? [button('Accept all', 'accept', 24, 660, 364, 64), button('Manage options', 'manage', 150, 740, 110, 18)]
          : [button('Yes, that is fine', 'accept', 24, 700, 176, 56), button('No thanks', 'decline', 212, 700, 176, 56)],
        privacyLinks: leaky ? [] : [{ text: 'How we use your data', href: `${origin}/privacy.html` }],
        stepsToAccept: 1,
        stepsToDecline: leaky ? 3 : 1,
        declined: true,
        screenshot: consentShot,
        declineScreens: manageShot ? [manageShot] : [],
      },
    ],
    settings: {
      source: 'recipe',
      readable: true,
      screenshot: settingsShot,
      controls: [
        { name: 'personalisedAds', label: 'Personalised ads', kind: 'switch', value: leaky, locator: '#personalised-ads', eventId: settingsEvent },
        { name: 'profileVisibility', label: 'Who can see my profile', kind: 'select', value: leaky ? 'Everyone' : 'Only me', locator: '#profile' },
        { name: 'chat', label: 'Who can chat with me', kind: 'select', value: leaky ? 'Everyone' : 'No one', locator: '#chat' },
        { name: 'locationSharing', label: 'Share my location', kind: 'switch', value: leaky, locator: '#location' },
      ],
      privacyLinks: leaky ? [] : [{ text: 'Privacy notice', href: `${origin}/privacy.html` }],
    },
    firstPartyDomains: [leaky ? 'leaky.demo.gameaudit.test' : 'careful.demo.gameaudit.test'],
    expectations: { personalisedAds: false, profileVisibility: 'Only me', chat: 'No one', locationSharing: false },
  };
  const written = writer.writeEvidence(evidence);
  await writer.seal({ evidence: written, planSource: `id: ${gameId}\n` });
  return directory;
}
