// The demo's offline internet: static sites for the configured origins, plausible canned answers
// for every ad and analytics host, and nothing that could be mistaken for a real network.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyRequest, createOfflineResponder, type OfflineRequest } from '../../src/capture/proxy/offline-responder.ts';

let site: string;
let respond: ReturnType<typeof createOfflineResponder>;

beforeAll(() => {
  site = mkdtempSync(path.join(os.tmpdir(), 'offline-site-'));
  mkdirSync(path.join(site, 'levels'));
  writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>Star Catcher</title>');
  writeFileSync(path.join(site, 'levels', 'one.json'), '{"stars":12}');
  writeFileSync(path.join(os.tmpdir(), 'offline-secret.txt'), 'not for the demo');
  respond = createOfflineResponder({ 'https://leaky.demo-games.test': site });
});
afterAll(() => rmSync(site, { recursive: true, force: true }));

function request(method: string, url: string, body = '', headers: OfflineRequest['headers'] = {}): OfflineRequest {
  return { method, url, headers, body: Buffer.from(body) };
}

describe('configured origins', () => {
  it('serves the folder, index.html for directories, with a content type', () => {
    const page = respond(request('GET', 'https://leaky.demo-games.test/'));
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body.toString()).toContain('Star Catcher');
    const level = respond(request('GET', 'https://leaky.demo-games.test/levels/one.json?v=2'));
    expect(level.headers['content-type']).toBe('application/json');
    expect(JSON.parse(level.body.toString())).toEqual({ stars: 12 });
  });

  it('answers a missing file with 404 and refuses paths that climb out of the folder', () => {
    expect(respond(request('GET', 'https://leaky.demo-games.test/nope.js')).status).toBe(404);
    expect(respond(request('GET', 'https://leaky.demo-games.test/..%2foffline-secret.txt')).status).toBe(403);
  });

  it('accepts and discards the game’s own POSTs (first-party analytics) without cookies', () => {
    const answer = respond(request('POST', 'https://leaky.demo-games.test/api/events', '{"event":"start"}'));
    expect(answer.status).toBe(204);
    expect(answer.headers['set-cookie']).toBeUndefined();
  });
});

describe('every other host', () => {
  it('answers a Google ad request with an HTML creative and an identifying cookie', () => {
    const answer = respond(request('GET', 'https://googleads.g.doubleclick.net/pagead/ads?client=ca-app-pub-1&tfcd=0&npa=0'));
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toContain('text/html');
    expect(answer.body.toString()).toContain('<a href=');
    expect(String(answer.headers['set-cookie'])).toMatch(/^IDE=[\w-]{12,}; Domain=\.doubleclick\.net;.*SameSite=None/);
  });

  it('sets no cookie when the request is flagged child-directed or non-personalised', () => {
    expect(respond(request('GET', 'https://googleads.g.doubleclick.net/pagead/ads?tfcd=1&npa=1')).headers['set-cookie']).toBeUndefined();
    const coppaBid = respond(request('POST', 'https://ads.superawesome.tv/openrtb2/auction', JSON.stringify({ id: 'r1', imp: [{ id: '1' }], regs: { coppa: 1 } })));
    expect(coppaBid.headers['set-cookie']).toBeUndefined();
  });

  it('answers an OpenRTB bid request with a bid for each impression', () => {
    const answer = respond(
      request('POST', 'https://a.applovin.com/openrtb2/auction', JSON.stringify({ id: 'req-7', imp: [{ id: 'a' }, { id: 'b' }], regs: { coppa: 0 } }), { origin: 'https://leaky.demo-games.test' }),
    );
    const body = JSON.parse(answer.body.toString()) as { id: string; seatbid: Array<{ bid: Array<{ impid: string; adm: string }> }> };
    expect(body.id).toBe('req-7');
    expect(body.seatbid[0]!.bid.map((bid) => bid.impid)).toEqual(['a', 'b']);
    expect(answer.headers['access-control-allow-origin']).toBe('https://leaky.demo-games.test');
    expect(answer.headers['access-control-allow-credentials']).toBe('true');
    expect(answer.headers['set-cookie']).toBeDefined();
  });

  it('answers pixels with a 1x1 GIF and anything else with 204', () => {
    const gif = respond(request('GET', 'https://ad.doubleclick.net/ddm/activity/src=8123456;type=launch'));
    expect(gif.headers['content-type']).toBe('image/gif');
    expect(gif.body.subarray(0, 6).toString()).toBe('GIF89a');
    const beacon = respond(request('POST', 'https://app-measurement.com/a', 'v=2&_ev=first_open'));
    expect(beacon.status).toBe(204);
    expect(beacon.body.byteLength).toBe(0);
  });

  it('classifies requests by what they are, not by host', () => {
    expect(classifyRequest(request('POST', 'https://x.example/whatever', JSON.stringify({ imp: [] })))).toBe('bid');
    expect(classifyRequest(request('GET', 'https://auction.unityads.unity3d.com/v6/games/5012345/requests?gameId=1'))).toBe('ad');
    expect(classifyRequest(request('GET', 'https://www.facebook.com/tr?id=1&ev=PageView'))).toBe('pixel');
    expect(classifyRequest(request('GET', 'https://api2.amplitude.com/2/httpapi'))).toBe('other');
  });

  it('answers CORS preflights for any origin with credentials allowed', () => {
    const answer = respond(request('OPTIONS', 'https://api2.amplitude.com/2/httpapi', '', { origin: 'https://careful.demo-games.test', 'access-control-request-headers': 'content-type' }));
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBe('https://careful.demo-games.test');
    expect(answer.headers['access-control-allow-headers']).toBe('content-type');
  });
});
