// The intercepting proxy, in its own process (forked by start-proxy.ts). Running apart means a
// proxy crash is a real, survivable fault for the capture, and its memory is its own. Every
// completed exchange is appended to the spool file at once, so nothing seen is lost on a crash.
import net from 'node:net';
import type * as mockttp from 'mockttp';
import type { CompletedRequest, CompletedResponse } from 'mockttp';
// The server alone: the package's entry point also loads its remote-control client and admin
// server (GraphQL and more), which a capture never uses and which double the child's start time.
import { MockttpServer } from 'mockttp/dist/server/mockttp-server';
import { appendSpoolEntry } from './spool.ts';
import { isBrowserHousekeeping } from './browser-housekeeping.ts';
import { buildHarEntry, buildTlsFailureEntry, type RecordedRequest } from './har-entry.ts';
import { createOfflineResponder } from './offline-responder.ts';
import { PhaseTimeline } from './phase-timeline.ts';
import type { ChildMessage, ParentMessage, ProxyProcessConfig } from './proxy-messages.ts';

const timeline = new PhaseTimeline();
let server: mockttp.Mockttp | undefined;
let started = 0;
let completed = 0;
let progressTimer: NodeJS.Timeout | undefined;
let lastReported = -1;

function send(message: ChildMessage): void {
  if (process.connected) process.send?.(message);
}

/** Progress at most a few times a second, so a flood of requests does not flood the IPC channel. */
function scheduleProgress(): void {
  if (progressTimer) return;
  progressTimer = setTimeout(() => {
    progressTimer = undefined;
    if (started + completed !== lastReported) {
      lastReported = started + completed;
      send({ type: 'progress', started, completed });
    }
  }, 200);
}

async function decodedBody(body: CompletedRequest['body'] | CompletedResponse['body']): Promise<Uint8Array> {
  try {
    return (await body.getDecodedBuffer()) ?? body.buffer;
  } catch {
    return body.buffer;
  }
}

function recordedRequest(request: mockttp.InitiatedRequest, body: Uint8Array): RecordedRequest {
  return {
    startTime: request.timingEvents.startTime,
    method: request.method,
    url: request.url,
    httpVersion: request.httpVersion,
    rawHeaders: request.rawHeaders,
    body,
  };
}

/**
 * mockttp has no option for a listening socket made elsewhere, and would bind every interface.
 * The capture's process bound the socket on the configured host (start-proxy.ts) and sent it
 * here; this process runs nothing but the proxy, so its single `listen(port)` call is turned
 * into listening on that socket: a capture proxy open to the whole network would hand a child's
 * traffic to anyone on it.
 */
function listenOn(socket: unknown): void {
  const originalListen = net.Server.prototype.listen as (this: net.Server, ...args: unknown[]) => net.Server;
  const narrowed = function (this: net.Server, ...args: unknown[]): net.Server {
    if (args.length !== 1 || typeof args[0] !== 'number') return originalListen.apply(this, args);
    // One socket, one server: any later listen is mockttp's own business again.
    net.Server.prototype.listen = originalListen as typeof net.Server.prototype.listen;
    return originalListen.call(this, socket);
  };
  net.Server.prototype.listen = narrowed as typeof net.Server.prototype.listen;
}

