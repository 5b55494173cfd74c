import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Integration tests share one engine and 2 cores; a few files at a time is fastest.
    maxWorkers: 3,
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'tcompose',
          include: ['test/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 300_000,
        },
      },
      // The CI-environment example runs as users would run it: globalSetup brings the stack up once.
      'examples/ci-env/vitest.config.ts',
    ],
  },
});
