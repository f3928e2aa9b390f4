// `run --resume` of a run started with --assisted (and --without-appium) plays the rest of the run
// the same way, without the flags repeated: run.json remembers how the games were played. The
// phone is the one of assisted-without-appium.test.ts with no screenshot source at all (no adb,
// no Appium), so only the terminal and the proxy are real here; nothing runs on a real phone.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EvidenceSchema } from '../../src/evidence/schema.ts';
import { freeLocalPort } from '../fixtures/programmes/demo-copies.ts';
import { projectRoot } from '../helpers/run-cli.ts';
import { TmuxTerminal } from '../helpers/tmux-terminal.ts';

const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-assisted-resume-'));
const terminals: TmuxTerminal[] = [];
afterAll(() => {
  for (const terminal of terminals) terminal.close();
  rmSync(workspace, { recursive: true, force: true });
});

/** A phone game whose plan does not ask for assisted capture: only --assisted makes it so. */
function writeProgramme(folder: string): string {
  writeFileSync(
    path.join(folder, 'phone-game.yaml'),
    ['id: phone-game', 'title: Phone Game', 'publisher: Phone Games Ltd', 'firstPartyDomains: [phonegame.test]', 'platforms:', '  android:', '    package: com.phonegames.game', 'session: { launchSeconds: 3, playSeconds: 0 }', 'demo: { origins: {} }'].join('\n'),
  );
  const programme = path.join(folder, 'programme.yaml');
  writeFileSync(programme, ['name: phone programme', 'games: [phone-game.yaml]', 'devices:', '  - { id: usb-phone, platform: android, serial: R58M12345 }'].join('\n'));
  return programme;
}

function terminalRunning(args: string, folder: string): TmuxTerminal {
  const terminal = new TmuxTerminal(`node bin/gameaudit.js run ${args}; echo GAMEAUDIT-EXIT=$?; sleep 600`, {
    cwd: projectRoot,
    env: { GAMEAUDIT_ADB: path.join(folder, 'no-adb-here'), GAMEAUDIT_OPERATOR: 'Ada Investigator' },
  });
  terminals.push(terminal);
  return terminal;
}

describe('run --resume of an assisted run', () => {
  it('plays the rest assisted, without Appium, as the run was started', { timeout: 240_000 }, async () => {
    const folder = mkdtempSync(path.join(workspace, 'run-'));
    const programme = writeProgramme(folder);
    const port = await freeLocalPort();
    const caDir = path.join(folder, 'ca');
    const first = terminalRunning(`--programme ${programme} --assisted --without-appium --proxy-port ${port} --ca-dir ${caDir} --out ${path.join(folder, 'runs')}`, folder);
    const [, runDir] = await first.waitFor(/Run folder: (\S+)/);
    await first.waitFor(/Phase: launch/);
    first.keys('C-c');
    const [, firstExit] = await first.waitFor(/GAMEAUDIT-EXIT=(\d+)/, 120_000);
    expect(firstExit).toBe('130');

    // Neither --assisted nor --without-appium is given again.
    const resumed = terminalRunning(`--resume ${runDir} --proxy-port ${port} --ca-dir ${caDir}`, folder);
    await resumed.waitFor(/Phase: launch/, 120_000);
    await resumed.waitFor(/The launch has been watched/);
    resumed.keys('q');
    const [, resumedExit] = await resumed.waitFor(/GAMEAUDIT-EXIT=(\d+)/, 120_000);
    expect(resumedExit).toBe('0');

    const evidence = EvidenceSchema.parse(JSON.parse(readFileSync(path.join(runDir!, 'phone-game', 'android', 'evidence.json'), 'utf8')));
    expect(evidence.status).toBe('complete');
    expect(evidence.assisted?.operator).toBe('Ada Investigator');
    expect(evidence.assisted?.screenshotSource).toBe('none');
  });
});
