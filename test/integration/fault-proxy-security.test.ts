// The per-run CA through a whole audit, and when the proxy cannot start: its folder is the
// owner's alone (0700), its key owner-only (0600) while the capture runs, and nothing of it is
// left in the temporary folder afterwards — unless --keep-ca asked for it. Listening beyond
// loopback warns. (test/integration/proxy-ca.test.ts covers the proxy on its own.)
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, expect, it, vi } from 'vitest';
import { startCaptureProxy, type ProcessCaptureProxy } from '../../src/capture/proxy/start-proxy.ts';
import { auditGame } from '../../src/cli/audit-game.ts';
import { UserError } from '../../src/errors.ts';
import { loadPlan } from '../../src/plan/load.ts';
import { demoDirectory } from './fault-support.ts';

// os.tmpdir() follows TMPDIR, so the CA folders this file makes are the only ones in here.
const privateTmp = mkdtempSync(path.join(os.tmpdir(), 'fault-ca-tmp-'));
const runDir = mkdtempSync(path.join(os.tmpdir(), 'fault-ca-run-'));
const originalTmp = process.env.TMPDIR;
beforeEach(() => {
  process.env.TMPDIR = privateTmp;
});
afterEach(() => {
  if (originalTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = originalTmp;
});
afterAll(() => {
  rmSync(privateTmp, { recursive: true, force: true });
  rmSync(runDir, { recursive: true, force: true });
});

const caFolders = (): string[] => readdirSync(privateTmp).filter((name) => name.startsWith('gameaudit-ca-'));
const mode = (file: string): number => statSync(file).mode & 0o777;

it('during an audit the CA folder is 0700 and its key 0600; after it nothing of the CA is left', async () => {
  let proxy: ProcessCaptureProxy | undefined;
  const seen: { folder?: number; key?: number; folders?: number } = {};
  const outcome = await auditGame({
    loadedPlan: loadPlan(path.join(demoDirectory, 'demo-careful.yaml')),
    platform: 'web',
    runDir: path.join(runDir, 'default'),
    phases: ['launch'],
    onProxyStarted: (started) => {
      proxy = started;
    },
    onProgress: (progress) => {
      if (progress.phase !== 'launch' || !proxy) return;
      seen.folder = mode(path.dirname(proxy.caKeyFile));
      seen.key = mode(proxy.caKeyFile);
      seen.folders = caFolders().length;
    },
  });
  expect(outcome.evidence.phases.map((phase) => phase.status)).toEqual(['complete']);
  expect(seen).toEqual({ folder: 0o700, key: 0o600, folders: 1 });
  expect(path.dirname(path.dirname(proxy!.caKeyFile))).toBe(privateTmp);
  expect(caFolders()).toEqual([]);
  // The key is not copied into the evidence either.
  for (const file of readdirSync(outcome.bundleDir, { recursive: true }).map(String)) {
    const full = path.join(outcome.bundleDir, file);
    if (statSync(full).isFile()) expect([file, readFileSync(full, 'utf8').includes('PRIVATE KEY')]).toEqual([file, false]);
  }
});

it('a proxy that cannot start (its port is taken) refuses clearly and leaves no CA behind', async () => {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as net.AddressInfo).port;
  try {
    let caught: unknown;
    try {
      const proxy = await startCaptureProxy({ spoolFile: path.join(runDir, '.blocked-spool.ndjson'), upstream: 'offline', port });
      await proxy.stop();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as Error).message).toMatch(/capture proxy could not start on 127\.0\.0\.1: .*EADDRINUSE/);
    expect(caFolders()).toEqual([]);
  } finally {
    blocker.close();
  }
});

it('--proxy-host beyond loopback warns, and --keep-ca keeps the key (still 0600) after the audit', async () => {
  const warnings: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    warnings.push(String(chunk));
    return write(chunk, ...(rest as []));
  });
  let proxy: ProcessCaptureProxy | undefined;
  try {
    await auditGame({
      loadedPlan: loadPlan(path.join(demoDirectory, 'demo-careful.yaml')),
      platform: 'web',
      runDir: path.join(runDir, 'kept'),
      phases: ['launch'],
      proxyHost: '0.0.0.0',
      keepCa: true,
      onProxyStarted: (started) => {
        proxy = started;
      },
    });
  } finally {
    spy.mockRestore();
  }
  expect(warnings.join('')).toMatch(/warning: the capture proxy listens on 0\.0\.0\.0, so other machines on that network can use it/);
  expect(existsSync(proxy!.caKeyFile)).toBe(true);
  expect(mode(proxy!.caKeyFile)).toBe(0o600);
  expect(mode(path.dirname(proxy!.caKeyFile))).toBe(0o700);
  expect(caFolders()).toHaveLength(1);
  rmSync(path.dirname(proxy!.caKeyFile), { recursive: true, force: true });
});
