// The simulated device's network traffic: the requests a game's SDKs sent on a real phone,
// replayed through the capture proxy exactly as a phone configured with our proxy and CA would
// send them (HTTP CONNECT, then TLS trusting only the proxy's CA). A request marked with a
// certificate pin behaves like a pinned SDK: it refuses the proxy's certificate and aborts the
// handshake, which the proxy records as a TLS failure.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { Socket } from 'node:net';
import tls from 'node:tls';
import { z } from 'zod';
import { InputFileError } from '../../errors.ts';

const RecordedRequestSchema = z.strictObject({
  method: z.enum(['GET', 'POST', 'PUT']),
  url: z.url().refine((url) => url.startsWith('https://'), 'device traffic is replayed as HTTPS'),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.unknown().optional().describe('A string is sent as it is; anything else as JSON'),
  pinnedSpkiSha256: z.string().optional().describe('base64 SHA-256 of the only public key the client accepts'),
});
export const RecordedTrafficSchema = z.strictObject({
  description: z.string().optional(),
  userAgent: z.string().optional(),
  requests: z.array(RecordedRequestSchema),
});
export type RecordedTraffic = z.infer<typeof RecordedTrafficSchema>;
type RecordedRequest = RecordedTraffic['requests'][number];

export function loadRecordedTraffic(file: string): RecordedTraffic {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputFileError(file, `recorded traffic could not be read: ${(error as Error).message}`);
  }
  const parsed = RecordedTrafficSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputFileError(file, `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return parsed.data;
}

export interface ProxyAddress {
  host: string;
  port: number;
  caCertificatePem: string;
}

export interface ReplayOutcome {
  url: string;
  status?: number;
  /** Set when the TLS handshake was refused (pinning) or failed. */
  tlsError?: string;
  error?: string;
}

function openTunnel(proxy: ProxyAddress, host: string, port: number, signal: AbortSignal): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: proxy.host, port: proxy.port, method: 'CONNECT', path: `${host}:${port}`, headers: { host: `${host}:${port}` }, signal });
    request.once('connect', (response, socket) => {
      if (response.statusCode === 200) resolve(socket);
      else {
        socket.destroy();
        reject(new Error(`the proxy refused CONNECT ${host}:${port} (HTTP ${response.statusCode})`));
      }
    });
    request.once('error', reject);
    request.end();
  });
}

function spkiSha256(certificate: tls.PeerCertificate): string {
  return createHash('sha256').update(certificate.pubkey ?? Buffer.alloc(0)).digest('base64');
}

async function sendOne(recorded: RecordedRequest, traffic: RecordedTraffic, proxy: ProxyAddress, signal: AbortSignal): Promise<ReplayOutcome> {
  const url = new URL(recorded.url);
  const port = url.port ? Number(url.port) : 443;
  const tunnel = await openTunnel(proxy, url.hostname, port, signal);
  let secure: tls.TLSSocket;
  try {
    secure = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const socket = tls.connect({
        socket: tunnel,
        servername: url.hostname,
        ca: [proxy.caCertificatePem],
        ALPNProtocols: ['http/1.1'],
        checkServerIdentity: (hostname, certificate) => {
          if (recorded.pinnedSpkiSha256 && spkiSha256(certificate) !== recorded.pinnedSpkiSha256) {
            return new Error(`certificate pin mismatch for ${hostname}`);
          }
          return tls.checkServerIdentity(hostname, certificate);
        },
      });
      socket.once('secureConnect', () => resolve(socket));
      socket.once('error', reject);
    });
  } catch (error) {
    tunnel.destroy();
    return { url: recorded.url, tlsError: (error as Error).message };
  }

  const body = recorded.body === undefined ? undefined : typeof recorded.body === 'string' ? recorded.body : JSON.stringify(recorded.body);
  const headers: Record<string, string> = { host: url.host, ...(traffic.userAgent ? { 'user-agent': traffic.userAgent } : {}), ...recorded.headers };
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  return new Promise<ReplayOutcome>((resolve) => {
    const request = http.request({ method: recorded.method, path: `${url.pathname}${url.search}`, headers, createConnection: () => secure, signal }, (response) => {
      response.resume();
      response.once('end', () => {
        secure.end();
        resolve({ url: recorded.url, status: response.statusCode });
      });
    });
    request.once('error', (error) => {
      secure.destroy();
      resolve({ url: recorded.url, error: error.message });
    });
    request.end(body);
  });
}

/** Sends the recorded requests one after another, with a short gap as an app's SDKs would. */
export async function replayThroughProxy(traffic: RecordedTraffic, proxy: ProxyAddress, signal: AbortSignal, gapMs = 150): Promise<ReplayOutcome[]> {
  const outcomes: ReplayOutcome[] = [];
  for (const recorded of traffic.requests) {
    if (signal.aborted) break;
    try {
      outcomes.push(await sendOne(recorded, traffic, proxy, signal));
    } catch (error) {
      outcomes.push({ url: recorded.url, error: (error as Error).message });
    }
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  return outcomes;
}
