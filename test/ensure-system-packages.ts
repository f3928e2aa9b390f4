// `npm test`'s pretest: the Debian packages the tests use beyond Node's own (Chromium and its emoji
// font, tmux for the assisted-capture terminal tests, openssl for checking an evidence pack with the
// standard tools alone). As root with apt (a fresh CI box or container) the missing ones are
// installed, as `npm run demo` installs Chromium; anywhere else one line says what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureChromium } from '../src/cli/demo-command.ts';

const onPath = (command: string): boolean => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const wanted: { package: string; present: () => boolean }[] = [
  { package: 'tmux', present: () => onPath('tmux') },
  { package: 'openssl', present: () => onPath('openssl') },
  { package: 'fonts-noto-color-emoji', present: () => existsSync('/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf') },
];

const missing = wanted.filter((candidate) => !candidate.present()).map((candidate) => candidate.package);
if (missing.length > 0) {
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    process.stdout.write(`The tests need ${missing.join(', ')}: installing Debian's packages (${command})…\n`);
    if (spawnSync('sh', ['-c', command], { stdio: 'inherit' }).status !== 0) {
      process.stderr.write(`pretest: installing ${missing.join(', ')} with apt-get failed; install them and run npm test again\n`);
      process.exit(1);
    }
  } else {
    process.stderr.write(`pretest: the tests need ${missing.join(', ')}; install them (Debian: ${command}) and run npm test again\n`);
    process.exit(1);
  }
}
try {
  ensureChromium((line) => void process.stdout.write(`${line}\n`));
} catch (error) {
  process.stderr.write(`pretest: ${(error as Error).message}\n`);
  process.exit(1);
}
