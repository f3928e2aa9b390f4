// Fault: the game's URL does not answer. Two real cases in one batch: a plan pointing at a closed
// localhost port, and one at a host that does not resolve. Both go through the passthrough proxy
// (Playwright's per-context proxy carries loopback too), which must not hang on them. Each
// capture ends, says the game could not be opened, seals its bundle, and no check passes on
// evidence never collected; the third game of the batch completes. A third case: a server that
// accepts the connection and never says a word, reached through the proxy.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, expect, it } from 'vitest';
import { freePort } from '../../src/capture/appium/local-appium-server.ts';
import { readBundle } from '../../src/evidence/bundle-reader.ts';
import { verifyBundle } from '../../src/evidence/manifest.ts';
import { loadPlan, type LoadedPlan } from '../../src/plan/load.ts';
import { demoDirectory, everyCheckInconclusive, outcomesById, programmeOf, runBatch, summaryOf } from './fault-support.ts';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'fault-url-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function planFor(id: string, url: string): LoadedPlan {
  const file = path.join(scratch, `${id}.yaml`);
  writeFileSync(
    file,
    stringify({ id, title: `Unreachable ${id}`, publisher: 'Nobody', platforms: { web: { url } }, session: { launchSeconds: 1, playSeconds: 0 } }),
  );
  return loadPlan(file);
}

it('a game URL that does not answer ends the capture with an incomplete, sealed bundle; the batch goes on', async () => {
  const closedPort = await freePort();
  const runDir = path.join(scratch, 'run');
  const summaries = await runBatch({
    programme: programmeOf([
      planFor('closed-port', `http://127.0.0.1:${closedPort}/`),
      planFor('no-such-host', 'https://play.no-such-game.invalid/'),
      loadPlan(path.join(demoDirectory, 'demo-careful.yaml')),
    ]),
    runDir,
  });

  // The proxy passes the upstream failure on as a reset connection, as the network would.
  for (const gameId of ['closed-port', 'no-such-host']) {
    const audit = summaryOf(summaries, gameId);
    expect([gameId, audit.status]).toEqual([gameId, 'incomplete']);
    const bundle = readBundle(audit.bundleDir);
    const reason = bundle.evidence.incompleteReasons[0]!;
    expect(reason.message).toMatch(/^The game could not be opened: the game's URL .* did not answer/);
    expect(reason.message).toMatch(/ERR_CONNECTION_RESET|ERR_EMPTY_RESPONSE|ERR_CONNECTION_CLOSED/);
    expect(reason.affects).toEqual(expect.arrayContaining(['network', 'identifiers', 'settings', 'consent']));
    expect(bundle.evidence.phases.every((phase) => phase.status === 'skipped')).toBe(true);
    expect((await verifyBundle(audit.bundleDir)).ok).toBe(true);
    expect(bundle.manifest?.status).toBe('incomplete');
    // The game never opened: nothing was observed, so no check can conclude anything.
    expect([gameId, outcomesById(audit.result!)]).toEqual([gameId, everyCheckInconclusive]);
  }

  // Why each failed is in the evidence: the proxy recorded the attempt and the upstream error.
  for (const [gameId, url, upstreamError] of [
    ['closed-port', `http://127.0.0.1:${closedPort}/`, /ECONNREFUSED/],
    ['no-such-host', 'https://play.no-such-game.invalid/', /ENOTFOUND|EAI_AGAIN/],
  ] as const) {
    const attempt = readBundle(summaryOf(summaries, gameId).bundleDir).har.log.entries.find((entry) => entry.request.url === url);
    expect([gameId, (attempt as { _aborted?: string } | undefined)?._aborted]).toEqual([gameId, expect.stringMatching(upstreamError)]);
  }

  expect(summaryOf(summaries, 'demo-careful').status).toBe('complete');
});

it('a game server that accepts but never answers: the capture gives up, bounded, and says why', async () => {
  const held: net.Socket[] = [];
  const silent = net.createServer((socket) => void held.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const port = (silent.address() as net.AddressInfo).port;
  try {
    const summaries = await runBatch({ programme: programmeOf([planFor('silent-server', `http://127.0.0.1:${port}/`)]), runDir: path.join(scratch, 'silent') });
    const audit = summaryOf(summaries, 'silent-server');
    expect(audit.status).toBe('incomplete');
    // The request reached the server through the proxy and was left hanging.
    expect(held.length).toBeGreaterThan(0);
    const bundle = readBundle(audit.bundleDir);
    expect(bundle.evidence.incompleteReasons[0]!.message).toMatch(/^The game could not be opened: the game's URL .* did not answer: .*Timeout/);
    // The request was sent, so it is evidence even unanswered: it is in the sealed HAR, cut off
    // when the browser gave up (proxy-unanswered.test.ts covers one the proxy's stop cuts off).
    const unanswered = bundle.har.log.entries.find((entry) => entry.request.url === `http://127.0.0.1:${port}/`) as { _aborted?: string } | undefined;
    expect(unanswered?._aborted).toMatch(/aborted before the response completed|capture ended before a response arrived/);
    expect((await verifyBundle(audit.bundleDir)).ok).toBe(true);
    expect(outcomesById(audit.result!)).toEqual(everyCheckInconclusive);
  } finally {
    for (const socket of held) socket.destroy();
    silent.close();
  }
});
