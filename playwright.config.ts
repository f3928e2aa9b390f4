// End-to-end tests open generated reports in Debian's Chromium (never a downloaded browser).
import { defineConfig } from '@playwright/test';
import { chromiumExecutable, chromiumArgs } from './src/capture/web/chromium.ts';

export default defineConfig({
  testDir: 'test/e2e',
  // The demo runs five games, two of them as three personas each: its beforeAll needs minutes on two cores.
  timeout: 600_000,
  workers: 1,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumExecutable(), args: chromiumArgs },
  },
});
