// A device trusts a CA installed once: with a CA folder, every capture reuses the same CA (and
// can use the fixed port the device was prepared with), and the folder is never deleted.
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCaptureProxy } from '../../src/capture/proxy/start-proxy.ts';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('device CA folder', () => {
  it('is made on first use (key 0600), reused by the next capture, and kept after both', async () => {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-device-ca-'));
    const caDir = path.join(scratch, 'device-ca');
    const port = await freePort();
    const first = await startCaptureProxy({ spoolFile: path.join(scratch, 'one.ndjson'), upstream: 'offline', caDir, port });
    expect(first.port).toBe(port);
    await first.stop();
    expect(statSync(path.join(caDir, 'ca.key')).mode & 0o777).toBe(0o600);
    const certificate = readFileSync(path.join(caDir, 'ca.pem'), 'utf8');

    const second = await startCaptureProxy({ spoolFile: path.join(scratch, 'two.ndjson'), upstream: 'offline', caDir });
    expect(second.caCertificatePem).toBe(certificate);
    expect(second.spkiFingerprint).toBe(first.spkiFingerprint);
    await second.stop();
    expect(existsSync(path.join(caDir, 'ca.key'))).toBe(true);
  });

  it('without a CA folder each capture has its own CA, removed at the end', async () => {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-run-ca-'));
    const one = await startCaptureProxy({ spoolFile: path.join(scratch, 'one.ndjson'), upstream: 'offline' });
    const two = await startCaptureProxy({ spoolFile: path.join(scratch, 'two.ndjson'), upstream: 'offline' });
    expect(one.spkiFingerprint).not.toBe(two.spkiFingerprint);
    await one.stop();
    await two.stop();
    expect(existsSync(one.caKeyFile)).toBe(false);
    expect(existsSync(two.caKeyFile)).toBe(false);
  });
});
