import { describe, expect, it } from 'vitest';
import check from '../../checks/default-settings.tracking-before-choice.ts';
import { adSignals, entry, input, makeEvidence, network, tracker } from './fixtures/evidence-factory.ts';

const gameFiles = entry('https://play.test-game.example/index.html', { index: 0 });

describe('default-settings.tracking-before-choice', () => {
  it('fails on advertising and analytics requests at launch, one finding per organisation with its HAR entries', () => {
    const analysis = network([
      gameFiles,
      entry('https://googleads.g.doubleclick.net/pagead/ads?tfcd=0', { index: 1, tracker: tracker('Google', 'advertising', true) }),
      entry('https://securepubads.g.doubleclick.net/gampad/ads', { index: 2, tracker: tracker('Google', 'advertising', true) }),
      entry('https://api2.amplitude.com/2/httpapi', { index: 3, method: 'POST', tracker: tracker('Amplitude', 'analytics') }),
    ]);
    const result = check.evaluate(input(makeEvidence(), analysis));
    expect(result.outcome).toBe('fail');
    const failing = result.findings.filter((finding) => finding.severity === 'fail');
    expect(failing.map((finding) => finding.data?.organization)).toEqual(['Google', 'Amplitude']);
    expect(failing[0]!.evidence).toEqual([
      { kind: 'har-entry', index: 1 },
      { kind: 'har-entry', index: 2 },
    ]);
  });

  it('keeps one organisation\'s advertising and analytics apart, and counts an uncatalogued OpenRTB bid request as advertising', () => {
    const analysis = network([
      gameFiles,
      entry('https://googleads.g.doubleclick.net/pagead/ads', { index: 1, tracker: tracker('Google', 'advertising', true) }),
      entry('https://www.google-analytics.com/g/collect', { index: 2, tracker: tracker('Google', 'analytics') }),
      entry('https://rtb.adexchange.example/openrtb2/auction', { index: 3, method: 'POST', registrableDomain: 'adexchange.example', adSignals: adSignals(false, 'unknown', { 'regs.coppa': '0' }) }),
    ]);
    const result = check.evaluate(input(makeEvidence(), analysis));
    expect(result.outcome).toBe('fail');
    expect(result.findings.map((finding) => [finding.data?.organization, finding.data?.category])).toEqual([
      ['Google', 'advertising'],
      ['Google', 'analytics'],
      ['adexchange.example (not in the catalogue)', 'advertising'],
    ]);
    expect(result.summary).toMatch(/^2 tracking companies received 3 requests/);
  });

  it('passes when trackers are only contacted after the consent phase', () => {
    const analysis = network([gameFiles, entry('https://googleads.g.doubleclick.net/pagead/ads?tfcd=1&npa=1', { index: 1, phase: 'play', tracker: tracker('Google', 'advertising', true) })]);
    expect(check.evaluate(input(makeEvidence(), analysis)).outcome).toBe('pass');
  });

  it('does not count crash reporting, first-party analytics or unknown third parties, but lists unknown hosts', () => {
    const analysis = network([
      gameFiles,
      entry('https://o1.ingest.sentry.io/api/1/envelope/', { index: 1, tracker: tracker('Sentry', 'crash-reporting') }),
      entry('https://stats.test-game.example/hit', { index: 2, party: 'first', tracker: tracker('Test Publisher', 'analytics') }),
      entry('https://cdn.unknown-host.example/lib.js', { index: 3 }),
    ]);
    const result = check.evaluate(input(makeEvidence(), analysis));
    expect(result.outcome).toBe('pass');
    expect(result.findings).toEqual([
      expect.objectContaining({ severity: 'info', data: { host: 'cdn.unknown-host.example', requests: 1 } }),
      // The pass lists what it examined, so each request is one click away in the report.
      {
        message: 'The 4 requests examined at launch.',
        severity: 'info',
        evidence: [
          { kind: 'har-entry', index: 0 },
          { kind: 'har-entry', index: 1 },
          { kind: 'har-entry', index: 2 },
          { kind: 'har-entry', index: 3 },
        ],
      },
    ]);
  });

  it('is inconclusive when the launch phase did not complete and nothing was seen', () => {
    const evidence = makeEvidence({
      phases: [{ name: 'launch', startedAt: '2026-03-02T10:00:00.000Z', status: 'failed', note: 'The page crashed' }],
    });
    expect(check.evaluate(input(evidence, network([gameFiles]))).outcome).toBe('inconclusive');
  });

  it('is inconclusive when no traffic at all was captured', () => {
    expect(check.evaluate(input(makeEvidence(), network([]))).outcome).toBe('inconclusive');
  });

  it('still fails when the launch phase broke after tracking was seen', () => {
    const evidence = makeEvidence({ phases: [{ name: 'launch', startedAt: '2026-03-02T10:00:00.000Z', status: 'failed' }] });
    const analysis = network([entry('https://app-measurement.com/a', { index: 0, tracker: tracker('Google', 'analytics') })]);
    expect(check.evaluate(input(evidence, analysis)).outcome).toBe('fail');
  });

  it('says tracking companies were contacted, not that they received requests, when only handshakes were seen', () => {
    const analysis = network([gameFiles, entry('https://t.appsflyer.com/', { index: 1, method: 'CONNECT', status: 0, tracker: tracker('AppsFlyer', 'attribution'), readability: { state: 'tls-failed', reason: "The app refused the capture's certificate for t.appsflyer.com (certificate unknown), so no request was carried." } })]);
    const result = check.evaluate(input(makeEvidence(), analysis));
    expect(result.outcome).toBe('fail');
    expect(result.summary).toBe('1 tracking company was contacted (a connection was attempted) before any privacy choice; the app refused the capture’s certificate, so what they would have been sent could not be read.');
    expect(result.findings[0]!.message).toBe('The game tried to contact AppsFlyer (attribution) at launch, before any privacy choice, in 1 connection attempt; the certificate was refused, so nothing was received: t.appsflyer.com.');
  });

  it('is inconclusive, not a pass, when an unknown third party could not be read', () => {
    const analysis = network([gameFiles, entry('https://cdn.unknown-sdk.example/v1/e', { index: 1, method: 'POST', registrableDomain: 'unknown-sdk.example', readability: { state: 'opaque', reason: 'The body is an AppLovin-encrypted payload (1:<sha1>:<key>:<payload>).' } })]);
    const result = check.evaluate(input(makeEvidence(), analysis));
    expect(result.outcome).toBe('inconclusive');
    expect(result.summary).toMatch(/^No request to an advertising, attribution or analytics company was seen at launch, but 1 request to 1 company \(unknown-sdk\.example\) could not be read/);
  });
});
