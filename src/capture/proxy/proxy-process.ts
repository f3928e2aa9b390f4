// The intercepting proxy, in its own process (forked by start-proxy.ts). Running apart means a
// proxy crash is a real, survivable fault for the capture, and its memory is its own. Every
// completed exchange is appended to the spool file at once, so nothing seen is lost on a crash.
//
// One process may serve many captures, one at a time (proxy-process-pool.ts), because loading
// mockttp costs about a core-second. Everything a capture has (server, counters, phase timeline,
// progress timer, unfinished writes) lives in its own CaptureSession, which is closed before the
// parent is told the process is free, so nothing of one capture reaches the next.
import net from 'node:net';
import type * as mockttp from 'mockttp';
import type { CompletedRequest, CompletedResponse } from 'mockttp';
// The server alone: the package's entry point also loads its remote-control client and admin
// server (GraphQL and more), which a capture never uses and which double the child's start time.
import { MockttpServer } from 'mockttp/dist/server/mockttp-server';
import { appendSpoolEntry } from './spool.ts';
import { isBrowserHousekeeping } from './browser-housekeeping.ts';
import type { HarEntry } from '../../evidence/har.ts';
import { buildHarEntry, buildTlsFailureEntry, type RecordedRequest } from './har-entry.ts';
import { createOfflineResponder } from './offline-responder.ts';
import { PhaseTimeline } from './phase-timeline.ts';
import type { ChildMessage, ParentMessage, ProxyProcessConfig } from './proxy-messages.ts';

