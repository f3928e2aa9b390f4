// Issue 20, "Evidence that travels": an operator's Ed25519 key (keys create), manifests and result
// seals signed with it, verify naming the signer, and a pack that checks with sha256sum and
// openssl alone — and stops checking when one byte changes. The bundle is built like a capture
// writes one (score-fixture-bundle.ts, modelled on the demo's leaky game) and scored by the CLI.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, runCli } from '../helpers/run-cli.ts';
import { buildBundle } from './score-fixture-bundle.ts';

const workspace = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-signing-'));
const keyPath = path.join(workspace, 'keys', 'investigator.pem');
const signed = { GAMEAUDIT_SIGNING_KEY: keyPath };
const bundle = path.join(workspace, 'runs', 'r1', 'demo-leaky', 'web');
let fingerprint = '';

function unpack(zipFile: string, into: string): void {
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(zipFile)))) {
    mkdirSync(path.dirname(path.join(into, name)), { recursive: true });
    writeFileSync(path.join(into, name), bytes);
  }
}

function tool(command: string, args: string[], cwd: string): { status: number | null; output: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function flipOneByte(file: string, offset: number): void {
  const bytes = readFileSync(file);
  bytes[offset] = bytes[offset]! ^ 0x01;
  writeFileSync(file, bytes);
}

beforeAll(async () => {
  const created = runCli(['keys', 'create', '--out', keyPath, '--name', 'A. Investigator'], { env: signed });
  expect(created.exitCode).toBe(0);
  fingerprint = /Fingerprint: ([0-9a-f]{64})/.exec(created.stdout)![1]!;
  // The bundle is written in this process, so the key must be set before its first seal.
  process.env.GAMEAUDIT_SIGNING_KEY = keyPath;
  await buildBundle(bundle, 'leaky');
  expect(runCli(['score', bundle], { env: signed }).exitCode).toBe(0);
});
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('gameaudit keys create', () => {
  it('writes the private key 0600 and the public key beside it, and never overwrites one', () => {
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(workspace, 'keys', 'investigator.pub.pem'), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const again = runCli(['keys', 'create', '--out', keyPath]);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toBe(`gameaudit: keys create: ${keyPath} already exists; a signing key is never overwritten (give --out <new file>, or remove the old key first)\n`);
  });

  it('refuses to put a private key inside a git repository', () => {
    const inRepo = path.join(projectRoot, '.tmp-signing-key.pem');
    const refused = runCli(['keys', 'create', '--out', inRepo]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain(`is inside the git repository ${projectRoot}; a private key must live outside any repository`);
  });

  it('a key others can read is refused before anything is written, in one line', () => {
    const loose = path.join(workspace, 'loose', 'key.pem');
    expect(runCli(['keys', 'create', '--out', loose]).exitCode).toBe(0);
    chmodSync(loose, 0o644);
    const refused = runCli(['score', bundle], { env: { GAMEAUDIT_SIGNING_KEY: loose } });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toBe(`gameaudit: signing key ${loose}: mode 644 lets other users read it; run chmod 600 ${loose}\n`);
  });
});

describe('signed bundles', () => {
  it('verify checks the manifest and result signatures and names the signer', () => {
    const verify = runCli(['verify', bundle], { env: signed });
    expect(verify.exitCode).toBe(0);
    expect(verify.stdout).toContain(`  manifest.json: signed by A. Investigator (key sha256 ${fingerprint})\n`);
    expect(verify.stdout).toContain(`  result.json: signed by A. Investigator (key sha256 ${fingerprint})\n`);
  });

  it('verify --signed-by accepts the signer it was told of and refuses any other key', () => {
    expect(runCli(['verify', bundle, '--signed-by', fingerprint], { env: signed }).exitCode).toBe(0);
    const other = 'f'.repeat(64);
    const refused = runCli(['verify', bundle, '--signed-by', other], { env: signed });
    expect(refused.exitCode).toBe(5);
    expect(refused.stdout).toContain(`  problem: manifest.json is not signed by the key ${other}\n`);
    expect(refused.stdout).toContain(`  problem: result.json's seal is not signed by the key ${other}\n`);
  });

  it('a manifest signature that does not match fails verify', () => {
    const copy = path.join(workspace, 'runs', 'r2', 'demo-leaky', 'web');
    mkdirSync(path.dirname(copy), { recursive: true });
    spawnSync('cp', ['-r', bundle, copy]);
    flipOneByte(path.join(copy, 'manifest.json.sig'), 10);
    const verify = runCli(['verify', copy], { env: signed });
    expect(verify.exitCode).toBe(5);
    expect(verify.stdout).toContain("problem: manifest.json.sig does not match manifest.json: the file changed after it was signed, or the signature is not A. Investigator's");
  });
});

describe('gameaudit pack', () => {
  const zip = path.join(workspace, 'leaky-evidence.zip');
  const unpacked = path.join(workspace, 'unpacked');
  const folder = 'bundles/01-demo-leaky-web';

  beforeAll(() => {
    const packed = runCli(['pack', bundle, '--out', zip], { env: signed });
    expect(packed.exitCode).toBe(0);
    expect(packed.stdout).toContain(`signed by A. Investigator, key sha256 ${fingerprint}`);
    unpack(zip, unpacked);
  });

  it('holds the evidence, manifest, signatures, result, public key and the plain-text how-to', () => {
    const sums = readFileSync(path.join(unpacked, 'SHA256SUMS'), 'utf8');
    for (const file of ['HOW-TO-VERIFY.txt', 'packer.pub.pem', `${folder}/network.har`, `${folder}/evidence.json`, `${folder}/events.ndjson`, `${folder}/manifest.json`, `${folder}/manifest.json.sig`, `${folder}/signer.pub.pem`, `${folder}/result.json`, `${folder}/result.seal.json`, `${folder}/result.seal.json.sig`, `${folder}/screens/01-launch-game-screen.png`]) {
      expect(sums).toContain(`  ${file}\n`);
    }
    const howTo = readFileSync(path.join(unpacked, 'HOW-TO-VERIFY.txt'), 'utf8');
    expect(howTo).toContain('    sha256sum -c SHA256SUMS\n');
    expect(howTo).toContain('    openssl pkeyutl -verify -pubin -inkey packer.pub.pem -rawin -in SHA256SUMS -sigfile SHA256SUMS.sig\n');
    expect(howTo).toContain(`  must print ${fingerprint}\n`);
  });

  it('verifies with sha256sum and openssl alone, following HOW-TO-VERIFY.txt', () => {
    const sums = tool('sha256sum', ['-c', 'SHA256SUMS'], unpacked);
    expect(sums.status).toBe(0);
    expect(sums.output).toContain(`${folder}/network.har: OK`);
    const packSignature = tool('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'packer.pub.pem', '-rawin', '-in', 'SHA256SUMS', '-sigfile', 'SHA256SUMS.sig'], unpacked);
    expect(packSignature).toEqual({ status: 0, output: 'Signature Verified Successfully\n' });
    const manifestSignature = tool('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', `${folder}/signer.pub.pem`, '-rawin', '-in', `${folder}/manifest.json`, '-sigfile', `${folder}/manifest.json.sig`], unpacked);
    expect(manifestSignature).toEqual({ status: 0, output: 'Signature Verified Successfully\n' });
    const der = spawnSync('openssl', ['pkey', '-pubin', '-in', 'packer.pub.pem', '-outform', 'DER'], { cwd: unpacked });
    expect(spawnSync('sha256sum', [], { input: der.stdout, encoding: 'utf8' }).stdout).toBe(`${fingerprint}  -\n`);
  });

  it('fails when one byte of the evidence or of a signed manifest changes', () => {
    flipOneByte(path.join(unpacked, folder, 'network.har'), 40);
    const sums = tool('sha256sum', ['-c', 'SHA256SUMS'], unpacked);
    expect(sums.status).toBe(1);
    expect(sums.output).toContain(`${folder}/network.har: FAILED`);
    flipOneByte(path.join(unpacked, folder, 'manifest.json'), 20);
    const manifestSignature = tool('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', `${folder}/signer.pub.pem`, '-rawin', '-in', `${folder}/manifest.json`, '-sigfile', `${folder}/manifest.json.sig`], unpacked);
    expect(manifestSignature.status).toBe(1);
    expect(manifestSignature.output).toContain('Signature Verification Failure');
    flipOneByte(path.join(unpacked, 'SHA256SUMS'), 3);
    expect(tool('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'packer.pub.pem', '-rawin', '-in', 'SHA256SUMS', '-sigfile', 'SHA256SUMS.sig'], unpacked).status).toBe(1);
  });

  it('--publish packs only the published summary: no evidence, manifest, coordinates or device', () => {
    const published = path.join(workspace, 'published.zip');
    expect(runCli(['pack', bundle, '--publish', '--out', published], { env: signed }).exitCode).toBe(0);
    const files = unzipSync(readFileSync(published));
    expect(Object.keys(files).sort()).toEqual(['HOW-TO-VERIFY.txt', 'SHA256SUMS', 'SHA256SUMS.sig', 'packer.pub.pem', 'published/index.html', 'published/summary.csv', 'published/summary.json']);
    const text = Object.values(files).map((bytes) => Buffer.from(bytes).toString('utf8')).join('\n');
    for (const secret of ['51.501364', 'ca-pub-0000000000000000', 'Pixel 7', 'doubleclick']) expect(text).not.toContain(secret);
    expect(Buffer.from(files['published/summary.csv']!).toString('utf8')).toContain('Bubble Pop Party');
  });

  it('refuses to overwrite a pack without --force, and a bundle that does not verify', () => {
    const again = runCli(['pack', bundle, '--out', zip], { env: signed });
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toBe(`gameaudit: --out ${zip}: already exists; add --force to replace it, or give a new name\n`);
    writeFileSync(path.join(bundle, 'events.ndjson'), `${readFileSync(path.join(bundle, 'events.ndjson'), 'utf8')}{}\n`);
    const tampered = runCli(['pack', bundle, '--out', path.join(workspace, 'tampered.zip')], { env: signed });
    expect(tampered.exitCode).toBe(5);
    expect(tampered.stderr).toBe(`gameaudit: ${bundle}: not packed, the evidence does not verify (events.ndjson changed (its sha256 differs from the manifest))\n`);
  });
});
