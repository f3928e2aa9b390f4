// The spool is the proxy's only memory: it must give back every whole entry in request order,
// even when the proxy died in the middle of writing the last one.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildHarEntry } from '../../src/capture/proxy/har-entry.ts';
import { appendSpoolEntry, readSpool } from '../../src/capture/proxy/spool.ts';
import { PhaseTimeline } from '../../src/capture/proxy/phase-timeline.ts';

const directories: string[] = [];
function spoolPath(): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'spool-test-'));
  directories.push(directory);
  return path.join(directory, '.network-spool.ndjson');
}
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function entry(url: string, startTime: number, body = ''): ReturnType<typeof buildHarEntry> {
  return buildHarEntry(
    { startTime, method: body ? 'POST' : 'GET', url, httpVersion: '1.1', rawHeaders: [['Host', new URL(url).host], ['Content-Type', 'application/json']], body: Buffer.from(body) },
    { statusCode: 200, statusMessage: 'OK', rawHeaders: [['Content-Type', 'text/html'], ['Set-Cookie', 'IDE=AHWqTUm3x9; Domain=.doubleclick.net; Path=/']], body: Buffer.from('<p>ad</p>'), endTime: startTime + 40 },
    { phase: 'launch', requestBodyCapBytes: 1024, responseBodyCapBytes: 1024 },
  );
}

describe('readSpool', () => {
  it('returns entries in the order the requests started, not the order they finished', () => {
    const file = spoolPath();
    appendSpoolEntry(file, entry('https://googleads.g.doubleclick.net/pagead/ads?tfcd=0&npa=0', 1_700_000_000_500));
    appendSpoolEntry(file, entry('https://leaky.demo-games.test/', 1_700_000_000_000));
    const { entries, unreadableLines } = readSpool(file);
    expect(entries.map((item) => item.request.url)).toEqual(['https://leaky.demo-games.test/', 'https://googleads.g.doubleclick.net/pagead/ads?tfcd=0&npa=0']);
    expect(unreadableLines).toBe(0);
    expect(entries[1]!.request.queryString).toContainEqual({ name: 'tfcd', value: '0' });
    expect(entries[1]!.response.cookies[0]).toMatchObject({ name: 'IDE', value: 'AHWqTUm3x9', domain: '.doubleclick.net' });
  });

  it('keeps every whole entry when the last line was cut off by a crash', () => {
    const file = spoolPath();
    appendSpoolEntry(file, entry('https://app-measurement.com/a', 1_700_000_000_000, '{"app_instance_id":"c5e7"}'));
    appendSpoolEntry(file, entry('https://api2.amplitude.com/2/httpapi', 1_700_000_000_100, '{"events":[]}'));
    const whole = JSON.stringify(entry('https://a.applovin.com/openrtb2/auction', 1_700_000_000_200, '{"regs":{"coppa":0}}'));
    appendFileSync(file, whole.slice(0, whole.length / 2));
    const { entries, unreadableLines } = readSpool(file);
    expect(entries.map((item) => new URL(item.request.url).host)).toEqual(['app-measurement.com', 'api2.amplitude.com']);
    expect(entries[0]!.request.postData?.text).toBe('{"app_instance_id":"c5e7"}');
    expect(unreadableLines).toBe(1);
  });

  it('reads a spool that was never written as empty', () => {
    expect(readSpool(path.join(os.tmpdir(), 'no-such-spool.ndjson'))).toEqual({ entries: [], unreadableLines: 0 });
  });
});

describe('buildHarEntry bodies', () => {
  it('keeps binary request bodies as base64 and says so', () => {
    const bytes = Buffer.from([0x08, 0x96, 0x01, 0xff, 0x00, 0x10]);
    const built = buildHarEntry(
      { startTime: 1_700_000_000_000, method: 'POST', url: 'https://app-measurement.com/a', httpVersion: '2', rawHeaders: [['content-type', 'application/x-protobuf']], body: bytes },
      undefined,
      { phase: 'consent', requestBodyCapBytes: 1024, responseBodyCapBytes: 1024, abortReason: 'socket hang up' },
    );
    expect(built.request.postData).toMatchObject({ mimeType: 'application/x-protobuf', encoding: 'base64', text: bytes.toString('base64') });
    expect(built.request.httpVersion).toBe('HTTP/2');
    expect(built.response.status).toBe(0);
    expect(built._aborted).toBe('socket hang up');
    expect(built._phase).toBe('consent');
  });

  it('cuts response bodies at the cap and records where', () => {
    const built = buildHarEntry(
      { startTime: 1_700_000_000_000, method: 'GET', url: 'https://cdn.demo-games.test/big.js', httpVersion: '1.1', rawHeaders: [], body: Buffer.alloc(0) },
      { statusCode: 200, statusMessage: 'OK', rawHeaders: [['content-type', 'text/javascript']], body: Buffer.from('x'.repeat(5000)), endTime: 1_700_000_000_050 },
      { phase: 'launch', requestBodyCapBytes: 1024, responseBodyCapBytes: 1000 },
    );
    expect(built.response.content.text).toHaveLength(1000);
    expect(built.response.content.size).toBe(5000);
    expect(built.response.content._truncatedAt).toBe(1000);
  });
});

describe('PhaseTimeline', () => {
  it('stamps a request by when it started, even if the phase change arrived later', () => {
    const timeline = new PhaseTimeline();
    timeline.set('launch', 1000);
    timeline.set('settings', 3000);
    timeline.set('consent', 2000);
    timeline.set(null, 4000);
    expect([500, 1500, 2500, 3500, 4500].map((time) => timeline.phaseAt(time))).toEqual(['launch', 'launch', 'consent', 'settings', 'settings']);
  });
});
