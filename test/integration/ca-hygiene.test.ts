// Reliability probe 2026-12, defect 7 (rows 4-ca-dir-shared, 4-ca-dir-prekey, 4-keep-ca, 3-kill-5,
// 3-dint-6): --ca-dir chmod-ed the user's folder, a new CA key went into an existing 0644 file,
// --keep-ca never said where the key was, and a killed run's CA key and Chromium profiles stayed
// in the temporary folder for good. Runs use the offline demo-careful plan; each run gets its own
// TMPDIR so the folders it leaves are told apart from any other run on the machine.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareCaFolder, writePrivateKeyFile } from '../../src/capture/proxy/ca-folder.ts';
import { removeAbandonedTempFolders } from '../../src/capture/owned-temp-folder.ts';
import { copyDemoPlan } from '../fixtures/programmes/demo-copies.ts';
import { projectRoot, runCli } from '../helpers/run-cli.ts';

const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-ca-hygiene-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));
const carefulPlan = path.join(projectRoot, 'audits/demo/demo-careful.yaml');
const mode = (file: string): number => statSync(file).mode & 0o7777;

describe('--ca-dir', () => {
  it('refuses a folder others can enter, in one line, and leaves its mode alone', () => {
    const shared = path.join(workspace, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    const refused = runCli(['run', '--plan', carefulPlan, '--ca-dir', shared, '--out', path.join(workspace, 'runs-shared')]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toBe(`gameaudit: --ca-dir ${shared}: mode 1777 lets other users in, and the CA's private key goes there; give a new folder, or one only you can open (chmod 700 ${shared})\n`);
    expect(mode(shared)).toBe(0o1777);
    expect(existsSync(path.join(workspace, 'runs-shared'))).toBe(false);
  });

  it('refuses an existing ca.key that others can read, and leaves it as it was', () => {
    const folder = path.join(workspace, 'prekey');
    mkdirSync(folder, { mode: 0o700 });
    writeFileSync(path.join(folder, 'ca.key'), 'old\n');
    chmodSync(path.join(folder, 'ca.key'), 0o644);
    expect(() => prepareCaFolder(folder)).toThrow(`--ca-dir ${folder}: ca.key has mode 644, so other users can read the CA's private key; remove it (a new CA is made) or chmod 600 ${path.join(folder, 'ca.key')} if it is yours`);
    expect(readFileSync(path.join(folder, 'ca.key'), 'utf8')).toBe('old\n');
    expect(mode(path.join(folder, 'ca.key'))).toBe(0o644);
  });

  it('a new folder is made 0700, and a key is written into a new 0600 file even where a wider one was', () => {
    const folder = path.join(workspace, 'new-ca');
    prepareCaFolder(folder);
    expect(mode(folder)).toBe(0o700);
    const key = path.join(folder, 'ca.key');
    writeFileSync(key, 'old\n', { mode: 0o644 });
    chmodSync(key, 0o644);
    writePrivateKeyFile(key, '-----BEGIN PRIVATE KEY-----\n');
    expect(mode(key)).toBe(0o600);
    expect(readFileSync(key, 'utf8')).toBe('-----BEGIN PRIVATE KEY-----\n');
  });
});

describe('what a run leaves in the temporary folder', () => {
  it('removes only marked folders whose process is gone', () => {
    const root = path.join(workspace, 'sweep');
    mkdirSync(root);
    const deadPid = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const marked = (name: string, pid: number): string => {
      mkdirSync(path.join(root, name));
      writeFileSync(path.join(root, name, '.gameaudit-owner.json'), JSON.stringify({ pid, host: os.hostname() }));
      return path.join(root, name);
    };
    const abandoned = marked('gameaudit-ca-dead01', Number(deadPid));
    marked('gameaudit-profile-live01', process.pid);
    mkdirSync(path.join(root, 'gameaudit-ca-kept01'));
    mkdirSync(path.join(root, 'someone-else-dead01'));
    writeFileSync(path.join(root, 'someone-else-dead01', '.gameaudit-owner.json'), JSON.stringify({ pid: Number(deadPid), host: os.hostname() }));
    expect(removeAbandonedTempFolders(root)).toEqual([abandoned]);
    expect(readdirSync(root).sort()).toEqual(['gameaudit-ca-kept01', 'gameaudit-profile-live01', 'someone-else-dead01']);
  });

  it('a process that quits by process.exit (as on a second Ctrl-C) removes its own marked folders, but not a kept one', () => {
    const temporary = path.join(workspace, 'tmp-exit');
    mkdirSync(temporary, { mode: 0o700 });
    const script = [
      `import { createOwnedTempFolder, releaseOwnedTempFolder } from ${JSON.stringify(path.join(projectRoot, 'src/capture/owned-temp-folder.ts'))};`,
      "createOwnedTempFolder('gameaudit-ca-'); createOwnedTempFolder('gameaudit-profile-');",
      "const kept = createOwnedTempFolder('gameaudit-ca-'); releaseOwnedTempFolder(kept);",
      'process.stdout.write(kept); process.exit(130);',
    ].join('\n');
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: projectRoot, env: { ...process.env, TMPDIR: temporary }, encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(130);
    expect(readdirSync(temporary).filter((name) => name.startsWith('gameaudit-'))).toEqual([path.basename(child.stdout)]);
  });

  it('after a SIGKILL, the next run removes the CA key and Chromium profile the killed one left; --keep-ca says where its key is and keeps it', async () => {
    const temporary = path.join(workspace, 'tmp');
    mkdirSync(temporary, { mode: 0o700 });
    for (const folder of ['plans', 'plans2']) mkdirSync(path.join(workspace, folder));
    const plan = copyDemoPlan('demo-careful', path.join(workspace, 'plans'), { launchSeconds: 30, playSeconds: 0 });
    const env = { ...process.env, TMPDIR: temporary, GAMEAUDIT_SIGNING_KEY: '' };
    const killed = spawn(process.execPath, [path.join(projectRoot, 'bin/gameaudit.js'), 'run', '--plan', plan, '--out', path.join(workspace, 'runs-killed')], { cwd: projectRoot, env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      killed.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        if (/demo-careful \(web\): launch/.test(stderr)) resolve();
      });
      killed.on('exit', () => reject(new Error(`the run ended before its launch phase:\n${stderr}`)));
    });
    const exited = new Promise((resolve) => killed.on('exit', resolve));
    process.kill(-killed.pid!, 'SIGKILL');
    await exited;
    const left = readdirSync(temporary).filter((name) => name.startsWith('gameaudit-'));
    expect(left.some((name) => name.startsWith('gameaudit-ca-'))).toBe(true);
    expect(left.some((name) => name.startsWith('gameaudit-profile-'))).toBe(true);

    const next = runCli(['run', '--plan', copyDemoPlan('demo-careful', path.join(workspace, 'plans2'), { launchSeconds: 1, playSeconds: 0 }), '--out', path.join(workspace, 'runs-next'), '--keep-ca'], { env });
    expect(next.exitCode, next.stderr).toBe(0);
    for (const name of left) expect(existsSync(path.join(temporary, name)), name).toBe(false);
    const kept = /--keep-ca: the run's CA is kept after the run: private key (\S+) \(mode 0600\), certificate (\S+);/.exec(next.stderr);
    expect(kept, next.stderr).not.toBeNull();
    expect(path.dirname(kept![1]!).startsWith(path.join(temporary, 'gameaudit-ca-'))).toBe(true);
    expect(mode(kept![1]!)).toBe(0o600);
    expect(readFileSync(kept![1]!, 'utf8')).toContain('PRIVATE KEY');
    // The kept CA is not marked, so no later run sweeps it; the profiles of the finished run are gone.
    expect(removeAbandonedTempFolders(temporary)).toEqual([]);
    expect(readdirSync(temporary).filter((name) => name.startsWith('gameaudit-'))).toEqual([path.basename(path.dirname(kept![1]!))]);
  });
});
