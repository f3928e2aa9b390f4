// End-to-end tests open generated reports in Debian's Chromium (never a downloaded browser).
import { defineConfig } from '@playwright/test';
import { chromiumExecutable, chromiumArgs } from './src/capture/web/chromium.ts';

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 180_000,
  workers: 1,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumExecutable(), args: chromiumArgs },
  },
});
