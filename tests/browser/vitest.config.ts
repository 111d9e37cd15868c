import { defineConfig } from 'vitest/config';

// Browser tests share one server (started in global setup) and run one file at a time:
// each file drives a real Chromium, and the server is a single process.
export default defineConfig({
  test: {
    include: ['*.test.ts', 'support/**/*.test.ts'],
    globalSetup: ['./support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    maxWorkers: 1,
    pool: 'forks',
  },
});