async function start(config: ProxyProcessConfig, socket: unknown): Promise<void> {
  if (!socket) throw new Error('the listening socket did not arrive from the capture process');
  listenOn(socket);
  const entryOptions = { requestBodyCapBytes: config.requestBodyCapBytes, responseBodyCapBytes: config.responseBodyCapBytes };
  const completedRequests = new Map<string, CompletedRequest>();
  const proxy: mockttp.Mockttp = new MockttpServer({ https: { keyPath: config.caKeyFile, certPath: config.caCertFile }, recordTraffic: false });
  server = proxy;

  await proxy.on('request-initiated', () => {
    started += 1;
    scheduleProgress();
  });
  await proxy.on('request', (request) => {
    completedRequests.set(request.id, request);
  });
  await proxy.on('response', async (response) => {
    const request = completedRequests.get(response.id);
    completedRequests.delete(response.id);
    if (!request) return;
    const [requestBody, responseBody] = await Promise.all([decodedBody(request.body), decodedBody(response.body)]);
    const entry = buildHarEntry(
      recordedRequest(request, requestBody),
      {
        statusCode: response.statusCode,
        statusMessage: response.statusMessage,
        rawHeaders: response.rawHeaders,
        body: responseBody,
        endTime: request.timingEvents.startTime + ((response.timingEvents.responseSentTimestamp ?? response.timingEvents.startTimestamp) - request.timingEvents.startTimestamp),
        headersSentTime: response.timingEvents.headersSentTimestamp
          ? request.timingEvents.startTime + (response.timingEvents.headersSentTimestamp - request.timingEvents.startTimestamp)
          : undefined,
      },
      { ...entryOptions, phase: timeline.phaseAt(request.timingEvents.startTime) },
    );
    if (config.markBrowserHousekeeping && isBrowserHousekeeping(request.rawHeaders)) entry._source = 'browser-internal';
    appendSpoolEntry(config.spoolFile, entry);
    completed += 1;
    scheduleProgress();
  });
  await proxy.on('abort', async (aborted) => {
    const request = completedRequests.get(aborted.id);
    completedRequests.delete(aborted.id);
    const body = request ? await decodedBody(request.body) : new Uint8Array();
    const entry = buildHarEntry(recordedRequest(request ?? aborted, body), undefined, {
      ...entryOptions,
      phase: timeline.phaseAt(aborted.timingEvents.startTime),
      abortReason: aborted.error?.message ?? aborted.error?.code ?? 'aborted before the response completed',
    });
    if (config.markBrowserHousekeeping && isBrowserHousekeeping(aborted.rawHeaders)) entry._source = 'browser-internal';
    appendSpoolEntry(config.spoolFile, entry);
    completed += 1;
    scheduleProgress();
  });
  await proxy.on('tls-client-error', (failure) => {
    const host = failure.tlsMetadata.sniHostname ?? failure.destination?.hostname ?? 'unknown';
    const time = failure.timingEvents.startTime;
    appendSpoolEntry(config.spoolFile, buildTlsFailureEntry(host, failure.failureCause, time, timeline.phaseAt(time)));
  });

  if (config.upstream === 'offline') {
    const respond = createOfflineResponder(config.offlineOrigins);
    await proxy.forAnyRequest().thenCallback((request) => {
      const answer = respond({ method: request.method, url: request.url, headers: request.headers, body: request.body.buffer });
      return { statusCode: answer.status, headers: answer.headers, rawBody: answer.body };
    });
  } else {
    // An upstream that cannot be reached (no such host, refused, TLS failure) reaches the game as
    // the same connection failure it would see without us, not as a 502 page from the proxy that
    // a browser would render and the capture would take for the game having answered.
    await proxy.forAnyRequest().thenPassThrough({ simulateConnectionErrors: true });
  }
  await proxy.start(config.port);
  send({ type: 'ready', port: proxy.port });
}

async function stop(): Promise<void> {
  try {
    await server?.stop();
  } finally {
    send({ type: 'stopped', started, completed });
    process.exit(0);
  }
}

// The start message carries the listening socket (a raw handle, so nothing accepts a connection
// before mockttp's server takes it over).
process.on('message', (message: ParentMessage, socket: unknown) => {
  switch (message.type) {
    case 'start':
      start(message.config, socket).catch((error: unknown) => {
        send({ type: 'error', message: (error as Error).message });
        process.exit(1);
      });
      break;
    case 'phase':
      timeline.set(message.phase, message.at);
      break;
    case 'stop':
      void stop();
      break;
  }
});

// An orphaned proxy must not outlive the capture that started it.
process.on('disconnect', () => process.exit(0));
// Ctrl-C in a terminal reaches the whole process group: the capture stops us itself, after it
// has written what it captured, so the proxy keeps serving until then.
process.on('SIGINT', () => undefined);
