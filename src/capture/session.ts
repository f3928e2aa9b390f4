// Runs one capture: launch → consent → settings → play, through any driver and the proxy.
// Each phase is fenced: a fault is recorded with the evidence it leaves missing, the phases
// that can still run do, and the bundle is always written and sealed.
import path from 'node:path';
import { BundleWriter } from '../evidence/bundle-writer.ts';
import { emptyHar } from '../evidence/har.ts';
import type { Evidence, EvidenceArea } from '../evidence/schema.ts';
import type { SecretMasker } from '../evidence/secret-masker.ts';
import { evidenceSchemaVersion } from '../evidence/schema.ts';
import type { LoadedPlan } from '../plan/load.ts';
import type { Phase } from '../plan/schema.ts';
import { toolVersion } from '../version.ts';
import type { CaptureDriver } from './driver.ts';
import { flattenIdentifiers } from '../plan/flatten-identifiers.ts';
import type { CaptureProxy } from './proxy/types.ts';
import { CaptureRecorder } from './recorder.ts';
import { markAfterToolConsent } from './after-tool-consent.ts';
import type { AccessibilityNode } from '../screen/screen-model.ts';

export interface CaptureProgress {
  phase: Phase | 'opening' | 'closing' | 'done';
  requests: number;
  message?: string;
}

export interface CaptureOptions {
  loadedPlan: LoadedPlan;
  driver: CaptureDriver;
  /** Stopped by the capture once the game is closed, before the final network.har is written. */
  proxy: CaptureProxy;
  bundleDir: string;
  /** Phases to run (a single-check re-capture runs fewer); default all four. */
  phases?: readonly Phase[];
  signal?: AbortSignal;
  onProgress?: (progress: CaptureProgress) => void;
  /** Masks the plan's test-account credentials in everything written. */
  masker?: SecretMasker;
  /** Upper bound on any single driver step beyond its own observation window. */
  stepTimeoutSeconds?: number;
}

export interface CaptureOutcome {
  bundleDir: string;
  evidence: Evidence;
}

/** Which evidence is left missing when a phase fails or is interrupted. */
const areasByPhase: Record<Phase | 'open' | 'final', EvidenceArea[]> = {
  open: ['network', 'identifiers', 'settings', 'consent', 'geolocation', 'permissions', 'screenshots', 'device', 'age-gate', 'package'],
  // The launch is the default behaviour the network checks judge: a launch cut short leaves its
  // traffic, and the identifiers that traffic would have shown, incomplete (review C4).
  launch: ['network', 'identifiers', 'geolocation', 'permissions', 'age-gate'],
  consent: ['consent'],
  settings: ['settings'],
  play: [],
  final: ['permissions', 'device', 'geolocation', 'package'],
};

class StepTimeout extends Error {}