function send(message: ChildMessage, then?: () => void): void {
  if (process.connected && process.send) process.send(message, undefined, {}, () => then?.());
  else then?.();
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
 * here; this process runs nothing but the proxy, so the next `listen(port)` call (mockttp's, in
 * start) is turned into listening on that socket: a capture proxy open to the whole network
 * would hand a child's traffic to anyone on it. Returns the undo, run once start is over either
 * way, so every capture this process serves gets the same treatment and a failed start leaves
 * nothing patched.
 */
function listenOn(socket: unknown): () => void {
  const originalListen = net.Server.prototype.listen as (this: net.Server, ...args: unknown[]) => net.Server;
  const restore = (): void => {
    net.Server.prototype.listen = originalListen as typeof net.Server.prototype.listen;
  };
  const narrowed = function (this: net.Server, ...args: unknown[]): net.Server {
    if (args.length !== 1 || typeof args[0] !== 'number') return originalListen.apply(this, args);
    // One socket, one server: any later listen is mockttp's own business again.
    restore();
    return originalListen.call(this, socket);
  };
  net.Server.prototype.listen = narrowed as typeof net.Server.prototype.listen;
  return restore;
}

/** One capture's proxy: its server, counters and timeline, gone with it. */
class CaptureSession {
  readonly timeline = new PhaseTimeline();
  private server: mockttp.Mockttp | undefined;
  private started = 0;
  private completed = 0;
  private lastReported = -1;
  private progressTimer: NodeJS.Timeout | undefined;
  /** Handlers still decoding bodies: their entries must be in the spool before stop answers. */
  private readonly unfinished = new Set<Promise<void>>();
  /** Once stopping, late events are no longer this capture's to record. */
  private closed = false;
  /** Requests seen that have no entry yet (by mockttp id), with their bodies once complete. */
  private readonly open = new Map<string, { initiated: mockttp.InitiatedRequest; completed?: CompletedRequest }>();

  private readonly entryOptions: Pick<ProxyProcessConfig, 'requestBodyCapBytes' | 'responseBodyCapBytes'>;

  constructor(
    readonly id: number,
    private readonly config: ProxyProcessConfig,
  ) {
    this.entryOptions = { requestBodyCapBytes: config.requestBodyCapBytes, responseBodyCapBytes: config.responseBodyCapBytes };
  }

  /** Progress at most a few times a second, so a flood of requests does not flood the IPC channel. */
  private scheduleProgress(): void {
    if (this.progressTimer || this.closed) return;
    this.progressTimer = setTimeout(() => {
      this.progressTimer = undefined;
      if (this.closed || this.started + this.completed === this.lastReported) return;
      this.lastReported = this.started + this.completed;
      send({ type: 'progress', capture: this.id, started: this.started, completed: this.completed });
    }, 200);
  }

  private record(entry: HarEntry, rawHeaders: mockttp.RawHeaders): void {
    if (this.closed) return;
    if (this.config.markBrowserHousekeeping && isBrowserHousekeeping(rawHeaders)) entry._source = 'browser-internal';
    appendSpoolEntry(this.config.spoolFile, entry);
    this.completed += 1;
    this.scheduleProgress();
  }

  /**
   * Records a request that got no response, with its body once mockttp had it whole: aborted by
   * either side or upstream, or still open when the capture ended.
   */
  private recordUnanswered(initiated: mockttp.InitiatedRequest, completed: CompletedRequest | undefined, abortReason: string): void {
    this.track(async () => {
      const body = completed ? await decodedBody(completed.body) : new Uint8Array();
      const entry = buildHarEntry(recordedRequest(completed ?? initiated, body), undefined, {
        ...this.entryOptions,
        phase: this.timeline.phaseAt(initiated.timingEvents.startTime),
        abortReason,
      });
      this.record(entry, initiated.rawHeaders);
    });
  }

  /** Runs an event handler, tracked until it has written its entry. */
  private track(work: () => Promise<void>): void {
    const running = work()
      .catch((error: unknown) => {
        process.stderr.write(`proxy: an entry could not be recorded: ${(error as Error).message}\n`);
      })
      .finally(() => this.unfinished.delete(running));
    this.unfinished.add(running);
  }

  async start(socket: unknown): Promise<number> {
    if (!socket) throw new Error('the listening socket did not arrive from the capture process');
    const config = this.config;
    const restoreListen = listenOn(socket);
    try {
      const proxy: mockttp.Mockttp = new MockttpServer({ https: { keyPath: config.caKeyFile, certPath: config.caCertFile }, recordTraffic: false });
      this.server = proxy;

      await proxy.on('request-initiated', (initiated) => {
        if (this.closed) return;
        this.open.set(initiated.id, { initiated });
        this.started += 1;
        this.scheduleProgress();
      });
      await proxy.on('request', (request) => {
        const seen = this.open.get(request.id);
        if (seen) seen.completed = request;
      });
      await proxy.on('response', (response) =>
        this.track(async () => {
          const request = this.open.get(response.id)?.completed;
          this.open.delete(response.id);
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
            { ...this.entryOptions, phase: this.timeline.phaseAt(request.timingEvents.startTime) },
          );
          this.record(entry, request.rawHeaders);
        }),
      );
      await proxy.on('abort', (aborted) => {
        const completed = this.open.get(aborted.id)?.completed;
        this.open.delete(aborted.id);
        this.recordUnanswered(aborted, completed, aborted.error?.message ?? aborted.error?.code ?? 'aborted before the response completed');
      });
      await proxy.on('tls-client-error', (failure) => {
        if (this.closed) return;
        const host = failure.tlsMetadata.sniHostname ?? failure.destination?.hostname ?? 'unknown';
        const time = failure.timingEvents.startTime;
        appendSpoolEntry(config.spoolFile, buildTlsFailureEntry(host, failure.failureCause, time, this.timeline.phaseAt(time)));
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
      return proxy.port;
    } finally {
      restoreListen();
    }
  }

  /**
   * Closes the server and waits until every exchange it saw is in the spool. A request still
   * waiting for its answer was sent all the same, so it is evidence: it is recorded as cut off
   * by the end of the capture (mockttp drops its listeners on stop, so its own abort would never
   * come).
   */
  async stop(): Promise<{ started: number; completed: number }> {
    try {
      await this.server?.stop();
    } finally {
      while (this.unfinished.size > 0) await Promise.allSettled([...this.unfinished]);
      for (const { initiated, completed } of this.open.values()) {
        this.recordUnanswered(initiated, completed, 'the capture ended before a response arrived');
      }
      this.open.clear();
      while (this.unfinished.size > 0) await Promise.allSettled([...this.unfinished]);
      this.closed = true;
      clearTimeout(this.progressTimer);
      this.progressTimer = undefined;
    }
    return { started: this.started, completed: this.completed };
  }
}

let current: CaptureSession | undefined;

function startCapture(id: number, config: ProxyProcessConfig, socket: unknown): void {
  if (current) {
    send({ type: 'error', capture: id, message: `this proxy process is still serving capture ${current.id}` });
    return;
  }
  const session = new CaptureSession(id, config);
  current = session;
  session.start(socket).then(
    (port) => send({ type: 'ready', capture: id, port }),
    (error: unknown) => {
      // A half-started server is no state to serve another capture from: the process ends, and
      // the parent never hands it out again.
      send({ type: 'error', capture: id, message: (error as Error).message }, () => process.exit(1));
    },
  );
}

function stopCapture(id: number): void {
  const session = current;
  if (!session || session.id !== id) return;
  session.stop().then(
    ({ started, completed }) => {
      current = undefined;
      send({ type: 'stopped', capture: id, started, completed });
    },
    (error: unknown) => {
      // The server did not close cleanly: this process is not fit to serve another capture.
      process.stderr.write(`proxy: the capture's server did not stop cleanly: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}

// The start message carries the listening socket (a raw handle, so nothing accepts a connection
// before mockttp's server takes it over).
process.on('message', (message: ParentMessage, socket: unknown) => {
  switch (message.type) {
    case 'start':
      startCapture(message.capture, message.config, socket);
      break;
    case 'phase':
      if (current?.id === message.capture) current.timeline.set(message.phase, message.at);
      break;
    case 'stop':
      stopCapture(message.capture);
      break;
  }
});

// An orphaned proxy must not outlive the run that started it.
process.on('disconnect', () => process.exit(0));
// The proxy runs in its own process group (proxy-process-pool.ts); should a Ctrl-C still reach it
// (a signal to its group by hand), the capture stops us itself, after it has written what it
// captured, so the proxy keeps serving until then.
process.on('SIGINT', () => undefined);
