// The per-run CA is a secret while the capture runs: its key is readable by the owner only and
// gone when the proxy stops; the proxy answers only on loopback unless told otherwise.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startCaptureProxy } from '../../src/capture/proxy/start-proxy.ts';

const directory = mkdtempSync(path.join(os.tmpdir(), 'proxy-ca-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

it('writes the CA key 0600, listens on 127.0.0.1 only, and deletes the key on stop', async () => {
  const proxy = await startCaptureProxy({ spoolFile: path.join(directory, '.spool.ndjson'), upstream: 'offline' });
  try {
    expect(statSync(proxy.caKeyFile).mode & 0o777).toBe(0o600);
    expect(proxy.spkiFingerprint).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(proxy.caCertificatePem).toContain('BEGIN CERTIFICATE');
    expect(await connects('127.0.0.1', proxy.port)).toBe(true);
    const otherAddress = Object.values(os.networkInterfaces()).flat().find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
    if (otherAddress) expect(await connects(otherAddress, proxy.port)).toBe(false);
  } finally {
    await proxy.stop();
  }
  expect(existsSync(proxy.caKeyFile)).toBe(false);
  expect(proxy.failure()).toBeUndefined();
});

it('warns when asked to listen beyond loopback', async () => {
  const warnings: string[] = [];
  const proxy = await startCaptureProxy({ spoolFile: path.join(directory, '.spool2.ndjson'), upstream: 'offline', host: '0.0.0.0', onWarning: (message) => warnings.push(message), keepCa: true });
  await proxy.stop();
  expect(warnings[0]).toMatch(/listens on 0\.0\.0\.0/);
  expect(existsSync(proxy.caKeyFile)).toBe(true);
  rmSync(path.dirname(proxy.caKeyFile), { recursive: true, force: true });
});