async function withTimeout<T>(work: Promise<T>, seconds: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeout(`${what} did not finish within ${seconds} s`)), seconds * 1000);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runCapture(options: CaptureOptions): Promise<CaptureOutcome> {
  const { loadedPlan, driver, proxy, bundleDir } = options;
  const { plan } = loadedPlan;
  const phases = options.phases ?? (['launch', 'consent', 'settings', 'play'] as const);
  const signal = options.signal ?? new AbortController().signal;
  const stepSeconds = options.stepTimeoutSeconds ?? 60;
  const bundle = new BundleWriter(bundleDir, options.masker);
  const report = (phase: CaptureProgress['phase'], message?: string): void =>
    options.onProgress?.({ phase, requests: proxy.requestCount(), message });

  const recorder = new CaptureRecorder(bundle, loadedPlan, {
    schemaVersion: evidenceSchemaVersion,
    game: { id: plan.id, title: plan.title, publisher: plan.publisher },
    platform: driver.platform,
    target: driver.target,
    device: { kind: 'emulated-browser', name: 'not opened' },
    status: 'complete',
    incompleteReasons: [],
    startedAt: new Date().toISOString(),
    phases: [],
    screenshots: [],
    mockLocation: plan.location,
    geolocation: { calls: [] },
    permissions: [],
    permissionPrompts: [],
    consentDialogs: [],
    settings: { source: 'none', readable: false, controls: [], note: 'The settings phase did not run.' },
    storage: [],
    learnedIdentifiers: [],
    notes: [],
    firstPartyDomains: plan.firstPartyDomains,
    expectations: plan.expectations ?? {},
    knownIdentifiers: flattenIdentifiers(loadedPlan.identifiers),
    ...(loadedPlan.persona ? { persona: loadedPlan.persona } : {}),
  });
  const { draft } = recorder;

  recorder.setSnapshotTaker(async (caption) => {
    const phase = recorder.phaseOrLaunch;
    try {
      const png = await withTimeout(driver.screenshot(), stepSeconds, 'screenshot');
      const file = bundle.screenshot(phase, caption, png);
      let uiTreeFile: string | undefined;
      let nodes: AccessibilityNode[] = [];
      try {
        const tree = await withTimeout(driver.uiTree(), stepSeconds, 'UI tree');
        uiTreeFile = bundle.uiTree(file.replace(/\.png$/, `.${tree.extension}`), tree.text);
        nodes = tree.nodes ?? [];
      } catch {
        // A screenshot without its tree is still evidence.
      }
      const eventId = recorder.event('screenshot', { file, caption });
      const entry: (typeof draft.screenshots)[number] = { file, phase, takenAt: new Date().toISOString(), caption, eventId, uiTreeFile };
      draft.screenshots.push(entry);
      // Read beside the capture: the phase goes on while OCR works. The tree's nodes join the
      // model, so its .ocr.json shows what the tree named and what only the pixels showed.
      void recorder.screens.start(file, png, nodes).then((ocrFile) => {
        if (ocrFile) entry.ocrFile = ocrFile;
      });
      return file;
    } catch (error) {
      recorder.markIncomplete(`Screenshot "${caption}" could not be saved: ${(error as Error).message}`, ['screenshots']);
      return undefined;
    }
  });

  const checkpoint = (): void => {
    try {
      bundle.writeEvidence(draft);
      bundle.writeHarEntries(emptyHar(toolVersion), markAfterToolConsent(proxy.entries(), recorder.toolConsentAt));
    } catch (error) {
      recorder.note(`A checkpoint could not be written: ${(error as Error).message}`);
    }
  };

  const checkProxy = (): void => {
    const failure = proxy.failure();
    if (failure && !draft.incompleteReasons.some((reason) => reason.affects.includes('network'))) {
      recorder.markIncomplete(`The intercepting proxy stopped: ${failure.message}. Requests after that were not captured.`, ['network', 'identifiers']);
    }
  };

  const interrupted = (): boolean => {
    if (!signal.aborted) return false;
    if (!draft.incompleteReasons.some((reason) => reason.message.startsWith('Interrupted'))) {
      recorder.markIncomplete('Interrupted by the operator before the capture finished.', remainingAreas());
    }
    return true;
  };
  const completed = new Set<Phase>();
  const remainingAreas = (): EvidenceArea[] =>
    [...new Set(phases.filter((phase) => !completed.has(phase)).flatMap((phase) => areasByPhase[phase]))];

  bundle.event('capture-start', null, { game: plan.id, platform: driver.platform, target: driver.target, tool: toolVersion });
  let opened = false;
  try {
    report('opening');
    try {
      draft.device = await withTimeout(driver.open(recorder), stepSeconds * 2, 'Opening the game');
      opened = true;
    } catch (error) {
      recorder.markIncomplete(`The game could not be opened: ${(error as Error).message}`, areasByPhase.open);
      for (const phase of phases) draft.phases.push({ name: phase, startedAt: new Date().toISOString(), status: 'skipped', note: 'The game could not be opened.' });
    }

    for (const phase of opened ? phases : []) {
      if (interrupted()) {
        draft.phases.push({ name: phase, startedAt: new Date().toISOString(), status: 'skipped', note: 'Interrupted.' });
        continue;
      }
      const skipReason = driver.phaseSkipReason?.(phase);
      if (skipReason) {
        draft.phases.push({ name: phase, startedAt: new Date().toISOString(), status: 'skipped', note: skipReason });
        bundle.event('phase-skipped', phase, { reason: skipReason });
        continue;
      }
      // The readings of the screens before play finish before its timed window opens, so no OCR runs in it.
      if (phase === 'play') await recorder.screens.settled();
      recorder.enterPhase(phase);
      proxy.setPhase(phase);
      report(phase);
      const record = { name: phase, startedAt: new Date().toISOString(), status: 'complete' as 'complete' | 'failed' | 'skipped', note: undefined as string | undefined, endedAt: undefined as string | undefined };
      draft.phases.push(record);
      bundle.event('phase-start', phase);
      try {
        await runPhase(phase);
        // Drivers end their window early, without an error, when the operator interrupts: the
        // phase then did not run to its end and its evidence stays counted as missing.
        if (signal.aborted) {
          record.status = 'failed';
          record.note = 'Interrupted by the operator before the phase ended.';
        } else completed.add(phase);
      } catch (error) {
        record.status = 'failed';
        record.note = (error as Error).message;
        recorder.markIncomplete(`The ${phase} phase failed: ${(error as Error).message}`, areasByPhase[phase]);
      }
      record.endedAt = new Date().toISOString();
      bundle.event('phase-end', phase, { status: record.status });
      checkProxy();
      checkpoint();
    }

    if (opened) {
      report('closing');
      try {
        await withTimeout(driver.collectFinal(recorder), stepSeconds, 'Collecting final evidence');
      } catch (error) {
        recorder.markIncomplete(`Final evidence could not be collected: ${(error as Error).message}`, areasByPhase.final);
      }
    }
  } finally {
    recorder.enterPhase(null);
    proxy.setPhase(null);
    await driver.close().catch(() => undefined);
    // The game is closed, so the capture window is over. Stopping the proxy now, not after the
    // bundle is sealed, matters: it answers only once every exchange it saw is in the spool, and
    // an exchange that ended a moment before (a refused connection the browser already reported)
    // would otherwise miss the final network.har.
    await proxy.stop().catch(() => undefined);
    checkProxy();
    interrupted();
  }

  // Every screenshot's reading is in the bundle before it is sealed.
  await recorder.screens.settled();
  draft.endedAt = new Date().toISOString();
  bundle.event('capture-end', null, { status: draft.status });
  checkpoint();
  const evidence = bundle.writeEvidence(draft);
  await bundle.seal({ evidence, planSource: loadedPlan.source });
  report('done');
  return { bundleDir: path.resolve(bundleDir), evidence };

  async function runPhase(phase: Phase): Promise<void> {
    // An investigator's phase takes as long as they need: only the tool's own steps are timed.
    const limit = <T>(work: Promise<T>, seconds: number, what: string): Promise<T> => (driver.handDriven ? work : withTimeout(work, seconds, what));
    switch (phase) {
      case 'launch': {
        const seconds = plan.session.launchSeconds;
        // OCR waits until the timed window is over (screen-readings.ts).
        recorder.screens.hold();
        try {
          await limit(driver.observeLaunch(recorder, seconds, signal), seconds + stepSeconds, 'The launch phase');
          await recorder.snapshot('Game after launch, no interaction');
        } finally {
          recorder.screens.release();
        }
        return;
      }
      case 'consent':
        await limit(driver.handleConsent(recorder, signal), stepSeconds, 'The consent phase');
        return;
      case 'settings':
        await limit(driver.readSettings(recorder, signal), stepSeconds, 'The settings phase');
        return;
      case 'play': {
        const seconds = plan.session.playSeconds;
        recorder.screens.hold();
        try {
          if (seconds > 0 || driver.handDriven) await limit(driver.play(recorder, seconds, signal), seconds + stepSeconds, 'The play phase');
          await recorder.snapshot('Game after play');
        } finally {
          recorder.screens.release();
        }
        return;
      }
    }
  }
}
