import { defineConfig } from 'vitest/config';

// The load test measures nothing, but it must push 10,000 requests through the real proxy and
// Chromium within its launch window; with other Chromium or Appium tests beside it on this 2-core
// machine it ran out of its one-minute window (CI, stop 25). It now has a longer window and runs
// alone, after the rest.
const runsAlone = ['test/integration/fault-load.test.ts'];

export default defineConfig({
  test: {
    // Integration tests start real Chromium, proxies and Appium servers: give them room, and do
    // not run more of them at once than this 2-core machine can carry.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          exclude: runsAlone,
          maxWorkers: 2,
          fileParallelism: true,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'alone',
          include: runsAlone,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
