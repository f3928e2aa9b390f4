// Which Chromium a capture runs: the headless shell when Debian's is installed, the full browser
// when it is the only one, and exactly the one GAMEAUDIT_CHROMIUM names.
import { describe, expect, it } from 'vitest';
import { chromiumExecutable, chromiumInstallCommand } from '../../src/capture/web/chromium.ts';
import { UserError } from '../../src/errors.ts';

const installed = (...files: string[]) => (file: string) => files.includes(file);

describe('chromiumExecutable', () => {
  it('prefers the headless shell to the full browser when both are installed', () => {
    expect(chromiumExecutable({}, installed('/usr/bin/chromium', '/usr/bin/chromium-headless-shell'))).toBe('/usr/bin/chromium-headless-shell');
  });

  it('runs the full browser when it is the only one', () => {
    expect(chromiumExecutable({}, installed('/usr/bin/chromium'))).toBe('/usr/bin/chromium');
  });

  it('runs what GAMEAUDIT_CHROMIUM names, and refuses a path that does not exist rather than run another browser', () => {
    const exists = installed('/opt/chrome/chrome', '/usr/bin/chromium-headless-shell');
    expect(chromiumExecutable({ GAMEAUDIT_CHROMIUM: '/opt/chrome/chrome' }, exists)).toBe('/opt/chrome/chrome');
    expect(() => chromiumExecutable({ GAMEAUDIT_CHROMIUM: '/opt/chrome/chorme' }, exists)).toThrow(UserError);
    expect(() => chromiumExecutable({ GAMEAUDIT_CHROMIUM: '/opt/chrome/chorme' }, exists)).toThrow(/GAMEAUDIT_CHROMIUM names \/opt\/chrome\/chorme, which does not exist/);
  });

  it('with no Chromium at all, says which package to install', () => {
    expect(() => chromiumExecutable({}, installed())).toThrow(UserError);
    expect(() => chromiumExecutable({}, installed())).toThrow(chromiumInstallCommand);
  });
});
