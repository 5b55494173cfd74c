// How a project uses tcompose in its own test suite: one environment per test run.
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    // Inside this repository, `tcompose` is the source next door; users get it from npm.
    alias: { tcompose: fileURLToPath(new URL('../../src/index.ts', import.meta.url)) },
  },
  test: {
    name: 'ci-env example',
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
