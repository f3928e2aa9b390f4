// The first page's operator and game version (issue 21, items 15 and 18; report-reading-2026-12.md:
// "Operator: root", an OS account, and "Game version: Not recorded" on every game). Results are the
// demo run's (test/fixtures/results/demo-run); the Android package is Appium's real settings APK
// (node_modules/io.appium.settings), whose version `aapt dump badging` prints as 8.0.10, code 192.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { operatorIdentity } from '../../src/evidence/operator.ts';
import { inspectPackage } from '../../src/inspect/inspect-package.ts';
import { gameVersionWords, operatorWords } from '../../src/report/capture-facts.ts';
import { ResultSchema } from '../../src/scoring/result-schema.ts';

const fixtures = new URL('../fixtures/results/demo-run/', import.meta.url).pathname;
const leaky = ResultSchema.parse(JSON.parse(readFileSync(path.join(fixtures, 'demo-leaky', 'web', 'result.json'), 'utf8')));
const scratch = mkdtempSync(path.join(os.tmpdir(), 'capture-facts-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('who ran the capture', () => {
  it('says when the name is the computer account because GAMEAUDIT_OPERATOR was not set', () => {
    expect(operatorWords({ operator: 'root', operatorSource: 'computer account' })).toBe('root (the computer account: GAMEAUDIT_OPERATOR was not set)');
    expect(operatorWords({ operator: 'A. Investigator', operatorSource: 'GAMEAUDIT_OPERATOR' })).toBe('A. Investigator');
    expect(operatorWords({ operator: 'investigator-7' })).toBe("investigator-7 (whether this is a person's name or the computer account was not recorded)");
  });

  it('records where the name came from', () => {
    const before = process.env.GAMEAUDIT_OPERATOR;
    try {
      process.env.GAMEAUDIT_OPERATOR = '  B. Reviewer ';
      expect(operatorIdentity()).toEqual({ name: 'B. Reviewer', source: 'GAMEAUDIT_OPERATOR' });
      delete process.env.GAMEAUDIT_OPERATOR;
      expect(operatorIdentity()).toEqual({ name: os.userInfo().username, source: 'computer account' });
    } finally {
      if (before === undefined) delete process.env.GAMEAUDIT_OPERATOR;
      else process.env.GAMEAUDIT_OPERATOR = before;
    }
  });
});

describe('which version of the game was captured', () => {
  it('reads an Android game\'s version from the package the capture inspected', async () => {
    const apk = new URL('../../node_modules/io.appium.settings/apks/settings_apk-debug.apk', import.meta.url).pathname;
    const packageInspection = await inspectPackage(apk);
    const android = { ...leaky, platform: 'android' as const, observations: { ...leaky.observations!, packageInspection } };
    expect(gameVersionWords(android)).toBe('8.0.10 (version code 192), read from the installed package');
  });

  it('says when the inspected package declares no readable version, rather than that none was inspected', async () => {
    const apk = new URL('../../node_modules/io.appium.settings/apks/settings_apk-debug.apk', import.meta.url).pathname;
    const packageInspection = await inspectPackage(apk);
    const manifests = packageInspection.android!.manifests.map((manifest) => ({ ...manifest, versionName: undefined, versionCode: undefined }));
    const android = { ...leaky, platform: 'android' as const, observations: { ...leaky.observations!, packageInspection: { ...packageInspection, android: { ...packageInspection.android!, manifests } } } };
    expect(gameVersionWords(android)).toBe('Not recorded: the inspected package declares no version that could be read');
  });

  it('says a web build\'s version is not read, and what was recorded instead', () => {
    expect(gameVersionWords(leaky)).toBe('Not recorded: the capture does not read a web build’s version; it recorded the game’s address and the capture time instead');
  });

  it('says an imported file names no version', () => {
    const imported = { ...leaky, bundle: { ...leaky.bundle, importedHar: { tool: 'HTTP Toolkit', phaseSource: 'all-unknown' } } } as unknown as typeof leaky;
    expect(gameVersionWords(imported)).toBe('Not recorded: the imported file does not say which version of the game made the traffic');
  });
});
