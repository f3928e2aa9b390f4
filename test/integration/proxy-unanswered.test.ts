// A request the game sent that had no answer when the capture ended (a beacon to a server that
// hangs, an app still connected when the device capture stops) was sent all the same: its URL
// and body are evidence. The proxy records it, cut off by the end of the capture, before it
// reports the capture stopped.
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startCaptureProxy } from '../../src/capture/proxy/start-proxy.ts';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'proxy-unanswered-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it('records a request still waiting for its answer when the proxy stops, with its body and phase', async () => {
  const held: net.Socket[] = [];
  const silent = net.createServer((socket) => void held.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}/beacon?child=1`;
  const proxy = await startCaptureProxy({ spoolFile: path.join(scratch, 'spool.ndjson'), upstream: 'passthrough' });
  // The client never gives up on its own: only the proxy's stop can end this exchange.
  const request = http.request({ host: proxy.host, port: proxy.port, method: 'POST', path: url, headers: { 'content-type': 'application/json' } });
  request.on('error', () => undefined);
  try {
    proxy.setPhase('play');
    request.end('{"deviceId":"a1b2c3d4e5f6"}');
    await expect.poll(() => held.length).toBeGreaterThan(0);
    await expect.poll(() => proxy.requestCount()).toBe(1);

    await proxy.stop();

    const entries = [...proxy.entries()];
    expect(entries).toHaveLength(1);
    const [entry] = entries as Array<(typeof entries)[number] & { _aborted?: string; _phase?: string }>;
    expect(entry!.request).toMatchObject({ method: 'POST', url });
    expect(entry!.request.postData?.text).toBe('{"deviceId":"a1b2c3d4e5f6"}');
    expect(entry!._aborted).toBe('the capture ended before a response arrived');
    expect(entry!._phase).toBe('play');
  } finally {
    request.destroy();
    for (const socket of held) socket.destroy();
    silent.close();
    await proxy.stop();
  }
});
