// A run's proxy processes serve one capture after another (ProxyProcessPool). Reuse must never
// let one capture's traffic, counters or phases reach another, a process that died is never
// handed out again, and nothing of the pool is left running once it is disposed.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ProxyProcessPool } from '../../src/capture/proxy/proxy-process-pool.ts';
import { startCaptureProxy, type ProcessCaptureProxy } from '../../src/capture/proxy/start-proxy.ts';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'proxy-pool-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// A small game site, answered by the proxy itself (offline upstream): nothing leaves the machine.
const site = path.join(scratch, 'site');
mkdirSync(site);
writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>pool game</title><script src="/game.js"></script>');
writeFileSync(path.join(site, 'game.js'), 'console.log("playing");');
writeFileSync(path.join(site, 'level.json'), '{"level":1}');
const origin = 'https://pool.demo-games.test';
const offlineOrigins = { [origin]: site };

/** A GET the way a browser sends it through the proxy: CONNECT, then TLS trusting only the capture's CA. */
async function fetchThroughProxy(proxy: ProcessCaptureProxy, url: string): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  const tunnel = await new Promise<net.Socket>((resolve, reject) => {
    const connect = http.request({ host: proxy.host, port: proxy.port, method: 'CONNECT', path: `${target.hostname}:443` });
    connect.once('connect', (response, socket) => {
      if (response.statusCode === 200) resolve(socket);
      else reject(new Error(`CONNECT answered ${response.statusCode}`));
    });
    connect.once('error', reject);
    connect.end();
  });
  return new Promise((resolve, reject) => {
    const request = https.request(
      {
        host: target.hostname,
        path: target.pathname + target.search,
        headers: { connection: 'close' },
        createConnection: () => tls.connect({ socket: tunnel, servername: target.hostname, ca: proxy.caCertificatePem }),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.once('error', reject);
    request.end();
  });
}

function startPooled(pool: ProxyProcessPool, name: string): Promise<ProcessCaptureProxy> {
  return startCaptureProxy({ spoolFile: path.join(scratch, `${name}.ndjson`), upstream: 'offline', offlineOrigins, processes: pool });
}

/** A pooled capture that has served the game's page and spooled that one exchange. */
async function startWithOneExchange(pool: ProxyProcessPool, name: string): Promise<ProcessCaptureProxy> {
  const proxy = await startPooled(pool, name);
  expect((await fetchThroughProxy(proxy, `${origin}/`)).status).toBe(200);
  // The proxy spools an exchange just after the client has its response.
  await vi.waitFor(() => expect([...proxy.entries()]).toHaveLength(1), { timeout: 10_000 });
  return proxy;
}

/** Running, and not a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('ProxyProcessPool', () => {
  it('serves two captures in turn from one process, each with only its own traffic, count and phases', async () => {
    const pool = new ProxyProcessPool();
    try {
      const first = await startPooled(pool, 'first');
      first.setPhase('play');
      expect(await fetchThroughProxy(first, `${origin}/`)).toMatchObject({ status: 200, body: expect.stringContaining('pool game') });
      expect((await fetchThroughProxy(first, `${origin}/game.js`)).body).toContain('playing');
      expect((await fetchThroughProxy(first, `${origin}/level.json?from=first`)).status).toBe(200);
      await first.stop();
      expect(first.failure()).toBeUndefined();
      expect(pool.idleCount()).toBe(1);

      const second = await startPooled(pool, 'second');
      expect(second.pid).toBe(first.pid);
      // A phase change from a capture that is over must not reach the one the process serves now.
      first.setPhase('settings');
      expect(second.port).not.toBe(first.port);
      // Its own CA: the reused process serves the new capture's certificates, not the last one's.
      expect(second.caCertificatePem).not.toBe(first.caCertificatePem);
      expect((await fetchThroughProxy(second, `${origin}/level.json?from=second`)).body).toBe('{"level":1}');
      expect((await fetchThroughProxy(second, `${origin}/`)).status).toBe(200);
      await second.stop();
      expect(second.failure()).toBeUndefined();

      const firstEntries = [...first.entries()];
      const secondEntries = [...second.entries()];
      expect(firstEntries.map((entry) => entry.request.url)).toEqual([`${origin}/`, `${origin}/game.js`, `${origin}/level.json?from=first`]);
      expect(secondEntries.map((entry) => entry.request.url)).toEqual([`${origin}/level.json?from=second`, `${origin}/`]);
      expect(first.requestCount()).toBe(3);
      expect(second.requestCount()).toBe(2);
      // The first capture's phase was play; the second never set one, so its traffic is launch's.
      expect(firstEntries.map((entry) => entry._phase)).toEqual(['play', 'play', 'play']);
      expect(secondEntries.map((entry) => entry._phase)).toEqual(['launch', 'launch']);
    } finally {
      await pool.dispose();
    }
  }, 60_000);

  it('never hands out a process killed mid-capture; the next capture gets a new one that records normally', async () => {
    const pool = new ProxyProcessPool();
    try {
      const doomed = await startWithOneExchange(pool, 'doomed');
      process.kill(doomed.pid, 'SIGKILL');
      await vi.waitFor(() => expect(doomed.failure()).toBeDefined(), { timeout: 10_000 });
      expect(doomed.failure()?.message).toMatch(new RegExp(`proxy process \\(pid ${doomed.pid}\\) exited unexpectedly \\(signal SIGKILL\\)`));
      await doomed.stop();
      expect(pool.idleCount()).toBe(0);
      // What it recorded before it died is still there.
      expect([...doomed.entries()].map((entry) => entry.request.url)).toEqual([`${origin}/`]);

      const next = await startPooled(pool, 'after-kill');
      expect(next.pid).not.toBe(doomed.pid);
      expect((await fetchThroughProxy(next, `${origin}/game.js`)).body).toContain('playing');
      await next.stop();
      expect(next.failure()).toBeUndefined();
      expect([...next.entries()].map((entry) => entry.request.url)).toEqual([`${origin}/game.js`]);
      expect(next.requestCount()).toBe(1);
    } finally {
      await pool.dispose();
    }
  }, 60_000);

  it('a process that does not answer stop is killed and never reused', async () => {
    const pool = new ProxyProcessPool();
    try {
      const frozen = await startWithOneExchange(pool, 'frozen');
      // Stopped by the kernel, it cannot acknowledge: stop gives up on it and kills it.
      process.kill(frozen.pid, 'SIGSTOP');
      await frozen.stop();
      expect(isRunning(frozen.pid)).toBe(false);
      expect(pool.idleCount()).toBe(0);

      const next = await startPooled(pool, 'after-freeze');
      expect(next.pid).not.toBe(frozen.pid);
      expect((await fetchThroughProxy(next, `${origin}/level.json`)).status).toBe(200);
      await next.stop();
      expect([...next.entries()].map((entry) => entry.request.url)).toEqual([`${origin}/level.json`]);
    } finally {
      await pool.dispose();
    }
  }, 60_000);

  it('dispose ends every process, idle or still serving, and is safe to call twice', async () => {
    const pool = new ProxyProcessPool();
    const idle = await startPooled(pool, 'to-idle');
    await idle.stop();
    const busy = await startPooled(pool, 'still-busy');
    expect(busy.pid).toBe(idle.pid);
    const alsoBusy = await startPooled(pool, 'also-busy');
    expect(alsoBusy.pid).not.toBe(busy.pid);
    await alsoBusy.stop();
    // One idle process (alsoBusy's) and one still serving a capture (busy's).
    expect(pool.idleCount()).toBe(1);
    expect([busy.pid, alsoBusy.pid].every(isRunning)).toBe(true);

    await pool.dispose();
    await pool.dispose();
    expect(isRunning(busy.pid)).toBe(false);
    expect(isRunning(alsoBusy.pid)).toBe(false);
    // The capture whose process the dispose ended says so, and no new capture starts from the pool.
    expect(busy.failure()?.message).toMatch(/exited unexpectedly/);
    await busy.stop();
    await expect(startPooled(pool, 'too-late')).rejects.toThrow(/disposed/);
  }, 60_000);

  it('without a pool a capture has its own process, ended by stop', async () => {
    const proxy = await startCaptureProxy({ spoolFile: path.join(scratch, 'alone.ndjson'), upstream: 'offline', offlineOrigins });
    expect((await fetchThroughProxy(proxy, `${origin}/`)).status).toBe(200);
    await proxy.stop();
    expect(isRunning(proxy.pid)).toBe(false);
    expect([...proxy.entries()].map((entry) => entry.request.url)).toEqual([`${origin}/`]);
  }, 60_000);

  it('idle processes do not keep a finished program alive, disposed or not', async () => {
    const script = path.join(scratch, 'run-and-leave.mts');
    const startProxy = fileURLToPath(new URL('../../src/capture/proxy/start-proxy.ts', import.meta.url));
    const poolModule = fileURLToPath(new URL('../../src/capture/proxy/proxy-process-pool.ts', import.meta.url));
    writeFileSync(
      script,
      [
        `import { startCaptureProxy } from ${JSON.stringify(startProxy)};`,
        `import { ProxyProcessPool } from ${JSON.stringify(poolModule)};`,
        'const pool = new ProxyProcessPool();',
        `const proxy = await startCaptureProxy({ spoolFile: ${JSON.stringify(path.join(scratch, 'leave.ndjson'))}, upstream: 'offline', processes: pool });`,
        'await proxy.stop();',
        'if (process.argv[2] === "dispose") await pool.dispose();',
        'console.log(proxy.pid);',
      ].join('\n'),
    );
    for (const mode of ['dispose', 'forget']) {
      // The program ends by itself (a kept-alive one would hang until execFile's timeout kills it).
      const pid = await new Promise<number>((resolve, reject) => {
        execFile(process.execPath, ['--import', import.meta.resolve('tsx'), script, mode], { timeout: 30_000 }, (error, stdout) => {
          if (error) reject(error);
          else resolve(Number(stdout.trim()));
        });
      });
      expect(pid).toBeGreaterThan(0);
      // Without dispose the orphaned process ends itself when its parent's IPC channel goes.
      await vi.waitFor(() => expect(isRunning(pid)).toBe(false), { timeout: 10_000 });
    }
  }, 90_000);
});
