// The investigator's side of an assisted capture, key by key, on the simulated game's settings
// screen (audits/demo/android/screens/settings.xml and .png): what the session does with answers
// the terminal test does not give — Esc, a key that is not an answer, a value a switch cannot take.
// The investigator is scripted: each key is pressed only once the view shows what it answers, as a
// person reads before typing. The bundle, the recorder and the page-source reader are the real ones.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AssistedSession, type AssistedScreen } from '../../src/capture/assisted/assisted-session.ts';
import type { OperatorKey, OperatorKeys } from '../../src/capture/assisted/operator-keys.ts';
import { pageSourceProposer } from '../../src/capture/assisted/reading-proposer.ts';
import type { AssistedDisplay, AssistedViewState } from '../../src/capture/assisted/terminal-view.ts';
import { CaptureRecorder } from '../../src/capture/recorder.ts';
import { BundleWriter } from '../../src/evidence/bundle-writer.ts';
import { loadPlan } from '../../src/plan/load.ts';
import { makeEvidence } from './fixtures/evidence-factory.ts';

const screens = path.resolve('audits/demo/android/screens');
const loadedPlan = loadPlan(path.resolve('audits/demo/demo-android.yaml'));
const scratch: string[] = [];
afterEach(() => {
  for (const directory of scratch.splice(0)) rmSync(directory, { recursive: true, force: true });
});

type Step = [RegExp, OperatorKey | string];

/** Keys pressed one by one, each once the view shows the words it waits for. */
class ScriptedInvestigator implements OperatorKeys, AssistedDisplay {
  private shown = '';
  constructor(private readonly steps: Step[]) {}

  draw(state: AssistedViewState): void {
    this.shown = [state.phase, ...state.question, state.keys, ...state.messages].join('\n');
  }

  get screen(): string {
    return this.shown;
  }

  async nextKey(signal: AbortSignal): Promise<OperatorKey | undefined> {
    for (;;) {
      if (signal.aborted) return undefined;
      const [waitFor, key] = this.steps[0] ?? [];
      if (waitFor && waitFor.test(this.shown)) {
        this.steps.shift();
        return typeof key === 'string' ? { name: 'char', char: key } : key;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  close(): void {}
}

function settingsScreen(): AssistedScreen {
  const png = readFileSync(path.join(screens, 'settings.png'));
  return {
    canTakeScreenshots: true,
    screenshotSource: 'the test',
    peek: async () => png,
    async capture(recorder, caption) {
      const file = recorder.bundle.screenshot(recorder.phaseOrLaunch, caption, png);
      return { file, png, uiTree: { text: readFileSync(path.join(screens, 'settings.xml'), 'utf8'), extension: 'xml' } };
    },
  };
}

async function settingsPhase(steps: Step[]) {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-assisted-session-'));
  scratch.push(directory);
  const recorder = new CaptureRecorder(new BundleWriter(directory), loadedPlan, makeEvidence({ platform: 'android' }) as ConstructorParameters<typeof CaptureRecorder>[2]);
  recorder.enterPhase('settings');
  const investigator = new ScriptedInvestigator(steps);
  const session = new AssistedSession({
    keys: investigator,
    view: investigator,
    screen: settingsScreen(),
    proposer: pageSourceProposer(loadedPlan.plan),
    traffic: () => ({ requests: 0, companies: [] }),
    title: 'Leaky Runner',
    operator: 'Ada Investigator',
    pollMilliseconds: 20,
  });
  await session.runPhase('settings', recorder, new AbortController().signal);
  const events = readFileSync(path.join(directory, 'events.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { type: string; label?: string });
  return { session, investigator, events };
}

const enter: OperatorKey = { name: 'enter' };
const escape: OperatorKey = { name: 'escape' };
const asked = (label: string): RegExp => new RegExp(`"${label}"  `);

describe('assisted session, settings phase', () => {
  it('asks every reading before n ends the phase, and a key that is no answer asks again', async () => {
    const { session, investigator } = await settingsPhase([
      [asked('Music'), 'n'],
      [/Answer the reading first: Enter if it is right, e to edit the value, x if it is wrong\./, 'x'],
      [asked('Personalised ads'), enter],
      [asked('Share my location with friends'), enter],
      [asked('Send usage statistics'), enter],
      [asked('Who can chat with me'), enter],
      [asked('Public'), 'x'],
      [asked('Friends only'), 'x'],
      [/Not recorded: "Friends only"/, 'n'],
    ]);
    expect(session.settingsReadings.map((reading) => reading.label)).toEqual(['Personalised ads', 'Share my location with friends', 'Send usage statistics', 'Who can chat with me']);
    expect(investigator.screen).toMatch(/^settings/);
  });

  it('Esc leaves a correction unmade and the reading still asked; a switch takes on or off only', async () => {
    const { session } = await settingsPhase([
      [asked('Music'), 'e'],
      [/Value of "Music", then Enter \(Esc: back\)/, escape],
      [asked('Music'), 'e'],
      [/> on_/, { name: 'backspace' }],
      [/> o_/, { name: 'backspace' }],
      [/> _/, 'm'],
      [/> m_/, 'a'],
      [/> ma_/, 'y'],
      [/> may_/, 'b'],
      [/> mayb_/, 'e'],
      [/> maybe_/, enter],
      // Asked again, from the tool's value.
      [/A switch is on or off: type on or off\.[\s\S]*> on_|> on_[\s\S]*A switch is on or off/, { name: 'backspace' }],
      [/> o_/, 'f'],
      [/> of_/, 'f'],
      [/> off_/, enter],
      [/Reading corrected: "Music" = off/, 'x'],
      [asked('Share my location with friends'), 'x'],
      [asked('Send usage statistics'), 'x'],
      [asked('Who can chat with me'), 'x'],
      [asked('Public'), 'x'],
      [asked('Friends only'), 'x'],
      [/Not recorded: "Friends only"/, 'n'],
    ]);
    expect(session.settingsReadings).toEqual([
      expect.objectContaining({ label: 'Music', kind: 'switch', value: false, readBy: 'investigator', observationId: 'obs-001' }),
    ]);
    expect(session.recordedObservations()[0]!.reading).toMatchObject({ answer: 'edited', proposed: { value: true, source: 'page-source' } });
  });

  it('Esc on a mark records no mark; the rejected readings stay in the timeline only', async () => {
    const { session, events } = await settingsPhase([
      [asked('Music'), 'x'],
      [asked('Personalised ads'), 'x'],
      [asked('Share my location with friends'), 'x'],
      [asked('Send usage statistics'), 'x'],
      [asked('Who can chat with me'), 'x'],
      [asked('Public'), 'x'],
      [asked('Friends only'), 'x'],
      [/Not recorded: "Friends only"/, 'm'],
      [/Mark: type a note and press Enter \(Esc: no mark\)/, escape],
      [/No mark was recorded\./, 'n'],
    ]);
    expect(session.recordedObservations()).toEqual([]);
    expect(events.filter((event) => event.type === 'proposal-rejected').map((event) => event.label)).toEqual([
      'Music',
      'Personalised ads',
      'Share my location with friends',
      'Send usage statistics',
      'Who can chat with me',
      'Public',
      'Friends only',
    ]);
    expect(events.filter((event) => event.type === 'operator-mark')).toEqual([]);
  });
});
