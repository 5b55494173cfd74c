import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 300_000,
    // Integration tests share one engine and 2 cores; a few files at a time is fastest.
    maxWorkers: 3,
    reporters: ['default'],
  },
});
